#!/usr/bin/env bash
# Records node's reference outputs for TinyGo js/wasm, with the glue a real package ships
# (sh-syntax@0.7.0's vendors/wasm_exec.cjs, TinyGo 0.42). Goldens are written by this script only.
#
#   scripts/record-tinygo-goldens.sh          (RUNS=N: run the package reference N times; default 2)
#
# 1. The glue cases: each conformance/tinygo/NAME.wat (TinyGo-shaped modules that pin one part
#    of the glue each; compiled by wabt's wat2wasm, from scripts/setup.sh) runs twice as
#      node conformance/tinygo-node-run.js GLUE NAME.wasm
#    and its stdout, stderr and exit code go to conformance/goldens/tinygo/NAME.{stdout,stderr,code}.
#    A .wat with a line ";; cases: N" runs N times, with GOJS_TINYGO_CASE=1..N in its environment,
#    as the cases NAME-1 … NAME-N.
#    A case whose .wat says "(its stderr is a stack trace, not compared)" is listed in
#    conformance/goldens/tinygo/stack-traces.txt and only the first line of its stderr (the
#    error, without node's stack and this machine's paths) is kept, and compared.
# 2. The package: from the repository root, with stdin from /dev/null and the environment
#    reduced to PATH:
#   node conformance/npm/sh-syntax/node-driver.mjs conformance/npm/sh-syntax/inputs/*.sh
# RUNS times; any difference between runs fails the recording (nondeterminism).
#
# Outputs, in conformance/goldens/npm/sh-syntax/ (nothing is written unless everything passed):
#   all.stdout, all.code   the reference's stdout and exit status
#   cases.txt              "all <inputs...>", the inputs as run
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-2}

npm_dir=$(scripts/fetch-npm-packages.sh | tail -n 1)
pkg=${npm_dir#"$root/"}/sh-syntax-0.7.0/package
if [ ! -f "$pkg/main.wasm" ]; then
  echo "$0: $pkg/main.wasm is missing: scripts/fetch-npm-packages.sh did not fetch sh-syntax@0.7.0" >&2
  exit 1
fi
node=$(command -v node) || { echo "$0: node is not on PATH" >&2; exit 1; }
path_env="$(dirname "$node"):/usr/bin:/bin"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The glue cases.
command -v wat2wasm >/dev/null || { echo "$0: wat2wasm (Debian wabt) is missing: run scripts/setup.sh" >&2; exit 1; }
# shellcheck source=record-lib.sh
. scripts/record-lib.sh
glue_out=$tmp/tinygo
mkdir -p "$glue_out"
: >"$glue_out/stack-traces.txt"
for wat in conformance/tinygo/*.wat; do
  base=$(basename "$wat" .wat)
  wat2wasm "$wat" -o "$tmp/$base.wasm"
  count=$(sed -n 's/^;; cases: \([0-9]*\)$/\1/p' "$wat")
  if [ -n "$count" ]; then cases=$(seq 1 "$count"); else cases=""; fi
  for i in ${cases:-0}; do
    name=$base
    [ -n "$count" ] && name=$base-$i
    record_case "$glue_out" "$name" /dev/null \
      env -i PATH="$path_env" GOJS_TINYGO_CASE="$i" \
      "$node" conformance/tinygo-node-run.js "$pkg/vendors/wasm_exec.cjs" "$tmp/$base.wasm"
    if grep -q "its stderr is a stack trace, not compared" "$wat"; then
      echo "$name" >>"$glue_out/stack-traces.txt"
      head -n 1 "$glue_out/$name.stderr" >"$tmp/first" && mv "$tmp/first" "$glue_out/$name.stderr"
    fi
  done
done

# 2. The package.
inputs=(conformance/npm/sh-syntax/inputs/*.sh)
for run in $(seq 1 "$runs"); do
  code=0
  env -i PATH="$path_env" "$node" conformance/npm/sh-syntax/node-driver.mjs --pkg "$pkg" "${inputs[@]}" \
    </dev/null >"$tmp/out.$run" 2>"$tmp/err.$run" || code=$?
  echo "$code" >"$tmp/code.$run"
  if [ -s "$tmp/err.$run" ]; then
    echo "$0: the reference wrote to stderr (run $run):" >&2
    cat "$tmp/err.$run" >&2
    exit 1
  fi
  if [ "$run" -gt 1 ] && ! cmp -s "$tmp/out.1" "$tmp/out.$run"; then
    echo "$0: the reference is not deterministic (runs 1 and $run differ)" >&2
    diff "$tmp/out.1" "$tmp/out.$run" | head -20 >&2
    exit 1
  fi
done
rm -rf conformance/goldens/tinygo
cp -r "$glue_out" conformance/goldens/tinygo
out=conformance/goldens/npm/sh-syntax
mkdir -p "$out"
cp "$tmp/out.1" "$out/all.stdout"
cp "$tmp/code.1" "$out/all.code"
echo "all ${inputs[*]}" >"$out/cases.txt"
echo "recorded $(wc -l <"$out/all.stdout") lines in $out" >&2
