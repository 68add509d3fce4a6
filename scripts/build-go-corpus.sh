#!/usr/bin/env bash
# Builds the Go conformance corpus (every main package under conformance/go) for
# GOOS=js GOARCH=wasm with the pinned toolchain from scripts/setup.sh.
#
#   scripts/build-go-corpus.sh OUT_DIR     -> OUT_DIR/corpus.wasm, OUT_DIR/hello.wasm, ...
#
# With GOJS_GO_RELEASE=1.19, builds with Debian's Go 1.19 instead (scripts/go119.sh),
# only the programs that need nothing newer: corpus, hello.
#
# Offline and project-local: GOTOOLCHAIN=local, GOPROXY=off, GOCACHE/GOPATH under .tools/.
# Idempotent (Go's build cache makes a rebuild cheap) and quiet on success.
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
export GOOS=js

cd "$root/conformance/go"
dirs=(*/)
[ -z "${GOJS_GO_RELEASE:-}" ] || dirs=(corpus/ hello/)
for dir in "${dirs[@]}"; do
  name=${dir%/}
  ls "$name"/*.go >/dev/null 2>&1 || continue
  # -buildvcs=false: the VCS stamp would change the binary (and the addresses
  # in panic traces that goldens pin) with every commit.
  tmp=$(mktemp "$out/.$name.XXXXXX")
  "$go" build -trimpath -buildvcs=false -o "$tmp" "./$name"
  # Replace only if changed, so timestamps stay put on a no-op rebuild; the
  # rename is atomic, so concurrent builds never expose a partial file.
  if cmp -s "$tmp" "$out/$name.wasm"; then
    rm "$tmp"
  else
    chmod 755 "$tmp"
    mv "$tmp" "$out/$name.wasm"
  fi
done
