#!/usr/bin/env bash
# Builds the test binary of a standard-library package for GOOS=js GOARCH=wasm
# with the pinned toolchain, as `go test -exec` would run it.
#
#   scripts/build-go-test.sh PKG OUT_FILE     e.g. syscall/js target/gosuites/syscall_js.test.wasm
#
# Prints the package's source directory (the cwd go_js_wasm_exec runs it in).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 PKG OUT_FILE" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$(dirname "$2")"
out=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
go=$("$root/scripts/setup.sh" 2>/dev/null | tail -n 1)
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOWORK=off GOTELEMETRY=off
export GOCACHE="$root/.tools/gocache" GOPATH="$root/.tools/gopath"
export GOOS=js GOARCH=wasm CGO_ENABLED=0
dir="$("$go" env GOROOT)/src/$1"
cd "$dir"
"$go" test -c -buildvcs=false -o "$out" . >&2
echo "$dir"
