#!/usr/bin/env bash
# The two engines side by side, in fresh processes: gojs on wasmi, gojs on the
# JIT (wasmtime + Cranelift) from a cold cache and from a warm one, and node
# running the same module with Go's wasm_exec_node.js.
#
#   1. compute: conformance/go/compute sha256|sort|mapitoa (the work alone, timed
#      by the program with Go's monotonic clock), ROUNDS runs each, median;
#   2. start-up: hello run to exit, STARTUP_RUNS times each, median wall time;
#      "cold" empties the cache before every run.
#
#   scripts/bench-jit.sh               ROUNDS=3 STARTUP_RUNS=10
#
# GOJS=path picks the binary (it must have the jit engine: `gojs --version`);
# by default $CARGO_TARGET_DIR/release/gojs, built with `--features jit` if
# missing. Prints markdown.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
rounds=${ROUNDS:-3}
startup_runs=${STARTUP_RUNS:-10}
scripts/setup.sh >/dev/null 2>&1 || { echo "$0: scripts/setup.sh failed (run it for its messages)" >&2; exit 1; }
js_dir=$target/bench-wasm/go
scripts/build-go-corpus.sh "$js_dir"
gojs=${GOJS:-$target/release/gojs}
if [ ! -x "$gojs" ]; then
  echo "building $gojs (cargo build --release -p gojs-boa --features jit; many minutes)..." >&2
  cargo build --release -p gojs-boa --features jit >&2
fi
if ! "$gojs" --version | grep -q '^engine jit'; then
  echo "$0: $gojs has no jit engine (build it with --features jit)" >&2
  exit 1
fi
GOOS=js
source scripts/go-env.sh
goroot=$("$go" env GOROOT)
glue=$goroot/lib/wasm/wasm_exec_node.js
[ -f "$glue" ] || glue=$goroot/misc/wasm/wasm_exec_node.js
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export GOJS_CACHE_DIR=$cache

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# work_ms KIND N CMD...: median over ROUNDS of the ns the program printed, in ms.
work_ms() {
  local kind=$1 n=$2
  shift 2
  local i out
  for ((i = 0; i < rounds; i++)); do
    if ! out=$("$@" "$kind" "$n"); then
      echo "$0: $* $kind $n failed" >&2
      exit 1
    fi
    echo "$out" | awk -v k="$kind" '$1 == k { printf "%.1f\n", $3 / 1e6 }'
  done | median
}

# wall_ms COLD CMD...: median over STARTUP_RUNS of the wall time, in ms; COLD=1
# empties the compiled-code cache before each run.
wall_ms() {
  local cold=$1 i start end
  shift
  for ((i = 0; i < startup_runs; i++)); do
    [ "$cold" = 1 ] && rm -rf "${cache:?}"/*
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median
}

echo "| program | gojs wasmi | gojs jit, cold | gojs jit, warm | node |"
echo "|---|---|---|---|---|"
for spec in "sha256 4" "sort 200000" "mapitoa 100000"; do
  read -r kind n <<<"$spec"
  wasmi=$(work_ms "$kind" "$n" "$gojs" run --engine wasmi "$js_dir/compute.wasm")
  # The program times its own work: compilation is not in it, cold or warm.
  jit=$(work_ms "$kind" "$n" "$gojs" run --engine jit "$js_dir/compute.wasm")
  node=$(work_ms "$kind" "$n" node "$glue" "$js_dir/compute.wasm")
  echo "| compute $kind $n (work, ms) | $wasmi | $jit | $jit | $node |"
done
for prog in hello compute; do
  args=()
  [ "$prog" = compute ] && args=(sort 1)
  wasmi=$(wall_ms 0 "$gojs" run --engine wasmi "$js_dir/$prog.wasm" "${args[@]}")
  cold=$(wall_ms 1 "$gojs" run --engine jit "$js_dir/$prog.wasm" "${args[@]}")
  warm=$(wall_ms 0 "$gojs" run --engine jit "$js_dir/$prog.wasm" "${args[@]}")
  node=$(wall_ms 0 node "$glue" "$js_dir/$prog.wasm" "${args[@]}")
  echo "| $prog, start to exit (wall, ms) | $wasmi | $cold | $warm | $node |"
done
