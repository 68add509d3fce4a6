//! The integration tests of `gojs-wasip1`, one module per area (the Go
//! programs against wasmtime are in `conformance/`: `wasip1::*`).

mod files;
mod reactor;
