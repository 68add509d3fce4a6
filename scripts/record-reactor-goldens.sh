#!/usr/bin/env bash
# Records the node reference run of the two reactor guests (conformance/go/reactor,
# guest/examples/reactor.rs) driven by conformance/node/reactor-driver.mjs with the
# call list conformance/node/reactor-calls.json.
#
#   scripts/record-reactor-goldens.sh            (RUNS=N to check determinism N times; default 2)
#   BUILD_DIR=/tmp/x scripts/record-reactor-goldens.sh   (build there instead of conformance/build)
#
# - Builds with scripts/build-go-corpus.sh into $BUILD_DIR/go (default conformance/build/go)
#   and scripts/build-rust-guests.sh into $BUILD_DIR/rust (default conformance/build/rust);
#   both builds are reproducible, so the directory does not change the modules.
# - Each guest runs, from the repository root, with stdin from /dev/null, as
#     env -i PATH="$PATH" node conformance/node/reactor-driver.mjs \
#       <GOROOT>/lib/wasm/wasm_exec.js <build>/reactor.wasm goReactor|rustReactor
#   (the driver passes the guest argv [reactor.wasm, --handshake, <NAME>Ready] and an
#   empty environment, whatever node's own environment is).
# - Every run is repeated RUNS times; any difference in stdout, stderr or exit code
#   fails the recording, as does any stderr output or an exit code other than 3 (the
#   call list ends with exit(3)). Nothing is written then.
# - Writes conformance/goldens/reactor/{go,rust}.stdout and .code (exit status as text
#   + newline). Recorded with node and the pinned Go toolchain of scripts/setup.sh.
#   Goldens are only ever written by this script.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-2}
build=${BUILD_DIR:-conformance/build}

go=$(scripts/setup.sh 2>/dev/null | tail -n 1)
goroot=$(cd "$(dirname "$go")/.." && pwd)
glue="$goroot/lib/wasm/wasm_exec.js"
scripts/build-go-corpus.sh "$build/go"
scripts/build-rust-guests.sh "$build/rust" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/goldens"
mkdir -p "$out"
chmod 755 "$out"

# record NAME WASM REACTOR: runs the driver RUNS times, compares, keeps run 1.
record() {
  local name=$1 wasm=$2 reactor=$3 i code
  for ((i = 1; i <= runs; i++)); do
    set +e
    env -i PATH="$PATH" timeout 120 node conformance/node/reactor-driver.mjs \
      "$glue" "$wasm" "$reactor" </dev/null >"$tmp/$i.stdout" 2>"$tmp/$i.stderr"
    code=$?
    set -e
    echo "$code" >"$tmp/$i.code"
    if [ "$code" != 3 ] || [ -s "$tmp/$i.stderr" ]; then
      echo "$0: $name: exit $code (want 3), stderr:" >&2
      head -n 20 "$tmp/$i.stderr" >&2
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
  mv "$tmp/1.stdout" "$out/$name.stdout"
  mv "$tmp/1.code" "$out/$name.code"
  echo "$name: $(wc -l <"$out/$name.stdout") lines, exit $(cat "$out/$name.code")" >&2
}

record go "$build/go/reactor.wasm" goReactor
record rust "$build/rust/reactor.wasm" rustReactor

rm -rf conformance/goldens/reactor
mkdir -p conformance/goldens
mv "$out" conformance/goldens/reactor
echo "recorded conformance/goldens/reactor, $runs runs each" >&2
