//! The leak report: what the guest still holds in the reference table, and
//! the `js.Func` wrappers among it with what JS last did with each.
//!
//! A `js.Func` is seen from the host as the wrapper `go._makeFuncWrapper(id)`
//! returns and the slot Go keeps it in. `Func.Release` only deletes the Go
//! closure from Go's own map — it makes no crossing — so the host counts a
//! wrapper as live from `FuncOf` until Go finalizes its ref (Go dropped the
//! `Func` and its collector ran the finalizer; a Rust guest's `Func` frees it
//! on drop). A leaked `FuncOf` therefore shows as a live wrapper; a released
//! one that Go still holds shows too, until it is collected.

use crate::table::TableStats;
use rustc_hash::FxHashMap;
use std::fmt;

/// What JS last did with a `js.Func` wrapper, as far as the host saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuncUse {
    /// Stored as a property (`valueSet`): `on.name = f`.
    Property {
        /// The property name.
        name: String,
        /// Whether it was set on `globalThis`.
        on_global: bool,
    },
    /// Stored at an index (`valueSetIndex`): `array[index] = f`.
    Index(u64),
    /// Passed to a method (`valueCall`): `obj.method(…, f, …)`.
    Method(String),
    /// Passed to a function call (`valueInvoke`).
    Call,
    /// Passed to a constructor (`valueNew`): `new C(…, f, …)`.
    New,
}

impl fmt::Display for FuncUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Property {
                name,
                on_global: true,
            } => write!(f, "stored as globalThis.{name}"),
            Self::Property { name, .. } => write!(f, "stored as property {name:?}"),
            Self::Index(i) => write!(f, "stored at index {i}"),
            Self::Method(m) => write!(f, "passed to {m}()"),
            Self::Call => f.write_str("passed to a function call"),
            Self::New => f.write_str("passed to a constructor"),
        }
    }
}

/// A `js.Func` whose wrapper Go still holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveFunc {
    /// Go's function id (the argument of `_makeFuncWrapper`).
    pub id: u32,
    /// The reference-table slot of the wrapper.
    pub slot: u32,
    /// What JS last did with it; `None`: nothing the host saw.
    pub last_use: Option<FuncUse>,
}

/// The guest's `js.Func`s, as the host sees them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncStats {
    /// Wrappers `FuncOf` made (`_makeFuncWrapper` calls).
    pub made: u64,
    /// The most live at once.
    pub peak: usize,
    /// The live ones, by slot.
    pub live: Vec<LiveFunc>,
}

/// What the guest holds: see [`GoInstance::leak_report`](crate::GoInstance::leak_report).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeakReport {
    /// The reference table: live slots by kind, peaks, slots created and
    /// freed.
    pub table: TableStats,
    /// `js.Func` wrappers.
    pub funcs: FuncStats,
}

impl fmt::Display for LeakReport {
    /// The report as `gojs run --leaks` prints it: lines starting `gojs:`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.table;
        let (k, p) = (&t.by_kind, &t.peak_by_kind);
        writeln!(
            f,
            "gojs: leaks: {} live ref slots (peak {}); {} created, {} freed",
            t.live_dynamic, t.peak_live_dynamic, t.created, t.freed
        )?;
        writeln!(f, "gojs:   kind          live   peak")?;
        for (name, live, peak) in [
            ("object", k.objects, p.objects),
            ("string", k.strings, p.strings),
            ("symbol", k.symbols, p.symbols),
            ("function", k.functions, p.functions),
            ("other", k.other, p.other),
            ("prepared", k.prepared_strings, p.prepared_strings),
        ] {
            writeln!(f, "gojs:   {name:<12} {live:>5}  {peak:>5}")?;
        }
        let funcs = &self.funcs;
        writeln!(
            f,
            "gojs: leaks: {} live js.Func (peak {}); {} made by FuncOf",
            funcs.live.len(),
            funcs.peak,
            funcs.made
        )?;
        for func in &funcs.live {
            write!(f, "gojs:   func {} (slot {}): ", func.id, func.slot)?;
            match &func.last_use {
                Some(u) => writeln!(f, "{u}")?,
                None => writeln!(f, "not handed to JS")?,
            }
        }
        Ok(())
    }
}

/// The live wrappers, kept beside the reference table.
#[derive(Debug, Default)]
pub(crate) struct FuncTracker {
    made: u64,
    peak: usize,
    /// Wrapper slot → (Go's function id, last use).
    live: FxHashMap<u32, (u32, Option<FuncUse>)>,
}

impl FuncTracker {
    /// `_makeFuncWrapper(id)` returned the wrapper now in `slot`.
    pub fn made(&mut self, slot: u32, id: u32) {
        self.made += 1;
        self.live.insert(slot, (id, None));
        self.peak = self.peak.max(self.live.len());
    }

    /// Whether `slot` holds a live wrapper.
    pub fn is_wrapper(&self, slot: u32) -> bool {
        !self.live.is_empty() && self.live.contains_key(&slot)
    }

    /// Whether no wrapper is live (the fast path of every check).
    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// Records what JS did with the wrapper in `slot`, if it is one.
    pub fn used(&mut self, slot: u32, how: impl FnOnce() -> FuncUse) {
        if let Some((_, last)) = self.live.get_mut(&slot) {
            *last = Some(how());
        }
    }

    /// The slot was freed.
    pub fn freed(&mut self, slot: u32) {
        if !self.live.is_empty() {
            self.live.remove(&slot);
        }
    }

    pub fn stats(&self) -> FuncStats {
        let mut live: Vec<_> = self
            .live
            .iter()
            .map(|(&slot, (id, last_use))| LiveFunc {
                id: *id,
                slot,
                last_use: last_use.clone(),
            })
            .collect();
        live.sort_by_key(|f| f.id);
        FuncStats {
            made: self.made,
            peak: self.peak,
            live,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freed_wrapper_is_no_longer_live_but_stays_in_the_peak() {
        let mut t = FuncTracker::default();
        t.made(10, 1);
        t.made(11, 2);
        t.used(11, || FuncUse::Method("push".into()));
        t.used(12, || unreachable!("not a wrapper"));
        t.freed(10);
        let stats = t.stats();
        assert_eq!((stats.made, stats.peak), (2, 2));
        assert_eq!(
            stats.live,
            [LiveFunc {
                id: 2,
                slot: 11,
                last_use: Some(FuncUse::Method("push".into()))
            }]
        );
    }
}
