# Sourced by the scripts that build Go programs: runs scripts/setup.sh (the pinned
# toolchain) and sets $go to its binary, then exports an offline, project-local Go
# environment (GOTOOLCHAIN=local, GOPROXY=off, GOCACHE/GOPATH under .tools/,
# GOARCH=wasm, no cgo). The caller sets $root and GOOS. Exits with setup.sh's
# messages if setup fails.
go_env_log=$(mktemp)
if ! go=$("$root/scripts/setup.sh" 2>"$go_env_log" | tail -n 1) || [ ! -x "$go" ]; then
  cat "$go_env_log" >&2
  rm -f "$go_env_log"
  echo "$0: scripts/setup.sh failed" >&2
  exit 1
fi
rm -f "$go_env_log"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOWORK=off GO111MODULE=on GOTELEMETRY=off
export GOCACHE="$root/.tools/gocache" GOPATH="$root/.tools/gopath"
export GOARCH=wasm CGO_ENABLED=0
