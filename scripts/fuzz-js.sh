#!/usr/bin/env bash
# Runs the seeded fuzzer of the JS globals (conformance/tests/conformance/fuzz_js.rs) for as
# long as you like: random programs call every function of every global gojs implements (fs,
# process, path, crypto, performance, console, timers, TextEncoder/TextDecoder, URL,
# structuredClone, JSON, the go object, ...) with hostile arguments, confined (an in-memory
# filesystem, never the host's) and under limits. A run that ends with an internal error (a
# caught panic), a panic or no end is a failure; its seed and program (target/fuzz_js/) reproduce
# it. A crash that kills the process (an abort: stack overflow, failed allocation) cannot be
# reported by the harness: this script names its seed and goes on from the next one.
#
#   scripts/fuzz-js.sh [RUNS] [FIRST_SEED]        (default: 20000 runs from seed 1000)
#   GOJS_FUZZ_JS_RUNS=1 GOJS_FUZZ_SEED=<seed> cargo test -p gojs-conformance --test conformance -- fuzz_js::
#   GOJS_FUZZ_JS_FILE=target/fuzz_js/seed-<seed>.js cargo test ... -- fuzz_js::random   (one program)
#   GOJS_FUZZ_JS_TRACE=1 ... shows every call of a seed's program (for minimising)
#
# A crash it finds becomes a test: a named case in REGRESSIONS (fuzz_js.rs).
# Honours CARGO_TARGET_DIR (cargo does). Release build: a few ms to a few tens of ms a program.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
seed=${2:-1000}
case "$runs$seed" in
  *[!0-9]*) echo "fuzz-js.sh: RUNS and FIRST_SEED are numbers (got '$runs' '$seed')" >&2; exit 64 ;;
esac
end=$((seed + runs))
last=$(mktemp)
trap 'rm -f "$last"' EXIT
died=()
echo "fuzz-js.sh: $runs programs from seed $seed" >&2
while [ "$seed" -lt "$end" ]; do
  : >"$last"
  status=0
  GOJS_FUZZ_JS_RUNS=$((end - seed)) GOJS_FUZZ_SEED=$seed GOJS_FUZZ_JS_LAST=$last \
    cargo test --release -p gojs-conformance --test conformance -- \
    --exact fuzz_js::random_calls_of_every_js_global_never_break_the_host || status=$?
  at=$(cat "$last")
  if [ "$at" = done ] || [ -z "$at" ]; then
    break
  fi
  echo "fuzz-js.sh: seed $at killed the process (status $status); going on from $((at + 1))" >&2
  died+=("$at")
  seed=$((at + 1))
done
if [ "${#died[@]}" -gt 0 ]; then
  echo "fuzz-js.sh: seeds that killed the process: ${died[*]}" >&2
  echo "  again: GOJS_FUZZ_JS_RUNS=1 GOJS_FUZZ_SEED=<seed> cargo test -p gojs-conformance --test conformance -- fuzz_js::" >&2
  exit 1
fi
exit "$status"
