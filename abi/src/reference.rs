//! The NaN-boxed `ref`: how a `js.Value` crosses the boundary as one `u64`.
//!
//! # Assumptions
//!
//! Words are little-endian in linear memory and read as an IEEE-754 binary64
//! first, exactly as `loadValue` in `wasm_exec.js` does (`getFloat64`).
//!
//! # Design
//!
//! | bits 63..32                | bits 31..0 | meaning                               |
//! |----------------------------|------------|---------------------------------------|
//! | `0x0000_0000` (all zero)   | `0`        | `undefined` (any `f64` equal to 0, so `-0.0` too) |
//! | any non-NaN pattern        |            | the finite or infinite `f64` itself   |
//! | `0x7FF8_0000 \| flag`      | id         | the value at table slot `id`          |
//!
//! `flag` is the [`TypeFlag`]; the reader ignores it (only the writer sets it,
//! for Go's `Value.Type`). Zero, `NaN`, `null`, `true`, `false`, `globalThis`
//! and the `go` object always live at the [`PredefinedId`] slots.

/// A NaN-boxed reference as Go stores it in linear memory.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Ref(pub u64);

/// The type tag in the high word of a boxed [`Ref`], read by Go's `Value.Type`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum TypeFlag {
    /// Numbers, booleans, `null`, `undefined`, BigInt: anything that is not below.
    Other = 0,
    /// `typeof v === "object" && v !== null`.
    Object = 1,
    /// `typeof v === "string"`.
    String = 2,
    /// `typeof v === "symbol"`.
    Symbol = 3,
    /// `typeof v === "function"`.
    Function = 4,
}

/// Slots that `wasm_exec.js` fills before `run` and never frees.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum PredefinedId {
    /// `NaN`.
    NaN = 0,
    /// The number `0` (zero is never stored inline: the all-zero word is `undefined`).
    Zero = 1,
    /// `null`.
    Null = 2,
    /// `true`.
    True = 3,
    /// `false`.
    False = 4,
    /// `globalThis`.
    Global = 5,
    /// The `go` object (`this` of the `Go` class).
    Go = 6,
}

impl PredefinedId {
    /// How many slots are predefined; the first dynamic id.
    pub const COUNT: u32 = 7;
}

/// What a [`Ref`] read from memory designates.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Decoded {
    /// The all-zero word (or `-0.0`): `undefined`.
    Undefined,
    /// A number carried inline.
    Number(f64),
    /// A table slot.
    Id(u32),
}

mod bits {
    /// High word of every boxed ref: a quiet NaN (`nanHead` in `wasm_exec.js`).
    pub const NAN_HEAD: u32 = 0x7FF8_0000;
    const _: () = assert!(f64::from_bits((NAN_HEAD as u64) << 32).is_nan());
    // Every flag keeps the word a NaN, so a boxed ref is never read as a number.
    const _: () = assert!(f64::from_bits(((NAN_HEAD | 4) as u64) << 32 | 0xFFFF_FFFF).is_nan());

    pub const fn boxed(flag: u32, id: u32) -> u64 {
        ((NAN_HEAD | flag) as u64) << 32 | id as u64
    }

    pub const fn flag(word: u64) -> u32 {
        (word >> 32) as u32 & 0x7
    }
}

impl Ref {
    /// `undefined`.
    pub const UNDEFINED: Ref = Ref(0);
    /// The plain `NaN` (slot 0, flag 0), as `storeValue` writes it.
    pub const NAN: Ref = Ref::boxed(PredefinedId::NaN as u32, TypeFlag::Other);
    /// `null`.
    pub const NULL: Ref = Ref::boxed(PredefinedId::Null as u32, TypeFlag::Other);
    /// `true`.
    pub const TRUE: Ref = Ref::boxed(PredefinedId::True as u32, TypeFlag::Other);
    /// `false`.
    pub const FALSE: Ref = Ref::boxed(PredefinedId::False as u32, TypeFlag::Other);
    /// The number `0`.
    pub const ZERO: Ref = Ref::boxed(PredefinedId::Zero as u32, TypeFlag::Other);
    /// `globalThis`.
    pub const GLOBAL: Ref = Ref::boxed(PredefinedId::Global as u32, TypeFlag::Object);
    /// The `go` object.
    pub const GO: Ref = Ref::boxed(PredefinedId::Go as u32, TypeFlag::Object);

    /// A reference to table slot `id`, tagged with `flag`.
    pub const fn boxed(id: u32, flag: TypeFlag) -> Ref {
        Ref(bits::boxed(flag as u32, id))
    }

    /// A number, boxed as `storeValue` does: `NaN` → slot 0, `0`/`-0` → slot 1,
    /// everything else inline.
    pub fn number(n: f64) -> Ref {
        if n.is_nan() {
            Ref::NAN
        } else if n == 0.0 {
            Ref::ZERO
        } else {
            Ref(n.to_bits())
        }
    }

    /// A boolean (slots 3 and 4).
    pub const fn bool(b: bool) -> Ref {
        if b { Ref::TRUE } else { Ref::FALSE }
    }

    /// Reads the word as `loadValue` does.
    pub fn decode(self) -> Decoded {
        let f = f64::from_bits(self.0);
        if f == 0.0 {
            Decoded::Undefined
        } else if !f.is_nan() {
            Decoded::Number(f)
        } else {
            Decoded::Id(self.0 as u32)
        }
    }

    /// The type flag written with a boxed ref (meaningless for inline numbers).
    pub const fn type_flag_bits(self) -> u32 {
        bits::flag(self.0)
    }

    /// The slot id of a boxed ref (the low word), as `finalizeRef` reads it.
    pub const fn id(self) -> u32 {
        self.0 as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_words_are_undefined() {
        assert_eq!(Ref(0).decode(), Decoded::Undefined);
        assert_eq!(Ref((-0.0f64).to_bits()).decode(), Decoded::Undefined);
    }

    #[test]
    fn numbers_round_trip_inline_except_nan_and_zero() {
        assert_eq!(Ref::number(1.5).decode(), Decoded::Number(1.5));
        assert_eq!(
            Ref::number(f64::INFINITY).decode(),
            Decoded::Number(f64::INFINITY)
        );
        assert_eq!(Ref::number(0.0), Ref::ZERO);
        assert_eq!(Ref::number(-0.0), Ref::ZERO);
        assert_eq!(Ref::number(f64::NAN), Ref::NAN);
        assert_eq!(Ref::NAN.decode(), Decoded::Id(0));
    }

    #[test]
    fn boxed_refs_match_wasm_exec_js_words() {
        // storeValue: setUint32(addr+4, nanHead | typeFlag); setUint32(addr, id)
        assert_eq!(Ref::GLOBAL.0, 0x7FF8_0001_0000_0005);
        assert_eq!(Ref::boxed(42, TypeFlag::Function).0, 0x7FF8_0004_0000_002A);
        assert_eq!(Ref::boxed(42, TypeFlag::Function).decode(), Decoded::Id(42));
        assert_eq!(Ref::boxed(9, TypeFlag::String).type_flag_bits(), 2);
    }
}
