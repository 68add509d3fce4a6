#!/usr/bin/env bash
# The two engines side by side, in fresh processes: gojs on wasmi, gojs on the
# JIT (wasmtime + Cranelift) from a cold cache and from a warm one, and node
# running the same module with Go's wasm_exec_node.js.
#
#   1. compute: conformance/go/compute sha256|sort|mapitoa (the work alone, timed
#      by the program with Go's monotonic clock), ROUNDS runs each, median;
#   2. start-up: hello and compute run to exit, STARTUP_RUNS times each, median
#      wall time; "cold" empties the cache before every run;
#   3. esbuild-wasm 0.28.2 bundling npm's own lib/npm.js (npm's installed package
#      tree, 3.9 MB of output) to a file, ROUNDS times, median wall time; node runs
#      the package's bin/esbuild; every output must be byte-identical to node's;
#   4. crossings: conformance/go/crossings `all SCALE` (every op, timed by the
#      program), ROUNDS runs per host, median ns per op.
#
#   scripts/bench-jit.sh               ROUNDS=3 STARTUP_RUNS=10 SCALE=0.2
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
scale=${SCALE:-0.2}
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

# 3. esbuild bundling a real package tree.
npm=$(scripts/fetch-npm-packages.sh | tail -n 1)
esbuild=$npm/esbuild-wasm-0.28.2/package
entry=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/lib/npm.js
if [ ! -f "$entry" ]; then
  echo "$0: npm's lib/npm.js not found (looked at $entry)" >&2
  exit 1
fi
out=$(mktemp -d)
bundle() { # COLD NAME CMD...: median wall ms over ROUNDS; output checked against node's
  local cold=$1 name=$2 i start end
  shift 2
  for ((i = 0; i < rounds; i++)); do
    [ "$cold" = 1 ] && rm -rf "${cache:?}"/*
    start=$(date +%s%N)
    "$@" "$entry" --bundle --platform=node --log-level=error --outfile="$out/$name.js" >/dev/null
    end=$(date +%s%N)
    if [ -f "$out/node.js" ] && ! cmp -s "$out/node.js" "$out/$name.js"; then
      echo "$0: the $name bundle differs from node's" >&2
      exit 1
    fi
    echo $(((end - start) / 1000000))
  done | median
}
node_ms=$(bundle 0 node node "$esbuild/bin/esbuild")
wasmi_ms=$(bundle 0 wasmi "$gojs" run --engine wasmi "$esbuild/esbuild.wasm")
cold_ms=$(bundle 1 jit-cold "$gojs" run --engine jit "$esbuild/esbuild.wasm")
warm_ms=$(bundle 0 jit-warm "$gojs" run --engine jit "$esbuild/esbuild.wasm")
echo "| esbuild bundle of npm's lib/npm.js ($(wc -c <"$out/node.js") B, wall, ms) | $wasmi_ms | $cold_ms | $warm_ms | $node_ms |"
rm -rf "$out"

# 4. Crossings, per op.
cross=$(mktemp -d)
for ((r = 1; r <= rounds; r++)); do
  "$gojs" run --engine wasmi "$js_dir/crossings.wasm" all "$scale" </dev/null >"$cross/wasmi.$r"
  "$gojs" run --engine jit "$js_dir/crossings.wasm" all "$scale" </dev/null >"$cross/jit.$r"
  node "$glue" "$js_dir/crossings.wasm" all "$scale" </dev/null >"$cross/node.$r"
done
python3 - "$cross" "$rounds" <<'PY'
import statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
hosts = ["wasmi", "jit", "node"]
per = {h: {} for h in hosts}
order = []
for host in hosts:
    for r in range(1, rounds + 1):
        for line in open(f"{tmp}/{host}.{r}"):
            op, n, ns, per_op = line.split()
            if op not in order:
                order.append(op)
            per[host].setdefault(op, []).append(float(per_op))
def fmt(ns):
    if ns >= 1e6: return f"{ns / 1e6:.2f} ms"
    if ns >= 1e4: return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"
print(f"\n| Go crossing (median of {rounds}, per op) | gojs wasmi | gojs jit | node | jit/node |")
print("|---|---|---|---|---|")
for op in order:
    w, j, n = (statistics.median(per[h][op]) for h in hosts)
    print(f"| {op} | {fmt(w)} | {fmt(j)} | {fmt(n)} | {j / n:.2f}x |")
PY
rm -rf "$cross"
