#!/usr/bin/env bash
# Records the reference behaviour of the Rust example guests: each runs under
# node + the official wasm_exec_node.js of the pinned Go toolchain, and its stdout,
# stderr and exit code become goldens in conformance/goldens/rust/.
#
#   scripts/record-rust-goldens.sh
#
# - Builds the guests into conformance/build/rust (scripts/build-rust-guests.sh).
# - Cases: every example without arguments (api_tour gets `alpha beta`), and every
#   case of conformance_cases (the list is what `conformance_cases.wasm` prints with
#   no argument; that listing is recorded too, as case `conformance_cases`).
# - Each case runs as
#     cd conformance/build/rust && env -i PATH="$PATH" node <GOROOT>/lib/wasm/wasm_exec_node.js X.wasm [args] </dev/null
#   so argv[0] is the bare file name and the environment is PATH alone (node's
#   wasm_exec_node.js adds TMPDIR). Guests print no environment values.
# - Each case runs twice; any difference in stdout, stderr or exit code fails the
#   script (nondeterminism) and leaves the goldens untouched.
# - Writes conformance/goldens/rust/<case>.stdout, .stderr, .code, cases.txt
#   (one line per case: `<wasm-file> <case-name> <args…>`) and recorded-with.txt.
#   Old goldens are removed first. Goldens are only ever written by this script.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/conformance/build/rust"
goldens="$root/conformance/goldens/rust"

go=$("$root/scripts/setup.sh")
goroot=$(cd "$(dirname "$go")/.." && pwd)
exec_node="$goroot/lib/wasm/wasm_exec_node.js"

"$root/scripts/build-rust-guests.sh" "$build"

run() { # run OUT_PREFIX WASM ARGS... -> OUT_PREFIX.{stdout,stderr,code}
  local prefix=$1 wasm=$2
  shift 2
  local code=0
  (cd "$build" && env -i PATH="$PATH" timeout 120 node "$exec_node" "$wasm" "$@" \
    </dev/null >"$prefix.stdout" 2>"$prefix.stderr") || code=$?
  echo "$code" >"$prefix.code"
}

# cases: "wasm case-name args..."
cases=()
for src in "$root"/guest/examples/*.rs; do
  name=$(basename "$src" .rs)
  case $name in
    api_tour) cases+=("$name.wasm $name alpha beta") ;;
    *) cases+=("$name.wasm $name") ;;
  esac
done
listing=$(cd "$build" && env -i PATH="$PATH" node "$exec_node" conformance_cases.wasm </dev/null)
for c in $listing; do
  cases+=("conformance_cases.wasm $c $c")
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
declare -A seen=()
for line in "${cases[@]}"; do
  read -r wasm name args <<<"$line"
  if [ -n "${seen[$name]:-}" ]; then
    echo "duplicate case name $name" >&2
    exit 1
  fi
  seen[$name]=1
  # shellcheck disable=SC2086 # args are whitespace-separated words by design
  run "$scratch/$name.1" "$wasm" $args
  # shellcheck disable=SC2086
  run "$scratch/$name.2" "$wasm" $args
  for ext in stdout stderr code; do
    if ! cmp -s "$scratch/$name.1.$ext" "$scratch/$name.2.$ext"; then
      echo "nondeterministic $ext in case $name:" >&2
      diff "$scratch/$name.1.$ext" "$scratch/$name.2.$ext" | head -20 >&2 || true
      exit 1
    fi
  done
  printf '%-40s exit %s\n' "$name" "$(cat "$scratch/$name.1.code")"
done

rm -rf "$goldens"
mkdir -p "$goldens"
for line in "${cases[@]}"; do
  read -r wasm name args <<<"$line"
  for ext in stdout stderr code; do
    cp "$scratch/$name.1.$ext" "$goldens/$name.$ext"
  done
  echo "$line" >>"$goldens/cases.txt"
done
{
  echo "node $(node --version)"
  "$go" version
  echo "wasm_exec_node.js from $exec_node" | sed "s|$root/||"
  echo "env: PATH only (env -i); cwd: conformance/build/rust; stdin: /dev/null"
} >"$goldens/recorded-with.txt"
echo "recorded ${#cases[@]} cases in ${goldens#"$root"/}"
