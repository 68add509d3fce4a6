//! Floors: what a crossing's parts cost with no glue at all.
//!
//! - wasmi: a wasm loop calling a no-op host import (`importCall`), and the
//!   host calling a no-op export (`exportCall`) — the two transitions every
//!   crossing makes; built from WAT, run on wasmi directly.
//! - boa: the JS operation alone on the fixture object the guests use
//!   ([`FIXTURE_JS`]), with keys and arguments prepared up front: a property
//!   get and set, a call of a JS function, `new Object()`, a `Uint8Array`
//!   element get and set, making a JS string from UTF-8 and UTF-8 from a JS
//!   string.
//! - `memcpy` of the same number of bytes a copy crossing moves.
//!
//! Each floor is timed with `iters` repetitions; [`Floor::time`] returns the
//! total, as criterion's `iter_custom` wants.

use boa_engine::{Context, JsObject, JsString, JsValue, Source, js_string};
use std::{
    hint::black_box,
    time::{Duration, Instant},
};
use wasmi::{Caller, Engine, Linker, Module, Store, TypedFunc};

/// The JS fixture every crossing works on: the body of a function returning
/// an object. `conformance/go/crossings/main.go` and
/// `guest/examples/crossings.rs` hold the same text (see the test below).
pub const FIXTURE_JS: &str = r#"
return {
  num: 1.5,
  obj: {},
  o1: {},
  o2: {},
  f0: function () {},
  f1: function (a) {},
  f2: function (a, b) {},
  callN: function (f, n) { for (let i = 0; i < n; i++) f(); },
  apply: function (f) { return f(); },
  apply1: function (f, x) { return f(x); },
  str: function (n) { return "x".repeat(n); },
  bytes: function (n) { return new Uint8Array(n); },
};
"#;

/// One floor measurement. Its bench id is `floor/<id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Floor {
    /// wasm → host: a wasm loop calling a no-op import `(i32) -> ()`.
    ImportCall,
    /// host → wasm: calling a no-op export `() -> ()`.
    ExportCall,
    /// `fx.num` (`JsObject::get` with a prepared key).
    BoaGet,
    /// `fx.num = 1.5`.
    BoaSet,
    /// `fx.f0()`.
    BoaCall0,
    /// `fx.f1(s)` with a prepared string.
    BoaCall1,
    /// `fx.f2(1, 2)`.
    BoaCall2,
    /// `new Object()` through the constructor.
    BoaNew,
    /// `u8[i]` on a `Uint8Array`.
    BoaIndexGet,
    /// `u8[i] = v` on a `Uint8Array`.
    BoaIndexSet,
    /// A JS string from this many bytes of UTF-8.
    BoaStringFromUtf8(usize),
    /// UTF-8 bytes of a JS string of this length.
    BoaStringToUtf8(usize),
    /// `copy_from_slice` of this many bytes.
    Memcpy(usize),
}

/// `32`, `1KiB`, `1MiB`, `16MiB`.
pub fn size_name(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{}MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{}KiB", b >> 10),
        b => b.to_string(),
    }
}

impl Floor {
    /// Every floor the crossing benches use.
    pub const ALL: &[Floor] = &[
        Floor::ImportCall,
        Floor::ExportCall,
        Floor::BoaGet,
        Floor::BoaSet,
        Floor::BoaCall0,
        Floor::BoaCall1,
        Floor::BoaCall2,
        Floor::BoaNew,
        Floor::BoaIndexGet,
        Floor::BoaIndexSet,
        Floor::BoaStringFromUtf8(5),
        Floor::BoaStringFromUtf8(32),
        Floor::BoaStringToUtf8(32),
        Floor::BoaStringToUtf8(1 << 10),
        Floor::BoaStringToUtf8(1 << 20),
        Floor::Memcpy(32),
        Floor::Memcpy(1 << 10),
        Floor::Memcpy(1 << 20),
        Floor::Memcpy(16 << 20),
    ];

    /// The bench id below `floor/`.
    pub fn id(self) -> String {
        match self {
            Floor::ImportCall => "wasmi/importCall".into(),
            Floor::ExportCall => "wasmi/exportCall".into(),
            Floor::BoaGet => "boa/get".into(),
            Floor::BoaSet => "boa/set".into(),
            Floor::BoaCall0 => "boa/call0".into(),
            Floor::BoaCall1 => "boa/call1".into(),
            Floor::BoaCall2 => "boa/call2".into(),
            Floor::BoaNew => "boa/newObject".into(),
            Floor::BoaIndexGet => "boa/indexGet".into(),
            Floor::BoaIndexSet => "boa/indexSet".into(),
            Floor::BoaStringFromUtf8(n) => format!("boa/stringFromUtf8/{}", size_name(n)),
            Floor::BoaStringToUtf8(n) => format!("boa/stringToUtf8/{}", size_name(n)),
            Floor::Memcpy(n) => format!("memcpy/{}", size_name(n)),
        }
    }
}

/// The state floors run on: a wasmi store with the loop module, a boa
/// context with the fixture, buffers.
pub struct Floors {
    store: Store<()>,
    import_loop: TypedFunc<i32, ()>,
    noop_export: TypedFunc<(), ()>,
    ctx: Context,
    fx: JsObject,
    f0: JsObject,
    f1: JsObject,
    f2: JsObject,
    object: JsObject,
    bytes: JsObject,
}

impl core::fmt::Debug for Floors {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Floors").finish_non_exhaustive()
    }
}

/// A module whose export `loop(n)` calls the no-op import `env.noop` `n`
/// times, and whose export `noop` does nothing.
const FLOOR_WAT: &str = r#"
(module
  (import "env" "noop" (func $noop (param i32)))
  (func (export "loop") (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $noop (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "noop")))
"#;

fn object(v: JsValue, what: &str) -> JsObject {
    v.as_object()
        .unwrap_or_else(|| panic!("{what} is an object"))
        .clone()
}

impl Default for Floors {
    fn default() -> Self {
        Self::new()
    }
}

impl Floors {
    /// Sets up wasmi and boa.
    ///
    /// # Panics
    ///
    /// If the WAT or the fixture does not load (a bug in this file).
    pub fn new() -> Self {
        let engine = Engine::default();
        let wasm = wat::parse_str(FLOOR_WAT).expect("floor WAT parses");
        let module = Module::new(&engine, &wasm[..]).expect("floor module validates");
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::<()>::new(&engine);
        linker
            .func_wrap("env", "noop", |_caller: Caller<'_, ()>, sp: i32| {
                black_box(sp);
            })
            .expect("define env.noop");
        let instance = linker
            .instantiate_and_start(&mut store, &module)
            .expect("instantiate the floor module");
        let import_loop = instance
            .get_typed_func::<i32, ()>(&store, "loop")
            .expect("export loop");
        let noop_export = instance
            .get_typed_func::<(), ()>(&store, "noop")
            .expect("export noop");

        let mut ctx = Context::default();
        let make = ctx
            .eval(Source::from_bytes(&format!(
                "(function () {{{FIXTURE_JS}}})"
            )))
            .expect("fixture evaluates");
        let fx = object(
            make.as_callable()
                .expect("fixture maker is a function")
                .call(&JsValue::undefined(), &[], &mut ctx)
                .expect("fixture runs"),
            "fixture",
        );
        let get = |ctx: &mut Context, name: &str| {
            object(
                fx.get(JsString::from(name), ctx).expect("fixture property"),
                name,
            )
        };
        let (f0, f1, f2) = (
            get(&mut ctx, "f0"),
            get(&mut ctx, "f1"),
            get(&mut ctx, "f2"),
        );
        let bytes_fn = get(&mut ctx, "bytes");
        let bytes = object(
            bytes_fn
                .call(&fx.clone().into(), &[JsValue::new(1 << 20)], &mut ctx)
                .expect("bytes(1 MiB)"),
            "Uint8Array",
        );
        let object_ctor = ctx.intrinsics().constructors().object().constructor();
        Self {
            store,
            import_loop,
            noop_export,
            ctx,
            fx,
            f0,
            f1,
            f2,
            object: object_ctor,
            bytes,
        }
    }

    /// Runs `floor` `iters` times; returns the total time.
    ///
    /// # Panics
    ///
    /// If wasmi traps or boa throws (neither can, on these inputs).
    pub fn time(&mut self, floor: Floor, iters: u64) -> Duration {
        let this: JsValue = self.fx.clone().into();
        let ctx = &mut self.ctx;
        match floor {
            Floor::ImportCall => {
                let start = Instant::now();
                let mut left = iters;
                while left > 0 {
                    let n = left.min(i32::MAX as u64);
                    self.import_loop
                        .call(&mut self.store, n as i32)
                        .expect("loop runs");
                    left -= n;
                }
                start.elapsed()
            }
            Floor::ExportCall => time(iters, || {
                self.noop_export
                    .call(&mut self.store, ())
                    .expect("noop runs")
            }),
            Floor::BoaGet => {
                let key = js_string!("num");
                time(iters, || self.fx.get(key.clone(), ctx).expect("get"))
            }
            Floor::BoaSet => {
                let key = js_string!("num");
                time(iters, || {
                    self.fx
                        .set(key.clone(), JsValue::new(1.5), false, ctx)
                        .expect("set")
                })
            }
            Floor::BoaCall0 => time(iters, || self.f0.call(&this, &[], ctx).expect("call")),
            Floor::BoaCall1 => {
                let args = [JsValue::from(JsString::from(
                    "0123456789abcdef0123456789abcdef",
                ))];
                time(iters, || self.f1.call(&this, &args, ctx).expect("call"))
            }
            Floor::BoaCall2 => {
                let args = [JsValue::new(1), JsValue::new(2)];
                time(iters, || self.f2.call(&this, &args, ctx).expect("call"))
            }
            Floor::BoaNew => time(iters, || {
                self.object.construct(&[], None, ctx).expect("new Object")
            }),
            Floor::BoaIndexGet => {
                let mut i = 0u32;
                time(iters, || {
                    i = (i + 1) & ((1 << 20) - 1);
                    self.bytes.get(i, ctx).expect("u8[i]")
                })
            }
            Floor::BoaIndexSet => {
                let mut i = 0u32;
                time(iters, || {
                    i = (i + 1) & ((1 << 20) - 1);
                    self.bytes
                        .set(i, JsValue::new(i & 255), false, ctx)
                        .expect("u8[i] = v")
                })
            }
            Floor::BoaStringFromUtf8(n) => {
                let s = "x".repeat(n);
                time(iters, || JsString::from(s.as_str()))
            }
            Floor::BoaStringToUtf8(n) => {
                let s = JsString::from("x".repeat(n).as_str());
                time(iters, || s.to_std_string_lossy().into_bytes())
            }
            Floor::Memcpy(n) => {
                let src = vec![1u8; n];
                let mut dst = vec![0u8; n];
                // Fault the destination's pages in before timing: the guest's
                // buffers are touched during its setup too.
                dst.copy_from_slice(&src);
                time(iters, || {
                    dst.copy_from_slice(black_box(&src));
                    black_box(&mut dst);
                })
            }
        }
    }
}

/// Times `iters` calls of `f`, keeping every result alive until measured.
fn time<R>(iters: u64, mut f: impl FnMut() -> R) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_floor_runs() {
        let mut floors = Floors::new();
        for &floor in Floor::ALL {
            floors.time(floor, 3);
        }
    }

    /// The guests build their fixture from their own copy of the text; the
    /// boa floors must work on the same objects.
    #[test]
    fn guests_use_the_same_fixture() {
        let root = crate::guests::repo_root();
        for file in [
            "conformance/go/crossings/main.go",
            "guest/examples/crossings.rs",
        ] {
            let source = std::fs::read_to_string(root.join(file)).expect("guest source");
            assert!(
                source.contains(FIXTURE_JS),
                "{file} must contain benches/src/floors.rs FIXTURE_JS verbatim"
            );
        }
    }

    #[test]
    fn sizes_are_named_like_the_guest_ops() {
        assert_eq!(size_name(32), "32");
        assert_eq!(size_name(1024), "1KiB");
        assert_eq!(size_name(1 << 20), "1MiB");
        assert_eq!(size_name(16 << 20), "16MiB");
    }
}
