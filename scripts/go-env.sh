# Sourced by the scripts that build Go programs: runs scripts/setup.sh (the pinned
# toolchain) and sets $go to its binary — or, with GOJS_GO_RELEASE=1.19, runs
# scripts/go119.sh for Debian's Go 1.19 — then exports an offline, project-local Go
# environment (GOTOOLCHAIN=local, GOPROXY=off, GOCACHE/GOPATH under .tools/,
# GOARCH=wasm, no cgo). The caller sets $root and GOOS. Exits with the setup
# script's messages if it fails.
go_env_log=$(mktemp)
go_env_setup="$root/scripts/setup.sh"
case "${GOJS_GO_RELEASE:-}" in
  "") ;;
  1.19) go_env_setup="$root/scripts/go119.sh" ;;
  *)
    echo "$0: GOJS_GO_RELEASE=$GOJS_GO_RELEASE: only 1.19 (Debian's) is known" >&2
    exit 2
    ;;
esac
if ! go=$("$go_env_setup" 2>"$go_env_log" | tail -n 1) || [ ! -x "$go" ]; then
  cat "$go_env_log" >&2
  rm -f "$go_env_log"
  echo "$0: $go_env_setup failed" >&2
  exit 1
fi
rm -f "$go_env_log"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOWORK=off GO111MODULE=on GOTELEMETRY=off
export GOCACHE="$root/.tools/gocache" GOPATH="$root/.tools/gopath"
export GOARCH=wasm CGO_ENABLED=0
