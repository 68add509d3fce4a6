//! Test support: a scratch directory under `std::env::temp_dir()`, unique
//! per test, removed when dropped. Tests touch no host path outside one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh, empty host directory, removed (with its contents) on drop.
pub(crate) struct Scratch {
    path: PathBuf,
}

impl Scratch {
    /// Creates `<temp>/gojs-vfs-<test>-<pid>-<n>`, canonical.
    pub(crate) fn new(test: &str) -> Scratch {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let name = format!("gojs-vfs-{test}-{}-{n}", std::process::id());
        let path = std::env::temp_dir().join(name);
        fs::create_dir(&path).expect("a new scratch directory");
        let path = fs::canonicalize(path).expect("a canonical scratch path");
        Scratch { path }
    }

    /// The scratch directory.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// A path inside it.
    pub(crate) fn join(&self, relative: &str) -> PathBuf {
        self.path.join(relative)
    }

    /// A path inside it, as the `&str` a guest path is.
    pub(crate) fn guest(&self, relative: &str) -> String {
        self.join(relative)
            .to_str()
            .expect("UTF-8 temp dir")
            .to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // remove_dir_all does not follow links: test links to /etc are
        // removed, /etc is not touched.
        let _ = fs::remove_dir_all(&self.path);
    }
}
