#!/usr/bin/env bash
# Records the wasip1 reference: every case of the wasip1 corpus (conformance/wasip1/corpus,
# built by scripts/build-inspect-modules.sh) run by wasmtime through the PyPI package
# (scripts/wasmtime-run.py, as `wasmtime run` runs a command). Goldens are written by this
# script only.
#
#   scripts/record-wasip1-goldens.sh
#
# Each case runs from the repository root as
#   scripts/wasmtime-run.py --env GOJS_WASIP1=yes [FLAGS] conformance/build/inspect/wasip1-corpus.wasm <case> [args...]
# with stdin from conformance/wasip1/stdin.txt; stdout, stderr and the exit code go to
# conformance/goldens/wasip1/<case>.*, the case lines to cases.txt. The FLAGS of the file
# cases (named fs-*; conformance/tests/conformance/wasip1.rs gives gojs the same) preopen
# two fresh copies of conformance/wasip1/fixture, /data read-write and /ro read-only:
#   --dir-copy conformance/wasip1/fixture::/data --dir-copy conformance/wasip1/fixture::/ro:ro
# and fs-pwd runs with PWD=/data/sub too. The reactor (conformance/wasip1/reactor, built as
# wasip1-reactor.wasm) is called as
#   scripts/wasmtime-run.py --env GOJS_WASIP1=yes --invoke "EXPORT ARGS"... wasip1-reactor.wasm
# with the calls listed in reactor.calls (one per line), its output in reactor.*. Every
# case runs twice (each run on new copies); a difference fails the recording (nothing is
# written).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
scripts/build-inspect-modules.sh conformance/build/inspect
wasm=conformance/build/inspect/wasip1-corpus.wasm
# Extra arguments per case (no spaces inside one: cases.txt is split on spaces).
declare -A case_args=([args]="alpha --beta=2 ünïcode")
fixture=conformance/wasip1/fixture
preopens="--dir-copy $fixture::/data --dir-copy $fixture::/ro:ro"
declare -A case_env=([fs-pwd]="--env PWD=/data/sub")
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
  flags=${case_env[$c]:-}
  case $c in fs-*) flags="$flags $preopens" ;; esac
  # shellcheck disable=SC2086 # flags and args are space-separated by design
  record_case "$out" "$c" conformance/wasip1/stdin.txt \
    scripts/wasmtime-run.py --env GOJS_WASIP1=yes $flags "$wasm" "$c" ${case_args[$c]:-}
  echo "$c${case_args[$c]:+ ${case_args[$c]}}" >>"$out/cases.txt"
done
# The reactor's calls, in order, on one instance (the last after the one that exits is
# never made).
reactor_calls=("add 2 3" "add 2147483647 1" "mul64 3000000000 3" "hypot 3 4" "twice 21"
  "twice -1073741825" "greet 1" "greet 2" "args" "greet 3" "bye 7" "add 1 1")
invoke=()
for call in "${reactor_calls[@]}"; do
  echo "$call" >>"$out/reactor.calls"
  invoke+=(--invoke "$call")
done
record_case "$out" reactor conformance/wasip1/stdin.txt \
  scripts/wasmtime-run.py --env GOJS_WASIP1=yes "${invoke[@]}" conformance/build/inspect/wasip1-reactor.wasm
rm -rf conformance/goldens/wasip1
mv "$out" conformance/goldens/wasip1
echo "recorded $(wc -l <conformance/goldens/wasip1/cases.txt) wasip1 cases" >&2
