//! Reads of fd 0 (`fs.read(0, …)`): completed at once when the input is
//! in memory, otherwise on a background thread, so that a read waiting for
//! a pipe or a terminal does not stop timers and other goroutines — node
//! reads stdin asynchronously too.
//!
//! One reader thread per program, started on the first blocking read and
//! fed one request at a time; it ends when the program's world is dropped
//! and its read in progress (if any) returns. A read still blocked when the
//! program ends keeps the thread alive until the input delivers or closes.

use super::host_fs::{Call, system_error, view, window};
use crate::{
    event_loop::{Task, external::Ticket},
    host::HostData,
    output::Input,
};
use boa_engine::{Context, JsResult, JsValue, object::builtins::JsArrayBuffer};
use std::{
    cell::RefCell,
    io::{self, Read},
    sync::mpsc::{self, Sender},
};

/// The reader thread of one program, once started.
#[derive(Default)]
pub(crate) struct Stdin {
    reader: RefCell<Option<Sender<Request>>>,
}

struct Request {
    len: usize,
    ticket: Ticket<io::Result<Vec<u8>>>,
}

type ReadFn = Box<dyn FnMut(&mut [u8]) -> io::Result<usize> + Send>;

/// `fs.read(0, buffer, offset, length, position, callback)`: the callback
/// is queued when the bytes are there.
pub(crate) fn read(ctx: &mut Context, call: &Call<'_>, callback: JsValue) -> JsResult<()> {
    let (buffer, base, view_len) = view(&call.arg(1), ctx)?;
    let data = HostData::of(ctx)?;
    let (offset, length) = match window(call, view_len) {
        Ok(w) => w,
        Err(e) => {
            let args = vec![system_error(ctx, &e, "read", None)];
            data.event_loop.push_io(Task::Call { callback, args });
            return Ok(());
        }
    };
    let at = base + offset;
    let blocking: Option<ReadFn> = match &data.options.stdin {
        Input::Empty => None,
        Input::Bytes(cursor) => {
            let mut chunk = vec![0u8; length];
            let n = cursor.borrow_mut().read(&mut chunk);
            let result = n.map(|n| {
                chunk.truncate(n);
                chunk
            });
            let args = completion(ctx, &buffer, at, result);
            data.event_loop.push_io(Task::Call { callback, args });
            return Ok(());
        }
        Input::Inherit => Some(Box::new(|buf: &mut [u8]| io::stdin().lock().read(buf))),
        Input::Reader(reader) => {
            let reader = reader.clone();
            Some(Box::new(move |buf: &mut [u8]| {
                reader
                    .lock()
                    .map_err(|_| io::Error::other("the input reader panicked"))?
                    .read(buf)
            }))
        }
    };
    let Some(read_fn) = blocking else {
        let args = vec![JsValue::null(), JsValue::new(0)];
        data.event_loop.push_io(Task::Call { callback, args });
        return Ok(());
    };
    let ticket =
        data.event_loop
            .external
            .register(move |ctx, result: Option<io::Result<Vec<u8>>>| {
                let result =
                    result.unwrap_or_else(|| Err(io::Error::other("stdin reader stopped")));
                let args = completion(ctx, &buffer, at, result);
                match callback.as_callable() {
                    Some(f) => f.call(&JsValue::undefined(), &args, ctx).map(drop),
                    None => Ok(()),
                }
            });
    let request = Request {
        len: length,
        ticket,
    };
    let mut reader = data.stdin.reader.borrow_mut();
    let sender = reader.get_or_insert_with(|| spawn(read_fn));
    if let Err(mpsc::SendError(request)) = sender.send(request) {
        // The thread could not start (or died): fail this read.
        request
            .ticket
            .complete(Err(io::Error::other("cannot read stdin")));
        reader.take();
    }
    Ok(())
}

/// The callback arguments for a finished read: the bytes copied into the
/// buffer at `at`, then `(null, n)`; or `(error)`.
fn completion(
    ctx: &mut Context,
    buffer: &JsArrayBuffer,
    at: usize,
    result: io::Result<Vec<u8>>,
) -> Vec<JsValue> {
    match result {
        Ok(bytes) => {
            let copied = buffer.data_mut().and_then(|mut data| {
                let dst = data.get_mut(at..at.checked_add(bytes.len())?)?;
                dst.copy_from_slice(&bytes);
                Some(())
            });
            match copied {
                Some(()) => vec![JsValue::null(), JsValue::new(bytes.len() as f64)],
                // The buffer shrank (or was detached) while the read waited.
                None => vec![system_error(
                    ctx,
                    &io::Error::from_raw_os_error(14),
                    "read",
                    None,
                )],
            }
        }
        Err(e) => vec![system_error(ctx, &e, "read", None)],
    }
}

/// Starts the reader thread; reading through `read_fn`, one request at a time.
fn spawn(mut read_fn: ReadFn) -> Sender<Request> {
    let (sender, requests) = mpsc::channel::<Request>();
    // If the thread cannot start, `requests` is dropped and the first send
    // fails, which fails the read.
    let _ = std::thread::Builder::new()
        .name("gojs-stdin".into())
        .spawn(move || {
            for request in requests {
                let mut chunk = vec![0u8; request.len];
                let result = read_fn(&mut chunk).map(|n| {
                    chunk.truncate(n);
                    chunk
                });
                request.ticket.complete(result);
            }
        });
    sender
}
