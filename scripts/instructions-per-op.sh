#!/usr/bin/env bash
# Instructions per crossing, counted by callgrind: deterministic where wall time on a
# shared 2-core machine is not, so it is what the speed-pass commits quote.
#
#   scripts/instructions-per-op.sh [op …]          default: a representative set
#   GOJS=/tmp/gojs.before scripts/instructions-per-op.sh valueGet/number
#   GUEST=go scripts/instructions-per-op.sh valueGet/number
#
# For each op, runs the crossings program (Rust guest by default, GUEST=go for the Go
# one) under `valgrind --tool=callgrind` with n = N (default 5000) and n = 0, and prints
# (instructions(N) - instructions(0)) / N: the cost of one op, start-up and setup
# cancelled out. Needs valgrind. Builds the guests (into target/bench-wasm/, as the
# benches do) and target/release/gojs if it is missing (GOJS= another binary).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${N:-5000}
guest=${GUEST:-rust}
gojs=${GOJS:-target/release/gojs}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
if [ ! -x "$gojs" ]; then
  cargo build --release -p gojs-boa >&2
fi
wasm_dir=target/bench-wasm/$guest
build=scripts/build-rust-guests.sh
[ "$guest" = go ] && build=scripts/build-go-corpus.sh
"$build" "$wasm_dir" >"$wasm_dir.log" 2>&1 || { cat "$wasm_dir.log" >&2; exit 1; }
ops=("$@")
if [ ${#ops[@]} -eq 0 ]; then
  ops=(valueGet/number valueGet/object valueSet/number valueCall/0 valueCall/string32
       valueString/32 valueString/1KiB valueIndex/byte churn/string callback/jsToGuest)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() { # op n -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$gojs" run "$wasm_dir/crossings.wasm" "$1" "$2" >/dev/null 2>"$tmp/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/log"
}
printf '| op (%s guest) | instructions/op |\n|---|---|\n' "$guest"
for op in "${ops[@]}"; do
  base=$(count "$op" 0)
  full=$(count "$op" "$n")
  printf '| %s | %d |\n' "$op" $(( (full - base) / n ))
done
