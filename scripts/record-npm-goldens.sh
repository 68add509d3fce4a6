#!/usr/bin/env bash
# Records node's reference outputs for the npm packages that ship Go js/wasm (conformance/npm/),
# and proves the gojs-side driver scripts faithful. Goldens are written by this script only.
#
#   scripts/record-npm-goldens.sh          (RUNS=N: run every reference N times; default 2)
#
# 1. scripts/fetch-npm-packages.sh puts the pinned packages under .tools/npm/.
# 2. For each package, from the repository root, with stdin from /dev/null and the environment
#    reduced to PATH, the package-API reference driver runs once per input and once on all
#    inputs:
#      astro:   node conformance/npm/astro/node-driver.mjs INPUT.astro...
#      d2:      node conformance/npm/d2/node-driver.mjs INPUT.d2...
#      esbuild: node conformance/npm/esbuild/node-driver.cjs CASE...
#    each RUNS times; any difference between runs fails the recording (nondeterminism).
# 3. For astro and d2, the same argument lists run once more as gojs will run them, but under
#    node, through conformance/node/script-host.mjs with the package's own glue:
#      node conformance/node/script-host.mjs --glue GLUE [--preload FILE] \
#        --script conformance/npm/<pkg>/gojs-driver.js WASM ARGS...
#    and their stdout and exit code must equal the reference's, or the recording fails.
#    (esbuild: reference only; its JS API spawns `node bin/esbuild --service`.)
#
# Outputs, in conformance/goldens/npm/<pkg>/ (nothing is written unless everything passed):
#   <name>.stdout, <name>.code    the reference's stdout and exit status (text + newline)
#   cases.txt                     one line per golden: "<name> <args...>" exactly as run
#                                 (name = input file stem, or `all` for every input at once)
#   gojs.txt                      astro, d2: how gojs runs the cases, as "key value" lines:
#                                 wasm, script, preload (0 or more), and glue (script-host only)
# Wall times of every node run are printed on stderr (not recorded: they are not goldens).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-2}

npm_dir=$(scripts/fetch-npm-packages.sh | tail -n 1)
npm_rel=${npm_dir#"$root/"}
node=$(command -v node)
path_env="$(dirname "$node"):/usr/bin:/bin"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/goldens"
mkdir -p "$out"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# node_run OUTPREFIX ARGS... : runs node ARGS, stdout/stderr/code to OUTPREFIX.*; sets $ms.
node_run() {
  local prefix=$1 code t0
  shift
  t0=$(now_ms)
  set +e
  timeout 600 env -i PATH="$path_env" "$node" "$@" </dev/null >"$prefix.stdout" 2>"$prefix.stderr"
  code=$?
  set -e
  ms=$(($(now_ms) - t0))
  echo "$code" >"$prefix.code"
  if [ "$code" = 124 ]; then
    echo "$0: timed out: node $*" >&2
    exit 1
  fi
}

# reference PKG NAME DRIVER ARGS... : records PKG/NAME from RUNS runs of the reference driver.
reference() {
  local pkg=$1 name=$2 driver=$3 i ext
  shift 3
  mkdir -p "$out/$pkg"
  for ((i = 1; i <= runs; i++)); do
    node_run "$tmp/$i" "$driver" "$@"
    printf '  %-8s %-22s reference run %d: %6d ms, %8d bytes, exit %s\n' \
      "$pkg" "$name" "$i" "$ms" "$(wc -c <"$tmp/$i.stdout")" "$(cat "$tmp/$i.code")" >&2
    if [ "$(cat "$tmp/$i.code")" != 0 ] || [ -s "$tmp/$i.stderr" ]; then
      echo "$0: note: $pkg/$name: reference exited $(cat "$tmp/$i.code"), stderr:" >&2
      head -n 20 "$tmp/$i.stderr" >&2
    fi
    if [ "$i" -gt 1 ]; then
      for ext in stdout code; do
        if ! cmp -s "$tmp/1.$ext" "$tmp/$i.$ext"; then
          echo "$0: NONDETERMINISTIC: $pkg/$name: $ext differs between run 1 and run $i:" >&2
          diff <(fold -w 200 "$tmp/1.$ext") <(fold -w 200 "$tmp/$i.$ext") | head -n 20 >&2 || true
          exit 1
        fi
      done
    fi
  done
  mv "$tmp/1.stdout" "$out/$pkg/$name.stdout"
  mv "$tmp/1.code" "$out/$pkg/$name.code"
  echo "$name $*" >>"$out/$pkg/cases.txt"
}

# crosscheck PKG NAME GLUE PRELOAD SCRIPT WASM ARGS... : the gojs driver under script-host must
# print PKG/NAME's golden. PRELOAD is a file or "-".
crosscheck() {
  local pkg=$1 name=$2 glue=$3 preload=$4 script=$5 wasm=$6 ext
  shift 6
  local pre=()
  [ "$preload" != - ] && pre=(--preload "$preload")
  node_run "$tmp/x" conformance/node/script-host.mjs --glue "$glue" "${pre[@]}" --script "$script" "$wasm" "$@"
  printf '  %-8s %-22s script-host:       %6d ms\n' "$pkg" "$name" "$ms" >&2
  for ext in stdout code; do
    if ! cmp -s "$tmp/x.$ext" "$out/$pkg/$name.$ext"; then
      echo "$0: MISMATCH: $pkg/$name: $script under script-host differs from the package-API reference ($ext):" >&2
      diff <(fold -w 200 "$out/$pkg/$name.$ext") <(fold -w 200 "$tmp/x.$ext") | head -n 20 >&2 || true
      echo "--- script-host stderr:" >&2
      head -n 20 "$tmp/x.stderr" >&2
      exit 1
    fi
  done
}

# package PKG DRIVER GLUE PRELOAD SCRIPT WASM INPUT... : per-input goldens, `all`, cross-checks.
package() {
  local pkg=$1 driver=$2 glue=$3 preload=$4 script=$5 wasm=$6 f stem
  shift 6
  local inputs=("$@")
  if [ "${#inputs[@]}" = 0 ]; then
    echo "$0: $pkg: no inputs" >&2
    exit 1
  fi
  : >"$tmp/concat"
  for f in "${inputs[@]}"; do
    stem=$(basename "$f")
    stem=${stem%.*}
    reference "$pkg" "$stem" "$driver" "$f"
    cat "$out/$pkg/$stem.stdout" >>"$tmp/concat"
  done
  reference "$pkg" all "$driver" "${inputs[@]}"
  if ! cmp -s "$tmp/concat" "$out/$pkg/all.stdout"; then
    echo "$0: note: $pkg: all.stdout is not the concatenation of the per-input goldens (state carried between calls)" >&2
  fi
  if [ "$script" != - ]; then
    for f in "${inputs[@]}"; do
      stem=$(basename "$f")
      stem=${stem%.*}
      crosscheck "$pkg" "$stem" "$glue" "$preload" "$script" "$wasm" "$f"
    done
    crosscheck "$pkg" all "$glue" "$preload" "$script" "$wasm" "${inputs[@]}"
    {
      echo "wasm $wasm"
      echo "script $script"
      [ "$preload" != - ] && echo "preload $preload"
      echo "glue $glue"
    } >"$out/$pkg/gojs.txt"
  fi
}

start=$SECONDS
astro_pkg=$npm_rel/astrojs-compiler-4.0.0/package
d2_pkg=$npm_rel/terrastruct-d2-0.1.33/package
esbuild_pkg=$npm_rel/esbuild-wasm-0.28.2/package
for f in "$astro_pkg/dist/astro.wasm" "$d2_pkg/dist/node-esm/d2.wasm" "$esbuild_pkg/esbuild.wasm"; do
  [ -f "$f" ] || { echo "$0: missing $f (fetch-npm-packages.sh did not complete?)" >&2; exit 1; }
done

echo "astro ($astro_pkg):" >&2
package astro conformance/npm/astro/node-driver.mjs \
  "$astro_pkg/dist/node/wasm_exec.js" - conformance/npm/astro/gojs-driver.js "$astro_pkg/dist/astro.wasm" \
  conformance/npm/astro/inputs/*.astro

echo "d2 ($d2_pkg):" >&2
package d2 conformance/npm/d2/node-driver.mjs \
  "$d2_pkg/dist/node-esm/wasm_exec.js" conformance/npm/d2/preload.js conformance/npm/d2/gojs-driver.js \
  "$d2_pkg/dist/node-esm/d2.wasm" \
  conformance/npm/d2/inputs/*.d2

echo "esbuild ($esbuild_pkg):" >&2
mapfile -t esbuild_cases < <(env -i PATH="$path_env" "$node" conformance/npm/esbuild/node-driver.cjs --list)
mkdir -p "$out/esbuild"
for c in "${esbuild_cases[@]}"; do
  reference esbuild "$c" conformance/npm/esbuild/node-driver.cjs "$c"
  cat "$out/esbuild/$c.stdout" >>"$tmp/esbuild-concat"
done
reference esbuild all conformance/npm/esbuild/node-driver.cjs "${esbuild_cases[@]}"
if ! cmp -s "$tmp/esbuild-concat" "$out/esbuild/all.stdout"; then
  echo "$0: note: esbuild: all.stdout is not the concatenation of the per-case goldens" >&2
fi

rm -rf conformance/goldens/npm
mkdir -p conformance/goldens
mv "$out" conformance/goldens/npm
for p in astro d2 esbuild; do
  echo "recorded $p: $(wc -l <"conformance/goldens/npm/$p/cases.txt") goldens, $(du -sk "conformance/goldens/npm/$p" | cut -f1) KiB" >&2
done
echo "recorded npm goldens, $runs runs each + script-host cross-checks, in $((SECONDS - start))s" >&2
