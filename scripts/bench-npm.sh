#!/usr/bin/env bash
# Wall time of the npm packages' real work under gojs and under node, on the
# inputs of conformance/npm (all inputs in one process, as the all-inputs
# goldens): @astrojs/compiler transform + parse + convertToTSX, and
# @terrastruct/d2 compile + render (+ ASCII render) with its worker's ELK
# preload; gojs through `gojs run --script` (the drivers of conformance/npm),
# node through each package's own JS API (the node drivers). Fresh processes,
# ROUNDS times alternating which goes first; median wall time of each, and
# whether the outputs equal the goldens.
#
#   scripts/bench-npm.sh                 ROUNDS=3 by default
#
# Note for d2: node's process spends seconds after d2 is done finishing V8's
# background compiles of the 22 MB module before it exits; that is in node's
# wall time, as a user waits for it. gojs's d2 time is mostly boa parsing the
# 3.6 MB ELK bundle the worker preloads (dagre, which these inputs use, never
# calls it), so a last row gives gojs without that preload (same output).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
rounds=${ROUNDS:-3}
npm=$(scripts/fetch-npm-packages.sh | tail -n 1)
gojs=${GOJS:-$target/release/gojs}
if [ ! -x "$gojs" ]; then
  echo "building $gojs (cargo build --release -p gojs-boa; several minutes)..." >&2
  cargo build --release -p gojs-boa >&2
fi
inputs() { sed -n 's/^all //p' "conformance/goldens/npm/$1/cases.txt"; }
astro_in=$(inputs astro)
d2_in=$(inputs d2)
d2_dir=$npm/terrastruct-d2-0.1.33/package/dist/node-esm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME OUT COMMAND...: wall seconds of one run, output kept in OUT.
run() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" >"$out" 2>"$out.err" || { cat "$out.err" >&2; echo "$0: failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for pkg in astro d2 d2-no-elk; do
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then order="gojs node"; else order="node gojs"; fi
    for host in $order; do
      case "$pkg.$host" in
        # shellcheck disable=SC2086 # the input lists are space-separated on purpose
        astro.gojs) run "$tmp/out" "$gojs" run --script conformance/npm/astro/gojs-driver.js \
          "$npm/astrojs-compiler-4.0.0/package/dist/astro.wasm" $astro_in >>"$tmp/$pkg.$host" ;;
        astro.node) run "$tmp/out" node conformance/npm/astro/node-driver.mjs $astro_in >>"$tmp/$pkg.$host" ;;
        d2.gojs) run "$tmp/out" "$gojs" run --preload conformance/npm/d2/preload.js \
          --script conformance/npm/d2/gojs-driver.js "$d2_dir/d2.wasm" $d2_in >>"$tmp/$pkg.$host" ;;
        d2.node) run "$tmp/out" node conformance/npm/d2/node-driver.mjs $d2_in >>"$tmp/$pkg.$host" ;;
        d2-no-elk.gojs) run "$tmp/out" "$gojs" run --script conformance/npm/d2/gojs-driver.js \
          "$d2_dir/d2.wasm" $d2_in >>"$tmp/$pkg.$host" ;;
        d2-no-elk.node) continue ;;
      esac
      golden=conformance/goldens/npm/${pkg%-no-elk}/all.stdout
      if ! cmp -s "$tmp/out" "$golden"; then
        echo "$0: $pkg under $host: output differs from $golden" >&2
        exit 1
      fi
    done
  done
done
echo "| package (all inputs, $rounds rounds) | gojs | node | gojs/node |"
echo "|---|---|---|---|"
for pkg in astro d2; do
  g=$(median <"$tmp/$pkg.gojs")
  d=$(median <"$tmp/$pkg.node")
  echo "| $pkg | $g s | $d s | $(awk -v g="$g" -v d="$d" 'BEGIN {printf "%.2fx", g / d}') |"
done
g=$(median <"$tmp/d2-no-elk.gojs")
d=$(median <"$tmp/d2.node")
echo "| d2, gojs without the ELK preload | $g s | $d s | $(awk -v g="$g" -v d="$d" 'BEGIN {printf "%.2fx", g / d}') |"
