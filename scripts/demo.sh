#!/usr/bin/env bash
# The built-in example: a Go program and a Rust program, each talking to
# JavaScript, run by gojs inside one Rust process — no node involved.
#
#   scripts/demo.sh
#
# Installs what it needs (scripts/setup.sh), builds the two guests and gojs,
# then runs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=target/demo
"$root/scripts/build-go-corpus.sh" "$out/go" >/dev/null
"$root/scripts/build-rust-guests.sh" "$out/rust" >/dev/null 2>&1
cargo build -q -p gojs-boa --bin gojs
gojs=target/debug/gojs

echo "== Go (GOOS=js GOARCH=wasm): conformance/go/hello"
"$gojs" run "$out/go/hello.wasm"
echo "== Rust (gojs-guest, wasm32-unknown-unknown): guest/examples/hello.rs"
"$gojs" run "$out/rust/hello.wasm"
echo "== Rust guest with JS callbacks: guest/examples/callbacks.rs"
"$gojs" run "$out/rust/callbacks.wasm"
