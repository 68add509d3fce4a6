#!/usr/bin/env bash
# Records the wasip1 reference: every case of the wasip1 corpus (conformance/wasip1/corpus,
# built by scripts/build-inspect-modules.sh) run by wasmtime through the PyPI package
# (scripts/wasmtime-run.py, as `wasmtime run` runs a command: no preopened directories).
# Goldens are written by this script only.
#
#   scripts/record-wasip1-goldens.sh
#
# Each case runs from the repository root as
#   scripts/wasmtime-run.py --env GOJS_WASIP1=yes conformance/build/inspect/wasip1-corpus.wasm <case> [args...]
# with stdin from conformance/wasip1/stdin.txt; stdout, stderr and the exit code go to
# conformance/goldens/wasip1/<case>.*, the case lines to cases.txt. Every case runs twice;
# a difference fails the recording (nothing is written).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
scripts/build-inspect-modules.sh conformance/build/inspect
wasm=conformance/build/inspect/wasip1-corpus.wasm
# Extra arguments per case (no spaces inside one: cases.txt is split on spaces).
declare -A case_args=([args]="alpha --beta=2 ünïcode")
cases=$(scripts/wasmtime-run.py "$wasm" 2>&1 | sed -n 's/^  //p' || true)
[ -n "$cases" ] || { echo "$0: could not list the wasip1 corpus cases" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/goldens"
mkdir -p "$out"
: >"$out/cases.txt"
# shellcheck source=record-lib.sh
. scripts/record-lib.sh
for c in $cases unknown-case; do
  # shellcheck disable=SC2086 # args are space-separated by design
  record_case "$out" "$c" conformance/wasip1/stdin.txt \
    scripts/wasmtime-run.py --env GOJS_WASIP1=yes "$wasm" "$c" ${case_args[$c]:-}
  echo "$c${case_args[$c]:+ ${case_args[$c]}}" >>"$out/cases.txt"
done
rm -rf conformance/goldens/wasip1
mv "$out" conformance/goldens/wasip1
echo "recorded $(wc -l <conformance/goldens/wasip1/cases.txt) wasip1 cases" >&2
