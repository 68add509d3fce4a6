#!/usr/bin/env bash
# Measures boa's native stack per nesting level of JS shapes: for each
# SOURCE (NNN stands for the repetition count), bisects the largest count
# that completes on a 16 MiB thread and prints 16 MiB / count. The figures
# budgeted in boa-host/src/source_depth.rs (and PER_FLAT_LEVEL in guard.rs)
# came from this; re-run it when boa is upgraded.
#
#   scripts/boa-stack-per-level.sh "eval('('.repeat(NNN) + '0' + ')'.repeat(NNN))" …
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 SOURCE… (NNN in each SOURCE is the count)" >&2; exit 2; }
cargo build -q --release -p gojs-boa --example stack_per_level
probe="${CARGO_TARGET_DIR:-target}/release/examples/stack_per_level"
stack_kib=16384
for source in "$@"; do
  lo=1 hi=4000000
  # A failed run (an abort) means "too deep": the bisection needs no more.
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if [ "$("$probe" "$source" "$mid" "$stack_kib" 2>/dev/null || true)" = true ]; then lo=$mid; else hi=$mid; fi
  done
  if [ "$lo" -le 1 ]; then
    echo "$source: does not complete even once (a syntax error?)" >&2
    continue
  fi
  printf '%8d bytes/level  (%d levels)  %s\n' $(((stack_kib << 10) / lo)) "$lo" "$source"
done
