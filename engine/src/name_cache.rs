//! The property-name cache: keys the world made from guest bytes, reused.

use rustc_hash::FxHashMap;

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
