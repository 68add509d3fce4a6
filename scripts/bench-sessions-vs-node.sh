#!/usr/bin/env bash
# Calls into a parked Go program from JS: gojs vs node + the official
# wasm_exec.js, on the same program (conformance/go/reactor) and the same JS
# loop (conformance/node/session-calls-loop.js), in fresh processes:
# goReactor.counter() (no argument) and goReactor.concat(s) (1 KiB in and out),
# N calls each after N warm-up calls, ROUNDS times alternating which host goes
# first; prints the median ns per call of each host and gojs/node.
#
#   scripts/bench-sessions-vs-node.sh            N=20000 ROUNDS=5 by default
#
# Builds the Go programs (scripts/build-go-corpus.sh) and the release gojs if
# it is missing (GOJS=path for another binary). Calls from Rust are in the
# criterion benches (`cargo bench -p gojs-benches -- session/`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
n=${N:-20000}
rounds=${ROUNDS:-5}
go=$(scripts/setup.sh 2>/dev/null | tail -n 1)
glue="$("$go" env GOROOT)/lib/wasm/wasm_exec.js"
wasm_dir=$target/bench-wasm/go
scripts/build-go-corpus.sh "$wasm_dir" ||
  { echo "$0: building the Go programs failed" >&2; exit 1; }
gojs=${GOJS:-$target/release/gojs}
if [ ! -x "$gojs" ]; then
  echo "building $gojs (cargo build --release -p gojs-boa; several minutes)..." >&2
  cargo build --release -p gojs-boa >&2
fi
loop=$(cat conformance/node/session-calls-loop.js)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order="gojs node"; else order="node gojs"; fi
  for host in $order; do
    if [ "$host" = gojs ]; then
      "$gojs" run --eval "globalThis.__n = $n; $loop" "$wasm_dir/reactor.wasm" >"$tmp/gojs.$r"
    else
      node conformance/node/session-calls.mjs "$glue" "$wasm_dir/reactor.wasm" "$n" >"$tmp/node.$r"
    fi
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "| call (from JS, n = $n, $rounds rounds) | gojs | node | gojs/node |"
echo "|---|---|---|---|"
for call in call0 string1KiB; do
  g=$(cat "$tmp"/gojs.* | awk -v c="$call" '$1 == c {print $3}' | median)
  d=$(cat "$tmp"/node.* | awk -v c="$call" '$1 == c {print $3}' | median)
  echo "| $call | $g ns | $d ns | $(awk -v g="$g" -v d="$d" 'BEGIN {printf "%.2fx", g / d}') |"
done
