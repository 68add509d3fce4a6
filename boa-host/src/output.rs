//! Where a program's stdout and stderr go, and where its stdin comes from.

use std::{
    cell::RefCell,
    fmt,
    io::{self, Write},
    rc::Rc,
    sync::{Arc, Mutex, PoisonError},
};

/// A destination for fd 1 or fd 2.
///
/// Writes are passed on at once, unbuffered, in order, as `fs.writeSync`
/// does under node: nothing is held back when the program exits or traps.
#[derive(Clone, Default)]
pub enum Output {
    /// The host process's own stdout/stderr.
    #[default]
    Inherit,
    /// Collected in memory; read it back with [`Captured::bytes`].
    Capture(Captured),
    /// Dropped.
    Discard,
    /// Any writer.
    Writer(Rc<RefCell<dyn Write>>),
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Output::Inherit => f.write_str("Inherit"),
            Output::Capture(c) => f.debug_tuple("Capture").field(&c.lock().len()).finish(),
            Output::Discard => f.write_str("Discard"),
            Output::Writer(_) => f.write_str("Writer(..)"),
        }
    }
}

/// Where fd 0 reads from.
///
/// Reads that may block ([`Input::Inherit`], [`Input::reader`]) wait on a
/// background thread and complete as I/O callbacks, so timers and other
/// goroutines keep running while one is pending, as under node.
#[derive(Clone, Default)]
pub enum Input {
    /// Nothing: every read is end-of-file (like `</dev/null`).
    #[default]
    Empty,
    /// The host process's own stdin.
    Inherit,
    /// These bytes, then end-of-file.
    Bytes(Rc<RefCell<io::Cursor<Vec<u8>>>>),
    /// Any reader (a pipe, a socket, …), read on a background thread.
    Reader(Arc<Mutex<dyn io::Read + Send>>),
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Empty => f.write_str("Empty"),
            Input::Inherit => f.write_str("Inherit"),
            Input::Bytes(c) => f
                .debug_tuple("Bytes")
                .field(&c.borrow().get_ref().len())
                .finish(),
            Input::Reader(_) => f.write_str("Reader(..)"),
        }
    }
}

impl Input {
    /// Input that yields `bytes`, then end-of-file.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Input::Bytes(Rc::new(RefCell::new(io::Cursor::new(bytes.into()))))
    }

    /// Input read from `reader` on a background thread.
    pub fn reader(reader: impl io::Read + Send + 'static) -> Self {
        Input::Reader(Arc::new(Mutex::new(reader)))
    }
}

/// A shared in-memory buffer that collects output. Clones share the buffer,
/// also across threads.
#[derive(Clone, Debug, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        // A writer that panicked mid-append left whole bytes behind: keep them.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.lock().clone()
    }

    /// Everything written so far, as UTF-8 (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.lock()).into_owned()
    }
}

impl Output {
    /// A fresh capture buffer and the output that fills it.
    pub fn capture() -> (Output, Captured) {
        let c = Captured::new();
        (Output::Capture(c.clone()), c)
    }

    pub(crate) fn write(&self, fd: u8, bytes: &[u8]) -> io::Result<()> {
        match self {
            Output::Inherit if fd == 2 => {
                let mut e = io::stderr().lock();
                e.write_all(bytes)?;
                e.flush()
            }
            Output::Inherit => {
                let mut o = io::stdout().lock();
                o.write_all(bytes)?;
                o.flush()
            }
            Output::Capture(c) => {
                c.lock().extend_from_slice(bytes);
                Ok(())
            }
            Output::Discard => Ok(()),
            Output::Writer(w) => {
                let mut w = w.borrow_mut();
                w.write_all(bytes)?;
                w.flush()
            }
        }
    }
}
