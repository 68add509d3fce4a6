#!/usr/bin/env bash
# Records esbuild-wasm 0.20.2 (built with Go 1.20.12: imports from "go") run as a command
# under node with the package's own wasm_exec_node.js, through
# conformance/legacy-node-run.js (which only makes globalThis.crypto writable: that
# glue assigns it). Goldens are written by this script only.
#
#   scripts/record-legacy-npm-goldens.sh
#
# conformance/legacy/esbuild/cases.txt lists one case per line:
#   <name> <stdin file in that directory, or -> <esbuild args...>
# Each runs from the repository root with an empty environment:
#   env -i node conformance/legacy-node-run.js <pkg>/wasm_exec_node.js <pkg>/esbuild.wasm <args...>
# and its stdout, stderr and exit code go to conformance/goldens/esbuild-0.20.2/<name>.*.
# Every case runs twice; a difference fails the recording (nothing is written).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npm_dir=$(scripts/fetch-npm-packages.sh 2>/dev/null | tail -n 1)
pkg="$npm_dir/esbuild-wasm-0.20.2/package"
[ -f "$pkg/esbuild.wasm" ] || { echo "$0: $pkg/esbuild.wasm is missing" >&2; exit 1; }
node=$(command -v node) || { echo "$0: node is not on PATH" >&2; exit 1; }
inputs=conformance/legacy/esbuild
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/goldens"
mkdir -p "$out"
# shellcheck source=record-lib.sh
. scripts/record-lib.sh
while read -r name stdin args; do
  [ -n "$name" ] || continue
  input=/dev/null
  [ "$stdin" = - ] || input="$inputs/$stdin"
  # shellcheck disable=SC2086 # args are space-separated by design
  record_case "$out" "$name" "$input" env -i "$node" conformance/legacy-node-run.js \
    "$pkg/wasm_exec_node.js" "$pkg/esbuild.wasm" $args
done <"$inputs/cases.txt"
rm -rf conformance/goldens/esbuild-0.20.2
mv "$out" conformance/goldens/esbuild-0.20.2
echo "recorded $(wc -l <"$inputs/cases.txt") esbuild-wasm 0.20.2 cases" >&2
