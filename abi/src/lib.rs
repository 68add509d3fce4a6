//! The `gojs` import ABI spoken by programs built with `GOOS=js GOARCH=wasm`
//! (Go ≥ 1.21) and by `lib/wasm/wasm_exec.js` of Go 1.27.3.
//!
//! This crate owns the facts both sides of the boundary must agree on: the
//! NaN-boxed [`Ref`] encoding, the predefined reference ids, the import and
//! export names, the stack-frame (`sp`) offsets of every import, and the
//! argv/env area written by `run`. The host engine (`gojs-engine`) and the Rust
//! guest SDK (`gojs-guest`) both depend on it, so no constant is copied by hand.
//!
//! It owns no behaviour: no reference table, no memory access.
#![no_std]
#![forbid(unsafe_code)]

pub mod frame;
pub mod names;
mod reference;

pub use reference::{Decoded, PredefinedId, Ref, TypeFlag};

/// Where `run` starts writing argv and env strings (`wasm_exec.js`: `let offset = 4096`).
pub const ARGV_OFFSET: u32 = 4096;

/// Where the linker puts Go's global data (`cmd/link/internal/ld/data.go:wasmMinDataAddr`).
/// argv and env, with their pointer arrays, must end below it.
pub const WASM_MIN_DATA_ADDR: u32 = 4096 + 8192;

/// The import module of Go ≥ 1.21. Go ≤ 1.20 used [`LEGACY_IMPORT_MODULE`].
pub const IMPORT_MODULE: &str = "gojs";

/// The import module of Go ≤ 1.20 (`misc/wasm/wasm_exec.js` of those
/// releases): the same imports under another name, but for the legacy
/// aliases in [`names::LEGACY_ALIASES`].
pub const LEGACY_IMPORT_MODULE: &str = "go";

/// The import module of Go test binaries (`_gotest.add`, `_gotest.callExport`).
pub const GOTEST_MODULE: &str = "_gotest";
