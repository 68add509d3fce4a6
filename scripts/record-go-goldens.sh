#!/usr/bin/env bash
# Records the reference outputs of the Go conformance corpus under node + the official
# wasm_exec_node.js of the pinned toolchain. Goldens are written by this script only.
#
#   scripts/record-go-goldens.sh            (RUNS=N to check determinism N times; default 2)
#   GOJS_GO_RELEASE=1.19 scripts/record-go-goldens.sh
#       the same for the corpus built by Debian's Go 1.19 (imports "go"), into
#       conformance/build/go1.19 and conformance/goldens/go1.19, with node running Go
#       1.19's own misc/wasm/wasm_exec_node.js through conformance/legacy-node-run.js
#       (which only makes globalThis.crypto writable: that glue assigns it)
#
# For every case it runs, from the repository root, with stdin from /dev/null:
#
#   env -i GOJS_CORPUS_VAR=hello GOJS_CORPUS_EMPTY= \
#     <node> <GOROOT>/lib/wasm/wasm_exec_node.js conformance/build/go/corpus.wasm <case> [args...]
#
# so the Go program sees argv = [conformance/build/go/corpus.wasm, <case>, args...] and the
# environment (sorted by key, as wasm_exec.js passes it) GOJS_CORPUS_EMPTY=, GOJS_CORPUS_VAR=hello,
# TMPDIR=/tmp (the last one added by wasm_exec_node.js from node's os.tmpdir()).
#
# Outputs, in conformance/goldens/go/:
#   <case>.stdout, <case>.stderr, <case>.code   (exit status as text + newline)
#   cases.txt      one line per corpus case: "<case> <args...>" exactly as run (corpus.wasm)
#   programs.txt   one line per other program: "<program> <args...>" (<program>.wasm);
#                  its goldens are <program>.stdout/.stderr/.code
# Every run is repeated RUNS times; any difference fails the recording (nothing is written).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-2}

release=${GOJS_GO_RELEASE:-}
build=conformance/build/go${release}
goldens=conformance/goldens/go${release}
scripts/build-go-corpus.sh "$build"
node=$(command -v node)
if [ -z "$release" ]; then
  go=$(scripts/setup.sh 2>/dev/null | tail -n 1)
  goroot=$("$go" env GOROOT)
  runner=("$node" "$goroot/lib/wasm/wasm_exec_node.js")
else
  go=$(GOJS_GO_RELEASE="$release" scripts/go119.sh 2>/dev/null | tail -n 1)
  goroot=$("$go" env GOROOT)
  runner=("$node" conformance/legacy-node-run.js "$goroot/misc/wasm/wasm_exec_node.js")
fi

# Extra arguments per case (no spaces inside an argument: cases.txt is split on spaces).
declare -A case_args=(
  [env-args]="alpha --beta=2 ünïcode😀"
)
# Names that are not registered cases: the corpus prints its usage and exits 64.
extra_cases=(unknown-case)

# The registry is the list of cases: ask the corpus for its usage.
cases=$(env -i "${runner[@]}" "$build/corpus.wasm" 2>&1 </dev/null | sed -n 's/^  //p' || true)
if [ -z "$cases" ]; then
  echo "$0: could not list the corpus cases" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/goldens"
mkdir -p "$out"

# run WASM NAME ARGS... : records NAME's goldens, RUNS times, and compares.
run() {
  local wasm=$1 name=$2
  shift 2
  local i code
  for ((i = 1; i <= runs; i++)); do
    set +e
    timeout 120 env -i GOJS_CORPUS_VAR=hello GOJS_CORPUS_EMPTY= \
      "${runner[@]}" "$wasm" "$@" \
      </dev/null >"$tmp/$i.stdout" 2>"$tmp/$i.stderr"
    code=$?
    set -e
    echo "$code" >"$tmp/$i.code"
    if [ "$code" = 124 ]; then
      echo "$0: $name timed out" >&2
      exit 1
    fi
    if [ "$i" -gt 1 ]; then
      for ext in stdout stderr code; do
        if ! cmp -s "$tmp/1.$ext" "$tmp/$i.$ext"; then
          echo "$0: NONDETERMINISTIC: $name: $ext differs between run 1 and run $i:" >&2
          diff "$tmp/1.$ext" "$tmp/$i.$ext" | head -n 20 >&2 || true
          exit 1
        fi
      done
    fi
  done
  for ext in stdout stderr code; do
    mv "$tmp/1.$ext" "$out/$name.$ext"
  done
}

start=$SECONDS
: >"$out/cases.txt"
for c in $cases "${extra_cases[@]}"; do
  # shellcheck disable=SC2086 # args are space-separated by design
  run "$build/corpus.wasm" "$c" "$c" ${case_args[$c]:-}
  echo "$c${case_args[$c]:+ ${case_args[$c]}}" >>"$out/cases.txt"
done
: >"$out/programs.txt"
for p in hello; do
  run "$build/$p.wasm" "$p"
  echo "$p" >>"$out/programs.txt"
done

rm -rf "$goldens"
mkdir -p conformance/goldens
mv "$out" "$goldens"
echo "recorded $(wc -l <"$goldens/cases.txt") cases + $(wc -l <"$goldens/programs.txt") programs, $runs runs each, in $((SECONDS - start))s" >&2
