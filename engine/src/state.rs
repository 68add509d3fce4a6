//! The engine's per-instance state, kept in the wasmi `Store`.

use crate::{
    error::HostTrap,
    lend::LendSlot,
    table::RefTable,
    world::{GuestError, World},
};
use rustc_hash::FxHashMap;
use std::rc::Rc;
use wasmi::{Memory, TypedFunc};

/// The exports every Go `js/wasm` module has, plus those of test binaries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exports {
    pub memory: Memory,
    pub run: TypedFunc<(i32, i32), ()>,
    pub resume: TypedFunc<(), ()>,
    pub getsp: TypedFunc<(), i32>,
    pub test_export0: Option<TypedFunc<(), ()>>,
    pub test_export: Option<TypedFunc<(i32, i64), i64>>,
}

/// Limits on what a guest may make the host do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How deeply JS → guest re-entries may nest (a Go callback calling JS
    /// calling a Go callback …). Past it the innermost call throws a JS
    /// `RangeError("Maximum call stack size exceeded")`, as a JS engine does
    /// when its stack runs out.
    pub max_nesting: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_nesting: 10_000,
        }
    }
}

/// How often each kind of crossing happened; see [`crate::GoInstance::counters`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Calls of `gojs` imports (guest → host).
    pub imports: u64,
    /// Calls of guest exports (`run`, `resume`, test exports): host → guest.
    pub entries: u64,
    /// Deepest nesting of guest entries seen.
    pub max_depth: u32,
}

pub(crate) struct HostState<W: World> {
    /// The world, lent by whoever called into the guest.
    pub world: Rc<LendSlot<W>>,
    pub table: RefTable<W::Value>,
    /// `None` only between `Store` creation and the end of instantiation.
    pub exports: Option<Exports>,
    pub exit_code: Option<i32>,
    /// A JS exception on its way out of the guest (see [`HostTrap::Throw`]).
    pub pending_throw: Option<W::Value>,
    /// `_scheduledTimeouts`: Go timeout id → world timer handle.
    pub timeouts: FxHashMap<i32, u64>,
    /// `_nextCallbackTimeoutID`.
    pub next_timeout_id: i32,
    pub depth: u32,
    pub limits: Limits,
    pub counters: Counters,
    /// Property names already made into keys, by their guest bytes (see
    /// [`NameCache`]).
    pub names: NameCache<W::Key>,
}

/// Keys of the property names a guest used, by their UTF-8 bytes: Go code
/// names the same few properties over and over (`Get("length")`), and making
/// a key costs a decode, an allocation and the JS engine's own lookups.
/// Bounded: names longer than [`NameCache::MAX_NAME`] bytes are not kept, and
/// the cache starts over when it holds [`NameCache::MAX_NAMES`].
pub(crate) struct NameCache<K> {
    keys: FxHashMap<Box<[u8]>, K>,
}

impl<K: Clone> NameCache<K> {
    pub const MAX_NAME: usize = 64;
    pub const MAX_NAMES: usize = 1024;

    /// The key for `name`, made by `make` from its decoded text if not cached.
    pub fn get_or_make(&mut self, name: &[u8], make: impl FnOnce(&[u8]) -> K) -> K {
        if let Some(key) = self.keys.get(name) {
            return key.clone();
        }
        let key = make(name);
        if name.len() <= Self::MAX_NAME {
            if self.keys.len() >= Self::MAX_NAMES {
                self.keys.clear();
            }
            self.keys.insert(name.into(), key.clone());
        }
        key
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

impl<K> Default for NameCache<K> {
    fn default() -> Self {
        Self {
            keys: FxHashMap::default(),
        }
    }
}

impl<W: World> HostState<W> {
    pub fn new(table: RefTable<W::Value>, limits: Limits) -> Self {
        Self {
            world: Rc::new(LendSlot::new()),
            table,
            exports: None,
            exit_code: None,
            pending_throw: None,
            timeouts: FxHashMap::default(),
            next_timeout_id: 1,
            depth: 0,
            limits,
            counters: Counters::default(),
            names: NameCache::default(),
        }
    }

    /// The exports, or a fatal error if an import runs before instantiation
    /// finished (only a hostile module's start function can do that).
    pub fn exports(&self) -> Result<Exports, HostTrap> {
        self.exports.ok_or_else(|| {
            HostTrap::Fatal("import called before the module was instantiated".into())
        })
    }

    /// Turns a wasmi error that unwound a guest call into what JS sees.
    pub fn classify(&mut self, error: wasmi::Error) -> GuestError<W::Value> {
        match error.downcast_ref::<HostTrap>() {
            Some(HostTrap::Exit(code)) => GuestError::Exit(*code),
            Some(HostTrap::Throw) => match self.pending_throw.take() {
                Some(v) => GuestError::Throw(v),
                None => GuestError::Fatal("internal: JS exception lost while unwinding".into()),
            },
            Some(HostTrap::Fatal(m)) => GuestError::Fatal(m.clone()),
            None => match self.exit_code {
                Some(code) => GuestError::Exit(code),
                None => GuestError::Fatal(format!("wasm trap: {error}")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameCache;
    use std::cell::Cell;

    #[test]
    fn a_name_is_made_once_then_served_from_the_cache() {
        let mut cache = NameCache::<String>::default();
        let made = Cell::new(0);
        let make = |b: &[u8]| {
            made.set(made.get() + 1);
            String::from_utf8_lossy(b).into_owned()
        };
        assert_eq!(cache.get_or_make(b"length", make), "length");
        assert_eq!(cache.get_or_make(b"length", make), "length");
        assert_eq!(cache.get_or_make(b"other", make), "other");
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn long_names_are_not_kept_and_a_full_cache_starts_over() {
        let mut cache = NameCache::<usize>::default();
        let long = vec![b'x'; NameCache::<usize>::MAX_NAME + 1];
        cache.get_or_make(&long, |b| b.len());
        assert_eq!(cache.len(), 0);
        for i in 0..NameCache::<usize>::MAX_NAMES {
            cache.get_or_make(format!("k{i}").as_bytes(), |_| i);
        }
        assert_eq!(cache.len(), NameCache::<usize>::MAX_NAMES);
        cache.get_or_make(b"one more", |_| 0);
        assert_eq!(cache.len(), 1);
    }
}
