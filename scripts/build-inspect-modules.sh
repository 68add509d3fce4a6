#!/usr/bin/env bash
# Builds the modules the inspect tests need beyond the js/wasm corpus, with the
# pinned toolchain from scripts/setup.sh:
#
#   scripts/build-inspect-modules.sh OUT_DIR
#     -> OUT_DIR/hello-wasip1.wasm    conformance/wasip1/hello, GOOS=wasip1 (a command)
#        OUT_DIR/hello-reactor.wasm   the same, -buildmode=c-shared (a reactor)
#        OUT_DIR/hello-js-sw.wasm     conformance/go/hello for js/wasm, -ldflags="-s -w"
#        OUT_DIR/wasip1-corpus.wasm   conformance/wasip1/corpus, GOOS=wasip1 (the wasip1 differential corpus)
#        OUT_DIR/wasip1-hostcall.wasm conformance/wasip1/hostcall: //go:wasmimport calls (tests, benches)
#        OUT_DIR/wasip1-reactor.wasm  conformance/wasip1/reactor, -buildmode=c-shared: //go:wasmexport functions
#        OUT_DIR/compute-wasip1.wasm  conformance/go/compute for wasip1 (scripts/bench-wasip1.sh)
#
# Offline and project-local like build-go-corpus.sh; idempotent and quiet on success.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
# shellcheck source=go-env.sh
. "$root/scripts/go-env.sh"

# build NAME DIR GOOS [go build flags…]: replaces OUT_DIR/NAME.wasm only if it changed.
build() {
  local name=$1 dir=$2 goos=$3
  shift 3
  local tmp
  tmp=$(mktemp "$out/.$name.XXXXXX")
  local pkg=${PKG:-./hello}
  if ! (cd "$dir" && GOOS=$goos "$go" build -trimpath -buildvcs=false "$@" -o "$tmp" "$pkg"); then
    rm -f "$tmp"
    echo "$0: building $name failed" >&2
    exit 1
  fi
  if cmp -s "$tmp" "$out/$name.wasm"; then rm "$tmp"; else mv "$tmp" "$out/$name.wasm"; fi
}
build hello-wasip1 "$root/conformance/wasip1" wasip1
build hello-reactor "$root/conformance/wasip1" wasip1 -buildmode=c-shared
build hello-js-sw "$root/conformance/go" js -ldflags="-s -w"
PKG=./corpus build wasip1-corpus "$root/conformance/wasip1" wasip1
PKG=./hostcall build wasip1-hostcall "$root/conformance/wasip1" wasip1
PKG=./reactor build wasip1-reactor "$root/conformance/wasip1" wasip1 -buildmode=c-shared
PKG=./compute build compute-wasip1 "$root/conformance/go" wasip1
