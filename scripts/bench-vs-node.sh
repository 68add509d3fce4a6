#!/usr/bin/env bash
# Compares gojs with the reference host, node + the official wasm_exec_node.js of the
# pinned Go toolchain, on the same Go programs, in fresh processes:
#
#   1. crossings: conformance/go/crossings `all SCALE` (every op, its own per-op
#      timings), ROUNDS times under each host, alternating which goes first;
#      prints per op the median ns/op of each host and gojs/node.
#   2. start-up: conformance/go/hello run to exit, STARTUP_RUNS times each
#      (hyperfine if installed, else a bash loop with date +%s%N), median wall time.
#   3. peak RSS of one run of each program under each host (/usr/bin/time if
#      installed, else the kernel's ru_maxrss of the child via python3).
#
#   scripts/bench-vs-node.sh                 ROUNDS=3 SCALE=0.2 STARTUP_RUNS=20
#   ROUNDS=5 SCALE=1 scripts/bench-vs-node.sh
#
# Builds what it needs: the Go programs (scripts/build-go-corpus.sh into
# $CARGO_TARGET_DIR/bench-wasm/go, default target/) and the gojs CLI (cargo build
# --release -p gojs-boa, only if the release gojs is missing; GOJS=path for another).
# Prints markdown; also writes it to $CARGO_TARGET_DIR/bench-vs-node.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Build outputs go where cargo puts them.
target=${CARGO_TARGET_DIR:-$root/target}
rounds=${ROUNDS:-3}
scale=${SCALE:-0.2}
startup_runs=${STARTUP_RUNS:-20}

go=$(scripts/setup.sh 2>/dev/null | tail -n 1)
exec_node="$("$go" env GOROOT)/lib/wasm/wasm_exec_node.js"
node=$(command -v node)
wasm_dir=$target/bench-wasm/go
scripts/build-go-corpus.sh "$wasm_dir"
gojs=${GOJS:-$target/release/gojs}
if [ ! -x "$gojs" ]; then
  echo "building $gojs (cargo build --release -p gojs-boa; several minutes)..." >&2
  cargo build --release -p gojs-boa >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report="$tmp/report.md"

# run_host HOST WASM ARGS... : runs one program under gojs or node, stdin from /dev/null.
run_host() {
  local host=$1 wasm=$2
  shift 2
  case $host in
    gojs) "$gojs" run "$wasm" "$@" </dev/null ;;
    node) "$node" "$exec_node" "$wasm" "$@" </dev/null ;;
  esac
}

{
  echo "# gojs vs node"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- gojs: $gojs ($("$gojs" --version 2>/dev/null || echo '?')); node $("$node" --version); $("$go" version)"
  echo "- command: ROUNDS=$rounds SCALE=$scale STARTUP_RUNS=$startup_runs scripts/bench-vs-node.sh"
  echo
} >"$report"

# 1. Crossings.
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order="gojs node"; else order="node gojs"; fi
  for host in $order; do
    echo "round $r/$rounds: $host crossings.wasm all $scale" >&2
    run_host "$host" "$wasm_dir/crossings.wasm" all "$scale" >"$tmp/$host.$r"
  done
done
python3 - "$tmp" "$rounds" >>"$report" <<'EOF'
import statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
per = {"gojs": {}, "node": {}}
order = []
for host in per:
    for r in range(1, rounds + 1):
        for line in open(f"{tmp}/{host}.{r}"):
            op, n, ns, per_op = line.split()
            if op not in order:
                order.append(op)
            per[host].setdefault(op, []).append(float(per_op))
def fmt(ns):
    if ns >= 1e6: return f"{ns / 1e6:.2f} ms"
    if ns >= 1e4: return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"
print(f"## Go crossings: median of {rounds} runs per host, ns per op\n")
print("| op | gojs | node | gojs/node |")
print("|---|---|---|---|")
for op in order:
    g = statistics.median(per["gojs"][op]); n = statistics.median(per["node"][op])
    print(f"| {op} | {fmt(g)} | {fmt(n)} | {g / n:.2f}x |")
for op in order:
    if op.startswith("copyBytes/"):
        size = 16 << 20
        g = statistics.median(per["gojs"][op]); n = statistics.median(per["node"][op])
        print(f"\n{op}: gojs {size / g * 1e3:.0f} MB/s, node {size / n * 1e3:.0f} MB/s "
              f"(gojs/node throughput {n / g:.2f}x)", end="")
print("\n")
EOF

# 2. Start-up: fresh processes, run to exit.
hello="$wasm_dir/hello.wasm"
{
  echo "## Start-up: hello.wasm (Go) run to exit, fresh process, $startup_runs runs each"
  echo
} >>"$report"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$startup_runs" --style none \
    --export-json "$tmp/startup.json" \
    "$gojs run $hello" "$node $exec_node $hello" >/dev/null 2>&1
  python3 - "$tmp/startup.json" >>"$report" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
g, n = r[0]["median"] * 1e3, r[1]["median"] * 1e3
print("| host | median wall | min |\n|---|---|---|")
print(f"| gojs | {g:.1f} ms | {r[0]['min'] * 1e3:.1f} ms |")
print(f"| node | {n:.1f} ms | {r[1]['min'] * 1e3:.1f} ms |")
print(f"\ngojs/node: {g / n:.2f}x (hyperfine -N --warmup 3)\n")
EOF
else
  : >"$tmp/gojs.startup"
  : >"$tmp/node.startup"
  for ((i = 0; i < startup_runs + 2; i++)); do
    for host in gojs node; do
      t0=$(date +%s%N)
      run_host "$host" "$hello" >/dev/null
      t1=$(date +%s%N)
      # The first two rounds warm the page cache and are dropped.
      if ((i >= 2)); then echo $(((t1 - t0) / 1000)) >>"$tmp/$host.startup"; fi
    done
  done
  python3 - "$tmp" >>"$report" <<'EOF'
import statistics, sys
t = {h: [int(x) / 1e3 for x in open(f"{sys.argv[1]}/{h}.startup")] for h in ("gojs", "node")}
print("| host | median wall | min |\n|---|---|---|")
for h in t:
    print(f"| {h} | {statistics.median(t[h]):.1f} ms | {min(t[h]):.1f} ms |")
print(f"\ngojs/node: {statistics.median(t['gojs']) / statistics.median(t['node']):.2f}x "
      "(bash loop, date +%s%N, alternating gojs/node)\n")
EOF
fi

# 3. Peak RSS.
peak_kib() { # peak_kib HOST WASM ARGS... -> KiB
  local host=$1
  shift
  local cmd
  if [ "$host" = gojs ]; then cmd=("$gojs" run "$@"); else cmd=("$node" "$exec_node" "$@"); fi
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "${cmd[@]}" </dev/null >/dev/null
    tail -n 1 "$tmp/rss"
  else
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "${cmd[@]}"
  fi
}
{
  echo "## Peak RSS (one run each)"
  echo
  echo "| program | gojs | node | gojs/node |"
  echo "|---|---|---|---|"
  for prog in "hello.wasm" "crossings.wasm all $scale"; do
    read -r -a words <<<"$prog"
    g=$(peak_kib gojs "$wasm_dir/${words[0]}" "${words[@]:1}")
    n=$(peak_kib node "$wasm_dir/${words[0]}" "${words[@]:1}")
    echo "| $prog | $((g / 1024)) MiB | $((n / 1024)) MiB | $(python3 -c "print(f'{$g / $n:.2f}x')") |"
  done
  echo
} >>"$report"

mkdir -p "$target"
cp "$report" "$target/bench-vs-node.md"
cat "$report"
