//! Lending exclusive borrows across the wasm ↔ JS boundary.
//!
//! A crossing re-enters: wasm calls a `gojs` import (host code holding the
//! wasmi `Caller`), the import runs JavaScript (which needs the JS world), the
//! JavaScript calls a Go function wrapper, which calls the `resume` export
//! (needs the `Caller` again), and Go calls another import (needs the world
//! again). Each side therefore needs, for exactly one crossing, an exclusive
//! borrow that the *other* side currently holds.
//!
//! The holder *lends* its `&mut` into a [`LendSlot`] for the duration of a
//! closure; the callee *borrows* it back out. While borrowed, the slot is
//! empty, so a second borrow of the same value is impossible (it finds
//! `None`); a nested lend stores a reborrow derived from the active borrow and
//! restores the previous content when it ends. This keeps a strict stack
//! discipline: at any moment at most one usable `&mut` to the value exists,
//! and it is always the most recently derived one.
//!
//! This module is the only place in the crate with `unsafe`.

use core::{cell::Cell, marker::PhantomData, ptr::NonNull};

/// A slot through which one `&mut T` can be lent to code further down the
/// call stack. `T` may be unsized (a trait object).
///
/// `LendSlot` is neither `Send` nor `Sync`: lending and borrowing happen on
/// one thread, on one call stack.
pub struct LendSlot<T: ?Sized> {
    slot: Cell<Option<NonNull<T>>>,
    /// Not `Send`/`Sync`: the pointer is only valid on the lending thread's stack.
    _not_send: PhantomData<*mut T>,
}

impl<T: ?Sized> Default for LendSlot<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ?Sized> core::fmt::Debug for LendSlot<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let state = match self.slot.get() {
            Some(_) => "lent",
            None => "empty",
        };
        f.debug_tuple("LendSlot").field(&state).finish()
    }
}

/// Puts the previous content back when a lend or a borrow ends, also on unwind.
struct Restore<'s, T: ?Sized> {
    slot: &'s Cell<Option<NonNull<T>>>,
    previous: Option<NonNull<T>>,
}

impl<T: ?Sized> Drop for Restore<'_, T> {
    fn drop(&mut self) {
        self.slot.set(self.previous);
    }
}

impl<T: ?Sized> LendSlot<T> {
    /// An empty slot.
    pub const fn new() -> Self {
        Self {
            slot: Cell::new(None),
            _not_send: PhantomData,
        }
    }

    /// Whether something is lent and not currently borrowed.
    pub fn is_lent(&self) -> bool {
        self.slot.get().is_some()
    }

    /// Makes `value` available to [`borrow`](Self::borrow) while `f` runs.
    ///
    /// `value` stays exclusively borrowed by this call until it returns, so the
    /// only way to reach it during `f` is through the slot.
    pub fn lend<R>(&self, value: &mut T, f: impl FnOnce() -> R) -> R {
        let previous = self.slot.replace(Some(NonNull::from(value)));
        let _restore = Restore {
            slot: &self.slot,
            previous,
        };
        f()
    }

    /// Takes the lent value out of the slot for the duration of `f`.
    ///
    /// Returns `None` when nothing is lent, or when the lent value is already
    /// borrowed further up the stack (no second `&mut` is ever made).
    pub fn borrow<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let ptr = self.slot.take()?;
        let _restore = Restore {
            slot: &self.slot,
            previous: Some(ptr),
        };
        // SAFETY: `ptr` was stored by `lend` from a `&mut T` that `lend` keeps
        // borrowed (it is a parameter of the still-running `lend` frame below
        // us on this thread's stack; the slot is `!Send`), so the pointee is
        // alive and not accessed through that original reference until `lend`
        // returns. The slot was emptied by `take`, so no other `borrow` can
        // produce a second reference while this one lives; a nested `lend`
        // inside `f` can only store a reborrow derived from this reference.
        // `Restore` puts `ptr` back when `f` returns or unwinds.
        let value = unsafe { &mut *ptr.as_ptr() };
        Some(f(value))
    }
}

/// A lending slot for a trait object of any lifetime.
///
/// [`LendSlot`] needs the lent type to outlive the slot, but the values lent
/// across the boundary are short-lived views (a wasmi `Caller<'_, _>`, a
/// borrowed JS context). `ErasedLendSlot` stores the trait object with its
/// lifetime erased and only hands it out for the duration of a `borrow`,
/// which is always shorter than the `lend` that put it there.
pub struct ErasedLendSlot<D: ?Sized + 'static> {
    inner: LendSlot<D>,
}

impl<D: ?Sized + 'static> Default for ErasedLendSlot<D> {
    fn default() -> Self {
        Self {
            inner: LendSlot::new(),
        }
    }
}

impl<D: ?Sized + 'static> core::fmt::Debug for ErasedLendSlot<D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.inner.fmt(f)
    }
}

/// Implemented by trait-object types whose lifetime can be erased for lending:
/// `dyn Trait + 'a` ↦ `dyn Trait + 'static`.
///
/// # Safety
///
/// `erase` must return the same pointer (same data and vtable) with only the
/// trait object's lifetime bound changed.
pub unsafe trait EraseLifetime<'a> {
    /// The `'static` version of the trait object.
    type Erased: ?Sized + 'static;
    /// Erases the lifetime of `ptr`.
    fn erase(ptr: NonNull<Self>) -> NonNull<Self::Erased>;
}

impl<D: ?Sized + 'static> ErasedLendSlot<D> {
    /// Whether something is lent and not currently borrowed.
    pub fn is_lent(&self) -> bool {
        self.inner.is_lent()
    }

    /// Lends `value` (a trait object with any lifetime) while `f` runs.
    pub fn lend<'a, T, R>(&self, value: &'a mut T, f: impl FnOnce() -> R) -> R
    where
        T: ?Sized + EraseLifetime<'a, Erased = D>,
    {
        let erased = T::erase(NonNull::from(value));
        // SAFETY: `erased` points to `*value`, which stays exclusively borrowed
        // for `'a`, longer than this call; `LendSlot::lend` only exposes it to
        // `borrow` calls made while `f` runs, i.e. within `'a`.
        self.inner.lend(unsafe { &mut *erased.as_ptr() }, f)
    }

    /// Takes the lent value out for the duration of `f`; see [`LendSlot::borrow`].
    ///
    /// The reference given to `f` must not escape `f` (the higher-ranked
    /// lifetime enforces it), because the real lifetime of the value is only
    /// known to be at least the duration of the enclosing `lend`.
    pub fn borrow<R>(&self, f: impl for<'b> FnOnce(&'b mut D) -> R) -> Option<R> {
        self.inner.borrow(f)
    }
}

// SAFETY: a pointer-to-pointer transmute between two trait-object types that
// differ only in their lifetime bound: same layout, data pointer and vtable.
unsafe impl<'a, W: crate::World> EraseLifetime<'a> for dyn crate::Guest<W> + 'a {
    type Erased = dyn crate::Guest<W> + 'static;
    fn erase(ptr: NonNull<Self>) -> NonNull<Self::Erased> {
        // SAFETY: see the `unsafe impl` above.
        unsafe { core::mem::transmute::<NonNull<Self>, NonNull<Self::Erased>>(ptr) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrow_sees_the_lent_value_and_restores_it() {
        let slot = LendSlot::<u32>::new();
        let mut x = 1;
        slot.lend(&mut x, || {
            assert_eq!(slot.borrow(|v| *v += 1), Some(()));
            assert!(slot.is_lent());
        });
        assert!(!slot.is_lent());
        assert_eq!(x, 2);
    }

    #[test]
    fn a_borrowed_value_cannot_be_borrowed_twice() {
        let slot = LendSlot::<u32>::new();
        let mut x = 1;
        slot.lend(&mut x, || {
            slot.borrow(|_| assert!(slot.borrow(|_| ()).is_none()));
        });
    }

    #[test]
    fn nested_lends_restore_in_stack_order() {
        let slot = LendSlot::<u32>::new();
        let mut x = 1;
        slot.lend(&mut x, || {
            slot.borrow(|outer| {
                slot.lend(outer, || slot.borrow(|inner| *inner = 10));
                *outer += 1;
            });
            slot.borrow(|v| assert_eq!(*v, 11));
        });
        assert_eq!(x, 11);
    }

    #[test]
    fn borrow_without_lend_is_none() {
        assert!(LendSlot::<u32>::new().borrow(|_| ()).is_none());
    }
}
