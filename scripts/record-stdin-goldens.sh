#!/usr/bin/env bash
# Records node's behaviour for conformance/go/stdin (a stdin read while a
# goroutine ticks), driven by conformance/node/stdin-harness.mjs:
#
#   node conformance/node/stdin-harness.mjs "tick 3" 'hello\n' \
#     node <GOROOT>/lib/wasm/wasm_exec_node.js conformance/build/go/stdin.wasm
#
# Writes conformance/goldens/stdin/go.{stdout,stderr,code}; each run twice,
# failing (nothing written) if the two differ. Goldens are written by this
# script only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/build-go-corpus.sh conformance/build/go
go=$(scripts/setup.sh 2>/dev/null | tail -n 1)
exec_node="$("$go" env GOROOT)/lib/wasm/wasm_exec_node.js"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2; do
  code=0
  env -i PATH="$PATH" node conformance/node/stdin-harness.mjs "tick 3" 'hello\n' \
    node "$exec_node" conformance/build/go/stdin.wasm \
    >"$tmp/$i.stdout" 2>"$tmp/$i.stderr" || code=$?
  echo "$code" >"$tmp/$i.code"
done
for ext in stdout stderr code; do
  if ! cmp -s "$tmp/1.$ext" "$tmp/2.$ext"; then
    echo "$0: NONDETERMINISTIC: $ext differs between the two runs" >&2
    exit 1
  fi
done
mkdir -p conformance/goldens/stdin
for ext in stdout stderr code; do
  mv "$tmp/1.$ext" "conformance/goldens/stdin/go.$ext"
done
echo "recorded conformance/goldens/stdin/go.* (exit $(cat conformance/goldens/stdin/go.code))" >&2
