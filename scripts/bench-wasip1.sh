#!/usr/bin/env bash
# One Go program built for js/wasm and for wasip1, in fresh processes: gojs running
# each, and wasmtime (the PyPI package, scripts/wasmtime-run.py: Cranelift) running the
# wasip1 one.
#
#   1. compute: conformance/go/compute sha256|sort|mapitoa (the work alone, timed by
#      the program with Go's monotonic clock), ROUNDS runs each, median;
#   2. start-up: hello (js: conformance/go/hello; wasip1: conformance/wasip1/hello)
#      run to exit, STARTUP_RUNS times each, median wall time (date +%s%N).
#
#   scripts/bench-wasip1.sh            ROUNDS=3 STARTUP_RUNS=10
#
# Builds what it needs (the corpus, the wasip1 modules, and the release gojs if
# $CARGO_TARGET_DIR/release/gojs is missing; GOJS=path for another). Prints markdown.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
rounds=${ROUNDS:-3}
startup_runs=${STARTUP_RUNS:-10}
scripts/setup.sh >/dev/null 2>&1 || { echo "$0: scripts/setup.sh failed (run it for its messages)" >&2; exit 1; }
js_dir=$target/bench-wasm/go
wasi_dir=$target/bench-wasm/wasip1
scripts/build-go-corpus.sh "$js_dir"
scripts/build-inspect-modules.sh "$wasi_dir"
gojs=${GOJS:-$target/release/gojs}
if [ ! -x "$gojs" ]; then
  echo "building $gojs (cargo build --release -p gojs-boa; several minutes)..." >&2
  cargo build --release -p gojs-boa >&2
fi
wasmtime=(python3 scripts/wasmtime-run.py)

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

# wall_ms CMD...: median over STARTUP_RUNS of the wall time, in ms.
wall_ms() {
  local i start end
  for ((i = 0; i < startup_runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median
}

echo "| program | gojs, js/wasm | gojs, wasip1 | wasmtime, wasip1 |"
echo "|---|---|---|---|"
for spec in "sha256 4" "sort 200000" "mapitoa 100000"; do
  read -r kind n <<<"$spec"
  js=$(work_ms "$kind" "$n" "$gojs" run "$js_dir/compute.wasm")
  wasi=$(work_ms "$kind" "$n" "$gojs" run "$wasi_dir/compute-wasip1.wasm")
  wt=$(work_ms "$kind" "$n" "${wasmtime[@]}" "$wasi_dir/compute-wasip1.wasm")
  echo "| compute $kind $n (work, ms) | $js | $wasi | $wt |"
done
js=$(wall_ms "$gojs" run "$js_dir/hello.wasm")
wasi=$(wall_ms "$gojs" run "$wasi_dir/hello-wasip1.wasm")
wt=$(wall_ms "${wasmtime[@]}" "$wasi_dir/hello-wasip1.wasm")
echo "| hello, start to exit (wall, ms) | $js | $wasi | $wt |"
