#!/usr/bin/env bash
# A/B wall time of two gojs binaries on the crossing programs, for speed work:
#
#   scripts/ab-gojs.sh OLD_GOJS NEW_GOJS          ROUNDS=3 SCALE=0.2 by default
#
# Runs `crossings all SCALE` of the Rust and the Go guest under each binary, ROUNDS
# times, alternating which binary goes first, and prints per op the median ns/op of
# each and new/old. Both binaries run the same .wasm files (built into
# target/bench-wasm/ as the benches do) in fresh processes, under the same load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -eq 2 ] || { sed -n '2,9p' "$0" >&2; exit 64; }
old=$1 new=$2
rounds=${ROUNDS:-3}
scale=${SCALE:-0.2}
target=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target/bench-wasm/rust" "$target/bench-wasm/go"
scripts/build-rust-guests.sh "$target/bench-wasm/rust" >/dev/null ||
  { echo "$0: building the Rust guests failed (scripts/build-rust-guests.sh)" >&2; exit 1; }
scripts/build-go-corpus.sh "$target/bench-wasm/go" >/dev/null ||
  { echo "$0: building the Go programs failed (scripts/build-go-corpus.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for guest in rust go; do
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then order="old new"; else order="new old"; fi
    for which in $order; do
      bin=$old; [ "$which" = new ] && bin=$new
      "$bin" run "$target/bench-wasm/$guest/crossings.wasm" all "$scale" </dev/null >"$tmp/$guest.$which.$r"
    done
  done
done
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: ROUNDS=$rounds SCALE=$scale scripts/ab-gojs.sh $old $new"
echo
python3 - "$tmp" "$rounds" <<'PY'
import statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def fmt(ns):
    if ns >= 1e6: return f"{ns / 1e6:.2f} ms"
    if ns >= 1e4: return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"
print("| op | rust old | rust new | new/old | go old | go new | new/old |")
print("|---|---|---|---|---|---|---|")
med, order = {}, []
for guest in ("rust", "go"):
    for which in ("old", "new"):
        for r in range(1, rounds + 1):
            for line in open(f"{tmp}/{guest}.{which}.{r}"):
                op, _n, _ns, per_op = line.split()
                if op not in order: order.append(op)
                med.setdefault((guest, which, op), []).append(float(per_op))
for op in order:
    row = [op]
    for guest in ("rust", "go"):
        o = med.get((guest, "old", op)); n = med.get((guest, "new", op))
        if o and n:
            o, n = statistics.median(o), statistics.median(n)
            row += [fmt(o), fmt(n), f"{n / o:.2f}x"]
        else:
            row += ["", "", ""]
    print("| " + " | ".join(row) + " |")
PY
