//! Re-entry across the wasm ↔ JS boundary: the only module of the
//! workspace with `unsafe` code.
//!
//! A crossing re-enters: wasm calls a `gojs` import (host code holding the
//! wasmi `Caller`), the import runs JavaScript (which needs the JS world),
//! the JavaScript calls a Go function wrapper, whose native `go._resume`
//! calls the `resume` export (which needs the `Caller` again), and Go calls
//! another import (which needs the world again). Each side therefore needs,
//! for exactly one crossing, an exclusive borrow that the *other* side holds.
//!
//! A [`Link`] is the meeting point, shared by one program's engine state and
//! its JS world. The side that holds a `&mut` *lends* it into the link for
//! the duration of a closure; the other side *borrows* it back out:
//!
//! - the engine lends the world whenever it calls into the guest
//!   ([`Link::lend_world`]); the imports borrow it ([`Link::with_world`]);
//! - the engine lends the guest whenever it runs JS ([`Link::lend_guest`]);
//!   the world's natives borrow it ([`Link::with_guest`]).
//!
//! While borrowed, a slot is empty, so a second borrow of the same value is
//! impossible (it finds nothing). Every pointer a slot ever holds comes from
//! a `&mut` that is alive in a frame further down this thread's stack (the
//! `lend` that stored it), and slots are restored in LIFO order as those
//! frames return or unwind; a nested lend (an import lending the guest
//! again while a native has it borrowed) stores a pointer to a value of
//! that deeper frame and puts the previous content back when it ends.
//!
//! Only [`Link`], [`Link::new`] and [`Link::with_guest`] are public; none of
//! them lets a caller create a dangling or aliasing reference.

#![allow(
    unsafe_code,
    reason = "lending non-'static exclusive borrows to natives and imports needs raw pointers; see the module docs"
)]

use crate::world::{Guest, World};
use core::{cell::Cell, marker::PhantomData, ptr::NonNull};
use std::rc::Rc;

/// The meeting point of one program's engine and JS world: through it the
/// world's natives reach the running guest, and the guest's imports reach
/// the world. Cloning is cheap (one `Rc`).
///
/// A world creates one per program and hands it out through
/// [`World::link`]; a native that needs the guest (a Go function wrapper's
/// `go._resume`, `go.exited`) calls [`with_guest`](Self::with_guest).
///
/// Neither `Send` nor `Sync`: lending and borrowing happen on one thread,
/// on one call stack.
pub struct Link<W: World> {
    slots: Rc<Slots<W>>,
}

struct Slots<W: World> {
    world: LendSlot<W>,
    guest: LendSlot<dyn Guest<W>>,
}

impl<W: World> Clone for Link<W> {
    fn clone(&self) -> Self {
        Self {
            slots: self.slots.clone(),
        }
    }
}

impl<W: World> Default for Link<W> {
    fn default() -> Self {
        Self::new()
    }
}

impl<W: World> core::fmt::Debug for Link<W> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Link")
            .field("world", &self.slots.world.state())
            .field("guest", &self.slots.guest.state())
            .finish()
    }
}

impl<W: World> Link<W> {
    /// A link with nothing lent.
    pub fn new() -> Self {
        Self {
            slots: Rc::new(Slots {
                world: LendSlot::new(),
                guest: LendSlot::new(),
            }),
        }
    }

    /// Runs `f` with the guest that the innermost crossing lent, i.e. the
    /// program whose JS is running now.
    ///
    /// `None` when no guest is lent (JS running outside any program, e.g.
    /// before instantiation) or when it is already borrowed further up the
    /// stack (a native that re-enters the guest must go through the guest's
    /// own imports, which lend it again).
    pub fn with_guest<R>(&self, f: impl FnOnce(&mut dyn Guest<W>) -> R) -> Option<R> {
        self.slots.guest.borrow(|g| f(g))
    }

    /// Lends `guest` to the world's natives while `f` runs.
    pub(crate) fn lend_guest<'a, R>(
        &self,
        guest: &'a mut (dyn Guest<W> + 'a),
        f: impl FnOnce() -> R,
    ) -> R {
        let erased = erase_guest_lifetime(NonNull::from(guest));
        // SAFETY: `erased` points to `*guest`, which stays exclusively
        // borrowed for `'a`, longer than this call. `LendSlot::lend` exposes
        // it only to `borrow` calls made while `f` runs (so within `'a`),
        // and `borrow` hands it out only for a closure that cannot keep it.
        let guest = unsafe { &mut *erased.as_ptr() };
        self.slots.guest.lend(guest, f)
    }

    /// Lends `world` to the guest's imports while `f` runs.
    pub(crate) fn lend_world<R>(&self, world: &mut W, f: impl FnOnce() -> R) -> R {
        self.slots.world.lend(world, f)
    }

    /// Runs `f` with the world lent by the innermost call into the guest.
    pub(crate) fn with_world<R>(&self, f: impl FnOnce(&mut W) -> R) -> Option<R> {
        self.slots.world.borrow(f)
    }
}

/// `dyn Guest<W> + 'a` ↦ `dyn Guest<W> + 'static`: the same pointer, data and
/// vtable, with only the trait object's lifetime bound changed. Using the
/// result is sound only while the original borrow lasts; [`Link::lend_guest`]
/// guarantees that.
fn erase_guest_lifetime<'a, W: World>(
    ptr: NonNull<dyn Guest<W> + 'a>,
) -> NonNull<dyn Guest<W> + 'static> {
    // SAFETY: a transmute between two fat-pointer types that differ only in
    // the lifetime bound of the trait object: identical layout, data pointer
    // and vtable. The caller bounds how long the result is used.
    unsafe { core::mem::transmute::<NonNull<dyn Guest<W> + 'a>, NonNull<dyn Guest<W>>>(ptr) }
}

/// A slot through which one `&mut T` can be lent to code further down the
/// call stack. `T` may be unsized (a trait object).
struct LendSlot<T: ?Sized> {
    slot: Cell<Option<NonNull<T>>>,
    /// Not `Send`/`Sync`: the pointer is only valid on the lending thread's stack.
    _not_send: PhantomData<*mut T>,
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
    const fn new() -> Self {
        Self {
            slot: Cell::new(None),
            _not_send: PhantomData,
        }
    }

    fn state(&self) -> &'static str {
        match self.slot.get() {
            Some(_) => "lent",
            None => "empty",
        }
    }

    /// Makes `value` available to [`borrow`](Self::borrow) while `f` runs.
    ///
    /// `value` stays exclusively borrowed by this call until it returns, so
    /// the only way to reach it during `f` is through the slot.
    fn lend<R>(&self, value: &mut T, f: impl FnOnce() -> R) -> R {
        let previous = self.slot.replace(Some(NonNull::from(value)));
        let _restore = Restore {
            slot: &self.slot,
            previous,
        };
        f()
    }

    /// Takes the lent value out of the slot for the duration of `f`.
    ///
    /// `None` when nothing is lent, or when the lent value is already
    /// borrowed further up the stack (no second `&mut` is ever made).
    fn borrow<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
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
        // inside `f` stores a pointer from a `&mut` alive in a frame above
        // this one, and restores `None` before `f` returns. `f` cannot keep
        // the reference past its return (it is only given a borrow for the
        // call), and `Restore` puts `ptr` back when `f` returns or unwinds.
        let value = unsafe { &mut *ptr.as_ptr() };
        Some(f(value))
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
            assert_eq!(slot.state(), "lent");
        });
        assert_eq!(slot.state(), "empty");
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

    #[test]
    fn a_panic_inside_a_borrow_restores_the_slot() {
        let slot = LendSlot::<u32>::new();
        let mut x = 1;
        slot.lend(&mut x, || {
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                slot.borrow(|_| panic!("inside"));
            }));
            assert!(caught.is_err());
            assert_eq!(slot.borrow(|v| *v), Some(1));
        });
        assert_eq!(slot.state(), "empty");
    }
}
