//! The reference table: `_values`, `_goRefCounts`, `_ids` and `_idPool` of
//! `wasm_exec.js`, in Rust.
//!
//! Every JS value that Go holds a `ref` to lives in one slot. Storing a value
//! that is already present (by SameValueZero, like the JS `Map` `_ids`: equal
//! strings share a slot) bumps its Go reference count instead of taking a new
//! slot; `finalizeRef` decrements it and frees the slot at zero. Freed ids are
//! reused last-freed-first, like `_idPool.pop()`. The predefined slots 0..=6
//! are never freed (their count is `Infinity` in `wasm_exec.js`).
//!
//! Besides JS values a slot may hold the UTF-8 bytes of a prepared string
//! (`valuePrepareString` makes a `Uint8Array` that Go reads back with
//! `valueLoadString` and finalizes at once); keeping those bytes on the host
//! side saves creating a JS typed array per `Value.String()`. Such a slot turns
//! into a real `Uint8Array` only if the guest ever loads it as a value.
//!
//! The table owns no JS semantics: callers classify values and decide what a
//! missing id reads as.

use core::hash::Hash;
use rustc_hash::FxHashMap;

/// Reference count of a slot that is never freed.
const PINNED: u32 = u32::MAX;

/// What one slot holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot<V> {
    /// A JS value.
    Value(V),
    /// The UTF-8 bytes of a prepared string, standing for a `Uint8Array`.
    Bytes(Box<[u8]>),
}

/// What reading an id finds, mirroring `this._values[id]`.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup<'t, V> {
    /// A live slot.
    Live(&'t Slot<V>),
    /// A slot that was freed (`wasm_exec.js` stores `null` there).
    Freed,
    /// An id past the end of the table (`undefined` in `wasm_exec.js`).
    OutOfRange,
}

#[derive(Debug)]
struct Entry<V> {
    slot: Option<Slot<V>>,
    go_refs: u32,
    kind: SlotKind,
}

/// What kind of value a slot holds (`typeof`, as the ref's type flag says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// `typeof v === "object"`.
    Object,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// A function: for a Go guest, mostly `js.Func` wrappers.
    Function,
    /// Anything else (BigInt, and the predefined primitives).
    Other,
    /// The bytes of a `Value.String()` in progress ([`Slot::Bytes`]).
    PreparedString,
}

impl SlotKind {
    const ALL: usize = 6;
}

/// Live dynamic slots by kind, for leak hunting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LiveByKind {
    /// Objects (arrays, typed arrays, plain objects, …).
    pub objects: usize,
    /// Strings.
    pub strings: usize,
    /// Symbols.
    pub symbols: usize,
    /// Functions (for Go, `js.Func` wrappers and functions JS handed over).
    pub functions: usize,
    /// BigInts and other values.
    pub other: usize,
    /// `Value.String()` conversions not yet finalized.
    pub prepared_strings: usize,
}

impl LiveByKind {
    fn from_counts(counts: &[usize; SlotKind::ALL]) -> Self {
        Self {
            objects: counts[SlotKind::Object as usize],
            strings: counts[SlotKind::String as usize],
            symbols: counts[SlotKind::Symbol as usize],
            functions: counts[SlotKind::Function as usize],
            other: counts[SlotKind::Other as usize],
            prepared_strings: counts[SlotKind::PreparedString as usize],
        }
    }
}

/// The table of JS values referenced from the guest.
#[derive(Debug)]
pub struct RefTable<V> {
    entries: Vec<Entry<V>>,
    ids: FxHashMap<V, u32>,
    pool: Vec<u32>,
    pinned: u32,
    live_by_kind: [usize; SlotKind::ALL],
    peak_by_kind: [usize; SlotKind::ALL],
    peak_live_dynamic: usize,
    created: u64,
    freed: u64,
    /// Most live dynamic slots at once; `None`: no limit.
    max_live: Option<u32>,
}

/// Counts for leak hunting; see [`RefTable::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableStats {
    /// Slots ever allocated: `go._values.length`.
    pub capacity: usize,
    /// Live slots, predefined ones included.
    pub live: usize,
    /// Live slots beyond the predefined ones.
    pub live_dynamic: usize,
    /// Freed slots waiting in the pool.
    pub pooled: usize,
    /// Live dynamic slots by kind.
    pub by_kind: LiveByKind,
    /// The most live dynamic slots there were at once.
    pub peak_live_dynamic: usize,
    /// The most live dynamic slots of each kind there were at once (each
    /// kind's own peak: they need not have been at the same moment).
    pub peak_by_kind: LiveByKind,
    /// Dynamic slots ever filled (a reused id counts again).
    pub created: u64,
    /// Dynamic slots ever freed by `finalizeRef`; `created - freed` is
    /// `live_dynamic`.
    pub freed: u64,
}

impl<V: Clone + Eq + Hash> RefTable<V> {
    /// A table whose first slots hold `predefined`, pinned forever. Values that
    /// should be found by [`store`](Self::store) (objects, `null`, booleans)
    /// are indexed; pass `intern: false` for those that must not be (`NaN`,
    /// which `storeValue` never looks up).
    pub fn new(predefined: impl IntoIterator<Item = (V, bool)>) -> Self {
        let mut table = Self {
            entries: Vec::new(),
            ids: FxHashMap::default(),
            pool: Vec::new(),
            pinned: 0,
            live_by_kind: [0; SlotKind::ALL],
            peak_by_kind: [0; SlotKind::ALL],
            peak_live_dynamic: 0,
            created: 0,
            freed: 0,
            max_live: None,
        };
        for (value, intern) in predefined {
            let id = table.entries.len() as u32;
            if intern {
                table.ids.insert(value.clone(), id);
            }
            table.entries.push(Entry {
                slot: Some(Slot::Value(value)),
                go_refs: PINNED,
                kind: SlotKind::Other,
            });
        }
        table.pinned = table.entries.len() as u32;
        table
    }

    /// Limits live dynamic slots to `max` (`None`: no limit).
    pub fn set_max_live(&mut self, max: Option<u32>) {
        self.max_live = max;
    }

    /// `storeValue` for a value that lives in the table: returns its id and
    /// counts one more Go reference. `None` when the value needs a new slot
    /// and the table is at its limit.
    pub fn store(&mut self, value: V, kind: SlotKind) -> Option<u32> {
        if let Some(&id) = self.ids.get(&value) {
            let entry = &mut self.entries[id as usize];
            entry.go_refs = entry.go_refs.saturating_add(1);
            return Some(id);
        }
        let id = self.allocate(Slot::Value(value.clone()), kind)?;
        self.ids.insert(value, id);
        Some(id)
    }

    /// Stores prepared string bytes in a fresh slot with one Go reference;
    /// `None` when the table is at its limit.
    pub fn store_bytes(&mut self, bytes: Box<[u8]>) -> Option<u32> {
        self.allocate(Slot::Bytes(bytes), SlotKind::PreparedString)
    }

    fn allocate(&mut self, slot: Slot<V>, kind: SlotKind) -> Option<u32> {
        let live_dynamic = self.entries.len() - self.pool.len() - self.pinned as usize;
        if self
            .max_live
            .is_some_and(|max| live_dynamic >= max as usize)
        {
            return None;
        }
        self.count_in(kind);
        self.created += 1;
        self.peak_live_dynamic = self.peak_live_dynamic.max(live_dynamic + 1);
        let entry = Entry {
            slot: Some(slot),
            go_refs: 1,
            kind,
        };
        Some(match self.pool.pop() {
            Some(id) => {
                self.entries[id as usize] = entry;
                id
            }
            None => {
                let id = self.entries.len() as u32;
                self.entries.push(entry);
                id
            }
        })
    }

    /// One more live slot of `kind`, and its peak.
    fn count_in(&mut self, kind: SlotKind) {
        let live = &mut self.live_by_kind[kind as usize];
        *live += 1;
        let peak = &mut self.peak_by_kind[kind as usize];
        *peak = (*peak).max(*live);
    }

    /// What kind of value the live slot `id` holds.
    pub fn kind(&self, id: u32) -> Option<SlotKind> {
        match self.entries.get(id as usize) {
            Some(e) if e.slot.is_some() && e.go_refs != PINNED => Some(e.kind),
            _ => None,
        }
    }

    /// `this._values[id]`.
    pub fn get(&self, id: u32) -> Lookup<'_, V> {
        match self.entries.get(id as usize) {
            Some(Entry { slot: Some(s), .. }) => Lookup::Live(s),
            Some(Entry { slot: None, .. }) => Lookup::Freed,
            None => Lookup::OutOfRange,
        }
    }

    /// Replaces a `Bytes` slot by the JS value that now stands for it (once the
    /// guest loaded it as a value), so later loads see the same object.
    pub fn materialize(&mut self, id: u32, value: V) {
        if let Some(entry) = self.entries.get_mut(id as usize)
            && matches!(entry.slot, Some(Slot::Bytes(_)))
        {
            entry.slot = Some(Slot::Value(value.clone()));
            self.live_by_kind[entry.kind as usize] -= 1;
            entry.kind = SlotKind::Object;
            self.count_in(SlotKind::Object);
            self.ids.insert(value, id);
        }
    }

    /// `finalizeRef`: drops one Go reference; frees the slot at zero.
    ///
    /// Unknown, freed and predefined ids are ignored, as in `wasm_exec.js`
    /// (where the count becomes `NaN`, stays negative or stays `Infinity`).
    /// Returns whether a slot was freed.
    pub fn finalize(&mut self, id: u32) -> bool {
        let Some(entry) = self.entries.get_mut(id as usize) else {
            return false;
        };
        if entry.go_refs == PINNED || entry.slot.is_none() {
            return false;
        }
        entry.go_refs -= 1;
        if entry.go_refs != 0 {
            return false;
        }
        self.live_by_kind[entry.kind as usize] -= 1;
        self.freed += 1;
        if let Some(Slot::Value(v)) = entry.slot.take() {
            self.ids.remove(&v);
        }
        self.pool.push(id);
        true
    }

    /// Whether `id` was ever handed out with a Go reference count (TinyGo's
    /// `this._goRefCounts[id] !== undefined`): not a predefined slot, not
    /// past the end.
    pub fn is_counted(&self, id: u32) -> bool {
        self.entries
            .get(id as usize)
            .is_some_and(|e| e.go_refs != PINNED)
    }

    /// `go._values.length`: how many slots were ever allocated.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Always false: the predefined slots are there from the start.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Live, pooled and total slot counts.
    pub fn stats(&self) -> TableStats {
        let live = self.entries.len() - self.pool.len();
        TableStats {
            capacity: self.entries.len(),
            live,
            live_dynamic: live - self.pinned as usize,
            pooled: self.pool.len(),
            by_kind: LiveByKind::from_counts(&self.live_by_kind),
            peak_live_dynamic: self.peak_live_dynamic,
            peak_by_kind: LiveByKind::from_counts(&self.peak_by_kind),
            created: self.created,
            freed: self.freed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RefTable<&'static str> {
        RefTable::new([("nan", false), ("zero", true), ("null", true)])
    }

    #[test]
    fn equal_values_share_a_slot_and_count_references() {
        let mut t = table();
        let a = t.store("a", SlotKind::String).unwrap();
        assert_eq!(t.store("a", SlotKind::String), Some(a));
        assert!(!t.finalize(a));
        assert!(t.finalize(a));
        assert_eq!(t.get(a), Lookup::Freed);
    }

    #[test]
    fn freed_ids_are_reused_last_freed_first() {
        let mut t = table();
        let a = t.store("a", SlotKind::String).unwrap();
        let b = t.store("b", SlotKind::String).unwrap();
        t.finalize(a);
        t.finalize(b);
        assert_eq!(t.store("c", SlotKind::String), Some(b));
        assert_eq!(t.store("d", SlotKind::String), Some(a));
        assert_eq!(t.len(), 5);
    }

    #[test]
    fn predefined_and_unknown_ids_are_never_freed() {
        let mut t = table();
        for _ in 0..3 {
            assert!(!t.finalize(1));
            assert!(!t.finalize(99));
        }
        assert_eq!(t.store("zero", SlotKind::String), Some(1));
        assert_eq!(t.get(1), Lookup::Live(&Slot::Value("zero")));
        assert_eq!(t.get(99), Lookup::OutOfRange);
        assert_eq!(t.stats().live_dynamic, 0);
    }

    #[test]
    fn uninterned_predefined_values_get_their_own_slot() {
        let mut t = table();
        assert_eq!(t.store("nan", SlotKind::String), Some(3));
    }

    #[test]
    fn a_million_temporaries_leave_the_table_as_it_was() {
        let mut t = RefTable::new([(0u32, true)]);
        for i in 1..1_000_000u32 {
            let id = t.store(i, SlotKind::Object).unwrap();
            t.finalize(id);
        }
        assert_eq!(t.len(), 2);
        let stats = t.stats();
        assert_eq!(stats.live_dynamic, 0);
        assert_eq!(stats.by_kind, LiveByKind::default());
        assert_eq!((stats.created, stats.freed), (999_999, 999_999));
        assert_eq!(stats.peak_live_dynamic, 1);
        assert_eq!(stats.peak_by_kind.objects, 1);
    }

    #[test]
    fn peaks_stay_after_the_slots_are_freed() {
        let mut t = table();
        let ids: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|s| t.store(s, SlotKind::String).unwrap())
            .collect();
        let o = t.store("o", SlotKind::Object).unwrap();
        for id in ids {
            t.finalize(id);
        }
        let stats = t.stats();
        assert_eq!(stats.live_dynamic, 1);
        assert_eq!(stats.peak_live_dynamic, 4);
        assert_eq!(
            (stats.peak_by_kind.strings, stats.peak_by_kind.objects),
            (3, 1)
        );
        assert_eq!((stats.created, stats.freed), (4, 3));
        assert_eq!(t.kind(o), Some(SlotKind::Object));
        assert_eq!(t.kind(0), None);
    }

    #[test]
    fn a_full_table_refuses_new_values_but_not_known_ones() {
        let mut t = table();
        t.set_max_live(Some(2));
        let a = t.store("a", SlotKind::String).unwrap();
        assert!(t.store("b", SlotKind::String).is_some());
        assert_eq!(t.store("c", SlotKind::String), None);
        assert_eq!(t.store_bytes(Box::from(&b"x"[..])), None);
        assert_eq!(t.store("a", SlotKind::String), Some(a));
        t.finalize(a);
        t.finalize(a);
        assert!(t.store("c", SlotKind::String).is_some());
    }

    #[test]
    fn bytes_slots_materialize_once() {
        let mut t = table();
        let id = t.store_bytes(Box::from(&b"hi"[..])).unwrap();
        t.materialize(id, "u8array");
        assert_eq!(t.store("u8array", SlotKind::Object), Some(id));
        t.finalize(id);
        t.finalize(id);
        assert_eq!(t.get(id), Lookup::Freed);
    }
}
