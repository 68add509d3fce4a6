#!/usr/bin/env bash
# Installs Debian's Go 1.19 (golang-1.19-go, through apt-get) if it is not there, and
# prints its go binary's path last. The second toolchain of the differential tests: it
# builds modules that import from "go" (Go <= 1.20's ABI), whose reference is node with
# Go 1.19's own misc/wasm/wasm_exec_node.js (conformance/legacy-node-run.js).
set -euo pipefail
go=/usr/lib/go-1.19/bin/go
if [ ! -x "$go" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq golang-1.19-go; } >&2; then
    echo "$0: could not install golang-1.19-go with apt-get" >&2
    exit 1
  fi
fi
if ! "$go" version | grep -q "go1.19"; then
  echo "$0: $go is not Go 1.19: $("$go" version)" >&2
  exit 1
fi
echo "$go"
