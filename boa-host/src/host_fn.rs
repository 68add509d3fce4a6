//! Host functions: Rust closures exposed to the program's JS, so a plugin
//! can call back into its embedder — synchronously ([`HostFn::new`]), or
//! returning a Promise the host settles later, from any thread
//! ([`HostFn::promise`] and its [`Resolver`]).

use crate::{
    convert::{FromJsArgs, IntoJs, IntoJsResult},
    event_loop::external::Ticket,
    host::{HostData, NativeFn},
};
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    object::{FunctionObjectBuilder, builtins::JsPromise},
};
use std::rc::Rc;

/// A Rust function that JS code of the program can call; define it with
/// [`Program::host_fn`](crate::Program::host_fn) (before the program starts)
/// or [`Session::host_fn`](crate::Session::host_fn).
///
/// ```
/// use gojs_boa::HostFn;
/// // Arguments arrive as a tuple of Rust types; a `Result`'s error becomes
/// // a thrown JS `Error`.
/// let add = HostFn::new(|(a, b): (f64, f64)| a + b);
/// let parse = HostFn::new(|(s,): (String,)| s.parse::<i32>().map_err(|e| e.to_string()));
/// // A Promise, resolved later (here from another thread).
/// let later = HostFn::promise(|(ms,): (u64,), resolver| {
///     std::thread::spawn(move || {
///         std::thread::sleep(std::time::Duration::from_millis(ms));
///         resolver.resolve("done");
///     });
/// });
/// # let _ = (add, parse, later);
/// ```
#[derive(Clone)]
pub struct HostFn {
    call: NativeFn,
    length: usize,
}

impl core::fmt::Debug for HostFn {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HostFn")
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl HostFn {
    /// A synchronous function: `f` gets the arguments converted to `A`
    /// (a `TypeError` is thrown to JS if they do not convert) and returns a
    /// value, or a `Result` whose error is thrown as a JS `Error`.
    pub fn new<A, R, F>(f: F) -> Self
    where
        A: FromJsArgs,
        R: IntoJsResult,
        F: Fn(A) -> R + 'static,
    {
        Self {
            call: Rc::new(move |_, args, ctx| {
                let args = A::from_js_args(args, ctx)?;
                f(args).into_js_result(ctx)
            }),
            length: 0,
        }
    }

    /// A function returning a Promise: `f` gets the arguments and a
    /// [`Resolver`], which it may settle at once, keep, or send to another
    /// thread. While the resolver is alive the program is not idle: the
    /// event loop waits for it (an `await` of the promise with no deadline
    /// waits for ever). A resolver dropped unsettled rejects the promise.
    pub fn promise<A, F>(f: F) -> Self
    where
        A: FromJsArgs,
        F: Fn(A, Resolver) + 'static,
    {
        Self {
            call: Rc::new(move |_, args, ctx| {
                let args = A::from_js_args(args, ctx)?;
                let (promise, resolver) = Resolver::new(ctx)?;
                f(args, resolver);
                Ok(promise.into())
            }),
            length: 0,
        }
    }

    /// A function with boa's own signature (`this`, the arguments as they
    /// came, the context), for what the typed forms cannot express.
    pub fn raw<F>(f: F) -> Self
    where
        F: Fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue> + 'static,
    {
        Self {
            call: Rc::new(f),
            length: 0,
        }
    }

    /// Sets the function's `length` (the number of arguments it declares).
    #[must_use]
    pub fn with_length(mut self, length: usize) -> Self {
        self.length = length;
        self
    }

    /// The JS function object for this host function in `ctx`'s world, named
    /// `name`. The closure is kept in the world's host data and the JS
    /// function holds only the world's id and the closure's index (so no
    /// Rust closure lives inside boa's garbage-collected heap); called from
    /// another program's world, it throws a `TypeError`.
    pub(crate) fn into_function(self, name: &str, ctx: &mut Context) -> JsResult<JsObject> {
        let data = HostData::of(ctx)?;
        let index = {
            let mut fns = data.host_fns.borrow_mut();
            fns.push(self.call);
            fns.len() - 1
        };
        let Ok(index) = u32::try_from(index) else {
            return Err(JsNativeError::range()
                .with_message("too many host functions in one program")
                .into());
        };
        let key = (u64::from(data.id) << 32) | u64::from(index);
        let native = NativeFunction::from_copy_closure_with_captures(
            |this, args, key: &u64, ctx| {
                let data = HostData::of(ctx)?;
                let (world, index) = ((key >> 32) as u32, *key as u32 as usize);
                let f = match data.host_fns.borrow().get(index) {
                    Some(f) if world == data.id => f.clone(),
                    _ => {
                        return Err(JsNativeError::typ()
                            .with_message("a host function was called from another program")
                            .into());
                    }
                };
                f(this, args, ctx)
            },
            key,
        );
        Ok(FunctionObjectBuilder::new(ctx.realm(), native)
            .name(JsString::from(name))
            .length(self.length)
            .build()
            .into())
    }
}

/// Settles the Promise a [`HostFn::promise`] returned. `Send`: it may be
/// settled from any thread; the value is converted on the program's thread
/// when the event loop picks it up.
pub struct Resolver {
    ticket: Ticket<Settlement>,
}

impl core::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Resolver").finish_non_exhaustive()
    }
}

type Convert = Box<dyn FnOnce(&mut Context) -> JsResult<JsValue> + Send>;

enum Settlement {
    Fulfil(Convert),
    Reject(String),
}

impl Resolver {
    fn new(ctx: &mut Context) -> JsResult<(JsPromise, Resolver)> {
        let (promise, functions) = JsPromise::new_pending(ctx);
        let ticket = HostData::of(ctx)?.event_loop.external.register(
            move |ctx, settlement: Option<Settlement>| {
                let outcome = match settlement {
                    Some(Settlement::Fulfil(convert)) => convert(ctx).map_err(|e| opaque(e, ctx)),
                    Some(Settlement::Reject(message)) => Err(error(&message, ctx)),
                    None => Err(error(
                        "the host function dropped its Resolver without settling the promise",
                        ctx,
                    )),
                };
                match outcome {
                    Ok(v) => functions.resolve.call(&JsValue::undefined(), &[v], ctx),
                    Err(e) => functions.reject.call(&JsValue::undefined(), &[e], ctx),
                }
                .map(drop)
            },
        );
        Ok((promise, Resolver { ticket }))
    }

    /// Fulfils the promise with `value`.
    pub fn resolve(self, value: impl IntoJs + Send + 'static) {
        self.ticket
            .complete(Settlement::Fulfil(Box::new(move |ctx| value.into_js(ctx))));
    }

    /// Rejects the promise with `new Error(message)`.
    pub fn reject(self, message: impl Into<String>) {
        self.ticket.complete(Settlement::Reject(message.into()));
    }
}

fn error(message: &str, ctx: &mut Context) -> JsValue {
    opaque(
        JsNativeError::error()
            .with_message(message.to_owned())
            .into(),
        ctx,
    )
}

/// The JS value of an error, to reject a promise with (an engine error,
/// which JS cannot see, is described in a plain `Error`).
fn opaque(e: JsError, ctx: &mut Context) -> JsValue {
    e.into_opaque(ctx).unwrap_or_else(|engine| {
        JsNativeError::error()
            .with_message(engine.to_string())
            .into_opaque(ctx)
            .into()
    })
}
