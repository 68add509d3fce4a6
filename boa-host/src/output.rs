//! Where a program's stdout and stderr go.

use std::{
    cell::RefCell,
    fmt,
    io::{self, Write},
    rc::Rc,
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
            Output::Capture(c) => f.debug_tuple("Capture").field(&c.bytes().len()).finish(),
            Output::Discard => f.write_str("Discard"),
            Output::Writer(_) => f.write_str("Writer(..)"),
        }
    }
}

/// Where fd 0 reads from.
#[derive(Clone, Debug, Default)]
pub enum Input {
    /// Nothing: every read is end-of-file (like `</dev/null`).
    #[default]
    Empty,
    /// The host process's own stdin.
    Inherit,
    /// These bytes, then end-of-file.
    Bytes(Rc<RefCell<io::Cursor<Vec<u8>>>>),
}

impl Input {
    /// Input that yields `bytes`, then end-of-file.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Input::Bytes(Rc::new(RefCell::new(io::Cursor::new(bytes.into()))))
    }

    pub(crate) fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        use io::Read;
        match self {
            Input::Empty => Ok(0),
            Input::Inherit => io::stdin().lock().read(buf),
            Input::Bytes(c) => c.borrow_mut().read(buf),
        }
    }
}

/// A shared in-memory buffer that collects output.
#[derive(Clone, Debug, Default)]
pub struct Captured(Rc<RefCell<Vec<u8>>>);

impl Captured {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }

    /// Everything written so far, as UTF-8 (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
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
                c.0.borrow_mut().extend_from_slice(bytes);
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
