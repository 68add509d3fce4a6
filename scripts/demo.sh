#!/usr/bin/env bash
# The built-in example: a Go program and a Rust program, each talking to
# JavaScript, run by gojs inside one Rust process — no node involved — and a
# Go program kept alive and called from a JS script.
#
#   scripts/demo.sh
#
# Installs what it needs (scripts/setup.sh), builds the guests and gojs
# (honouring CARGO_TARGET_DIR), then runs them. Each step says what failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-target}
out=$target/demo
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() { # step DESCRIPTION COMMAND...: runs it quietly; on failure shows its output
  local what=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$0: $what failed: $*" >&2
    exit 1
  fi
}

step "building the Go programs" scripts/build-go-corpus.sh "$out/go"
step "building the Rust guests" scripts/build-rust-guests.sh "$out/rust"
step "building gojs" cargo build -q -p gojs-boa --bin gojs
gojs=$target/debug/gojs

echo "== Go (GOOS=js GOARCH=wasm): conformance/go/hello"
"$gojs" run "$out/go/hello.wasm"
echo "== Rust (gojs-guest, wasm32-unknown-unknown): guest/examples/hello.rs"
"$gojs" run "$out/rust/hello.wasm"
echo "== Rust guest with JS callbacks: guest/examples/callbacks.rs"
"$gojs" run "$out/rust/callbacks.wasm"
echo "== A parked Go program called from a script: conformance/go/reactor"
"$gojs" run --eval '
  console.log("goReactor.add(2, 3) =", goReactor.add(2, 3));
  console.log("await goReactor.later(10, \"resolved by a goroutine\") =",
    await goReactor.later(10, "resolved by a goroutine"));' "$out/go/reactor.wasm"
