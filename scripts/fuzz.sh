#!/usr/bin/env bash
# Runs the seeded fuzzer of the guest-facing surface (conformance/tests/conformance/fuzz.rs)
# for as long as you like: random programs call every gojs import with random frames and
# chained results, confined (no host filesystem) and under limits. A run that ends with an
# internal error (a caught panic) or does not end is a failure; its seed reproduces it:
#
#   scripts/fuzz.sh [RUNS] [FIRST_SEED]       (default: 100000 runs from seed 1000)
#   GOJS_FUZZ_RUNS=1 GOJS_FUZZ_SEED=<seed> cargo test -p gojs-conformance --test conformance -- fuzz::
#
# A crash it finds becomes a test: add its shape to the hostile corpus (conformance/).
# Honours CARGO_TARGET_DIR (cargo does). Release build: ~2.7 ms a program on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100000}
seed=${2:-1000}
case "$runs$seed" in
  *[!0-9]*) echo "fuzz.sh: RUNS and FIRST_SEED are numbers (got '$runs' '$seed')" >&2; exit 64 ;;
esac
echo "fuzz.sh: $runs programs from seed $seed" >&2
GOJS_FUZZ_RUNS=$runs GOJS_FUZZ_SEED=$seed \
  cargo test --release -p gojs-conformance --test conformance -- --exact fuzz::random_import_frames_never_break_the_host
