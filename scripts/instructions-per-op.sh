#!/usr/bin/env bash
# Instructions per crossing, counted by callgrind: deterministic where wall time on a
# shared 2-core machine is not, so it is what the speed-pass commits quote.
#
#   scripts/instructions-per-op.sh [op …]          default: a representative set
#   GOJS=/tmp/gojs.before scripts/instructions-per-op.sh valueGet/number
#   GUEST=go scripts/instructions-per-op.sh valueGet/number
#   BY=crate scripts/instructions-per-op.sh valueGet/number     also split by where it runs
#
# For each op, runs the crossings program (Rust guest by default, GUEST=go for the Go
# one) under `valgrind --tool=callgrind` with n = N (default 5000) and n = 0, and prints
# (instructions(N) - instructions(0)) / N: the cost of one op, start-up and setup
# cancelled out. With BY=crate, the same difference of self costs (callgrind_annotate)
# grouped: guest code run by wasmi's executor, the rest of wasmi (host-call glue,
# lazy translation), gojs-engine, gojs-boa, boa, libc (malloc, mem*), other.
# Needs valgrind. Builds the guests (into target/bench-wasm/, as the benches do) and
# target/release/gojs if it is missing (GOJS= another binary).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
n=${N:-5000}
guest=${GUEST:-rust}
gojs=${GOJS:-$target/release/gojs}
by=${BY:-}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
if [ ! -x "$gojs" ]; then
  cargo build --release -p gojs-boa >&2
fi
wasm_dir=$target/bench-wasm/$guest
mkdir -p "$wasm_dir"
build=scripts/build-rust-guests.sh
[ "$guest" = go ] && build=scripts/build-go-corpus.sh
"$build" "$wasm_dir" >"$wasm_dir.log" 2>&1 || { cat "$wasm_dir.log" >&2; exit 1; }
ops=("$@")
if [ ${#ops[@]} -eq 0 ]; then
  ops=(valueGet/number valueGet/object valueSet/number valueCall/0 valueCall/string32
       valueString/32 valueString/1KiB valueIndex/byte churn/string callback/jsToGuest)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
groups="guest-code wasmi gojs-engine gojs-boa boa libc other"
run() { # op n -> instructions; leaves the profile in $tmp/<n>.out
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$2.out" \
    "$gojs" run "$wasm_dir/crossings.wasm" "$1" "$2" >/dev/null 2>"$tmp/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/log"
}
grouped() { # profile -> "group instructions" lines, in $groups order
  callgrind_annotate --threshold=100 "$1" 2>/dev/null | awk -v groups="$groups" '
    /^-+$/ { rule++; next }
    rule >= 6 && $1 ~ /^[0-9,]+$/ {
      n = $1; gsub(",", "", n); f = $0; g = "other"
      if (f ~ /wasmi::engine::executor::handler::exec::/) g = "guest-code"
      else if (f ~ /wasmi|wasmparser/) g = "wasmi"
      else if (f ~ /gojs_engine::/) g = "gojs-engine"
      else if (f ~ /gojs_boa::/) g = "gojs-boa"
      else if (f ~ /boa_/) g = "boa"
      else if (f ~ /libc\.so|malloc|mem(cpy|set|move|cmp)/) g = "libc"
      sum[g] += n
    }
    END { split(groups, gs, " "); for (i = 1; i in gs; i++) print gs[i], sum[gs[i]] + 0 }'
}
if [ -n "$by" ]; then
  printf '| op (%s guest) | instructions/op |' "$guest"
  for g in $groups; do printf ' %s |' "$g"; done
  printf '\n|---|---|'; for g in $groups; do printf -- '---|'; done; printf '\n'
else
  printf '| op (%s guest) | instructions/op |\n|---|---|\n' "$guest"
fi
for op in "${ops[@]}"; do
  base=$(run "$op" 0)
  full=$(run "$op" "$n")
  printf '| %s | %d |' "$op" $(( (full - base) / n ))
  if [ -n "$by" ]; then
    paste -d' ' <(grouped "$tmp/0.out") <(grouped "$tmp/$n.out") |
      while read -r _ a _ b; do printf ' %d |' $(( (b - a) / n )); done
  fi
  printf '\n'
done
