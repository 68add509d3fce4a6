#!/usr/bin/env bash
# Builds the test binary of a standard-library package for GOOS=js GOARCH=wasm
# with the pinned toolchain, as `go test -exec` would run it.
#
#   scripts/build-go-test.sh PKG OUT_FILE     e.g. syscall/js target/gosuites/syscall_js.test.wasm
#
# Prints the package's source directory (the cwd go_js_wasm_exec runs it in).
# With GOJS_GO_RELEASE=1.19, builds with Debian's Go 1.19 (scripts/go119.sh); with
# GOJS_GOOS=wasip1, for GOOS=wasip1 (as go_wasip1_wasm_exec runs it) instead of js.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 PKG OUT_FILE" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$(dirname "$2")"
out=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
# shellcheck source=go-env.sh
. "$root/scripts/go-env.sh"
export GOOS=${GOJS_GOOS:-js}
dir="$("$go" env GOROOT)/src/$1"
cd "$dir"
"$go" test -c -buildvcs=false -o "$out" . >&2
echo "$dir"
