#!/usr/bin/env bash
# What fuel metering and a deadline cost in instructions (callgrind): deterministic
# where wall time on a shared machine is not. The `limits/metering/…` benches give
# the wall-clock figures; this is their cross-check.
#
#   benches/scripts/instructions-metering.sh        (from the repository root)
#   GOJS=/path/to/gojs WASM=target/bench-wasm benches/scripts/instructions-metering.sh
#
# For each op of the crossings programs (Rust and Go guests) and each kind of work of
# the Go compute program, runs `gojs run` under `valgrind --tool=callgrind` with n = N
# and with n = 0 and prints (instructions(N) - instructions(0)) / N, start-up and setup
# cancelled out, under three command lines: no flag (the CLI then compiles the module
# unmetered), `--timeout 3600` (metered, with a deadline), and
# `--fuel 1000000000000000 --timeout 3600` (metered, a budget and a deadline).
# Needs valgrind, bc, target/release/gojs (cargo build --release -p gojs-boa) and the
# guests in target/bench-wasm/ (any `cargo bench -p gojs-benches` run builds them).
set -euo pipefail
gojs=${GOJS:-target/release/gojs}
wasm=${WASM:-target/bench-wasm}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
count() { # flags... -- args... -> instructions
  local flags=()
  while [ "$1" != -- ]; do flags+=("$1"); shift; done
  shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$gojs" run "${flags[@]}" "$@" \
    2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
configs=("unmetered:" "timeout:--timeout 3600" "fuel+timeout:--fuel 1000000000000000 --timeout 3600")
row() { # label n wasm args... (N in args is replaced by n, then by 0)
  local label=$1 n=$2 file=$3
  shift 3
  local line="| $label | $n" base=""
  for c in "${configs[@]}"; do
    local flags
    read -r -a flags <<<"${c#*:}"
    local a=() b=()
    for x in "$@"; do a+=("${x/N/$n}"); b+=("${x/N/0}"); done
    local hi lo per
    hi=$(count "${flags[@]}" -- "$file" "${a[@]}")
    lo=$(count "${flags[@]}" -- "$file" "${b[@]}")
    per=$(echo "($hi - $lo) / $n" | bc -l)
    line+=$(printf ' | %.1f' "$per")
    if [ -z "$base" ]; then base=$per; else line+=$(printf ' (%.3fx)' "$(echo "$per / $base" | bc -l)"); fi
  done
  echo "$line |"
}
echo "| bench | n | unmetered | timeout | fuel+timeout |"
echo "|---|---|---|---|---|"
for g in rust go; do
  for spec in "empty 1000000" "valueGet/number 20000" "valueCall/0 20000" \
              "valueString/1KiB 5000" "callback/jsToGuest 2000"; do
    read -r op n <<<"$spec"
    row "crossing/$g/$op (per op)" "$n" "$wasm/$g/crossings.wasm" "$op" N 0
  done
done
for spec in "sha256 1 MiB" "sort 20000 element" "mapitoa 20000 insertion"; do
  read -r work n unit <<<"$spec"
  row "compute/$work (per $unit)" "$n" "$wasm/go/compute.wasm" "$work" N
done
