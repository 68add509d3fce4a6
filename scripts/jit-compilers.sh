#!/usr/bin/env bash
# wasmtime's two compilers on gojs's modules, to choose the JIT's default: compile
# time (no cache) of Go modules of three sizes with Cranelift and with Winch, and
# the compute work of one Go program (built for wasip1, run by wasmtime itself) under
# each. Uses the PyPI wasmtime that setup installs (the wasip1 reference), whose
# C API has Winch built in; gojs's own JIT is Cranelift only.
#
#   scripts/jit-compilers.sh        RUNS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
runs=${RUNS:-3}
scripts/setup.sh >/dev/null 2>&1 || { echo "$0: scripts/setup.sh failed (run it for its messages)" >&2; exit 1; }
js_dir=$target/bench-wasm/go
wasi_dir=$target/bench-wasm/wasip1
scripts/build-go-corpus.sh "$js_dir" >/dev/null
scripts/build-inspect-modules.sh "$wasi_dir" >/dev/null
npm=$(scripts/fetch-npm-packages.sh | tail -n 1)
echo "| module | size | Cranelift compile | Winch compile |"
echo "|---|---|---|---|"
for m in "$js_dir/hello.wasm" "$js_dir/compute.wasm" "$npm/esbuild-wasm-0.28.2/package/esbuild.wasm"; do
  python3 scripts/jit-compile-time.py "$m" "$runs" | awk -v size="$(($(wc -c <"$m") / 1024)) KiB" '
    { name = $1; sub(":", "", $2); t[$2] = $3 " ms" }
    END { printf "| %s | %s | %s | %s |\n", name, size, t["cranelift"], t["winch"] }'
done
echo
echo "| compute (wasip1, wasmtime run, work ms) | Cranelift | Winch |"
echo "|---|---|---|"
for spec in "sha256 4" "sort 200000" "mapitoa 100000"; do
  read -r kind n <<<"$spec"
  row="| $kind $n |"
  for strategy in cranelift winch; do
    ms=$(for ((i = 0; i < runs; i++)); do
      WASMTIME_STRATEGY=$strategy python3 scripts/wasmtime-run.py "$wasi_dir/compute-wasip1.wasm" "$kind" "$n" |
        awk -v k="$kind" '$1 == k { printf "%.1f\n", $3 / 1e6 }'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    row="$row $ms |"
  done
  echo "$row"
done
