#!/usr/bin/env bash
# Builds every example guest of the Rust guest SDK (guest/examples/*.rs) in release
# for wasm32-unknown-unknown and copies the .wasm files to OUT_DIR; also the
# wasm32-wasip1 command guest/wasip1-hostcall (the benches' `wasip1/rust/…`), as
# OUT_DIR/wasip1-hostcall.wasm.
#
#   scripts/build-rust-guests.sh OUT_DIR
#
# - Runs scripts/setup.sh first (wasm32 targets, pinned Go toolchain).
# - Builds in guest/ (its own cargo workspace, target dir guest/target) with the
#   rustflags of guest/.cargo/config.toml (memory exported as `mem`).
# - Checks each module against what wasm_exec.js needs (see guest/RATIONALE.md,
#   "Why is the argv area safe from data and stack?"): exports run/resume/getsp/mem,
#   imports only from module "gojs", no data segment below 12288 (the argv/env
#   area is 4096..12288), and the stack placed first, below the data. The wasip1
#   command is checked for its exports (_start, memory) and import modules
#   (wasi_snapshot_preview1, gojs_bench) only.
# Prints one line per guest: name, size, stack top, lowest data address.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

"$root/scripts/setup.sh" >/dev/null

cd "$root/guest"
cargo build --release --target wasm32-unknown-unknown --examples
cargo build --release --target wasm32-wasip1 -p wasip1-hostcall

# cargo puts them under CARGO_TARGET_DIR when it is set, else guest/target.
built="${CARGO_TARGET_DIR:-$root/guest/target}/wasm32-unknown-unknown/release/examples"
names=()
for src in "$root"/guest/examples/*.rs; do
  name=$(basename "$src" .rs)
  cp "$built/$name.wasm" "$out/$name.wasm"
  names+=("$out/$name.wasm")
done
cp "${CARGO_TARGET_DIR:-$root/guest/target}/wasm32-wasip1/release/wasip1-hostcall.wasm" \
  "$out/wasip1-hostcall.wasm"
names+=("$out/wasip1-hostcall.wasm")

node - "${names[@]}" <<'EOF'
// Reads the sections of each module and checks the memory layout wasm_exec.js relies on.
const fs = require("fs");
const WASM_MIN_DATA_ADDR = 4096 + 8192; // gojs_abi::WASM_MIN_DATA_ADDR; wasm_exec.js: wasmMinDataAddr

function inspect(file) {
  const b = fs.readFileSync(file);
  let p = 8;
  const uleb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const sleb = () => { let r = 0n, s = 0n, x; do { x = b[p++]; r |= BigInt(x & 0x7f) << s; s += 7n; } while (x & 0x80); if (x & 0x40) r -= 1n << s; return Number(r); };
  const name = () => { const n = uleb(); const s = b.subarray(p, p + n).toString(); p += n; return s; };
  const constExpr = () => { const op = b[p++]; if (op !== 0x41) throw new Error(`${file}: non-i32.const init expr 0x${op.toString(16)}`); const v = sleb(); if (b[p++] !== 0x0b) throw new Error(`${file}: long init expr`); return v; };
  const m = { globals: [], data: [], exports: [], imports: [] };
  while (p < b.length) {
    const id = b[p++]; const size = uleb(); const end = p + size;
    if (id === 2) { const n = uleb(); for (let i = 0; i < n; i++) { const mod = name(), nm = name(); m.imports.push([mod, nm]); const kind = b[p++]; if (kind !== 0) throw new Error(`${file}: non-function import ${mod}.${nm}`); uleb(); } }
    if (id === 5) { uleb(); const flags = b[p++]; m.memMinPages = uleb(); if (flags & 1) uleb(); }
    if (id === 6) { const n = uleb(); for (let i = 0; i < n; i++) { p += 2; m.globals.push(constExpr()); } }
    if (id === 7) { const n = uleb(); for (let i = 0; i < n; i++) { m.exports.push(name()); p++; uleb(); } }
    if (id === 11) { const n = uleb(); for (let i = 0; i < n; i++) { const flags = uleb(); if (flags !== 0) throw new Error(`${file}: passive/indexed data segment`); const off = constExpr(); const len = uleb(); p += len; m.data.push([off, len]); } }
    p = end;
  }
  return m;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const m = inspect(file);
  const problems = [];
  const name = file.split("/").pop();
  if (name.startsWith("wasip1-")) {
    // A wasm32-wasip1 command: none of wasm_exec.js's layout rules apply.
    for (const e of ["_start", "memory"]) if (!m.exports.includes(e)) problems.push(`missing export ${e}`);
    for (const [mod, nm] of m.imports) if (mod !== "wasi_snapshot_preview1" && mod !== "gojs_bench") problems.push(`import ${mod}.${nm} outside wasi_snapshot_preview1 and gojs_bench`);
    console.log(`${name.padEnd(24)} ${String(fs.statSync(file).size).padStart(8)} bytes  wasip1 command  imports ${m.imports.length}`);
    for (const pr of problems) { console.error(`${name}: ${pr}`); failed = true; }
    continue;
  }
  for (const e of ["run", "resume", "getsp", "mem"]) if (!m.exports.includes(e)) problems.push(`missing export ${e}`);
  for (const [mod, nm] of m.imports) if (mod !== "gojs") problems.push(`import ${mod}.${nm} outside module gojs`);
  const stackTop = m.globals[0]; // __stack_pointer: rust-lld's first global
  const lowestData = Math.min(...m.data.map(([off]) => off));
  if (lowestData < WASM_MIN_DATA_ADDR) problems.push(`data at ${lowestData} < ${WASM_MIN_DATA_ADDR}`);
  if (!(stackTop >= WASM_MIN_DATA_ADDR && stackTop <= lowestData)) problems.push(`stack top ${stackTop} not between ${WASM_MIN_DATA_ADDR} and the data (${lowestData}): not stack-first?`);
  if (m.memMinPages * 65536 < stackTop) problems.push(`initial memory below the stack top`);
  console.log(`${name.padEnd(24)} ${String(fs.statSync(file).size).padStart(8)} bytes  stack top ${stackTop}  data from ${lowestData}  imports ${m.imports.length}`);
  for (const pr of problems) { console.error(`${name}: ${pr}`); failed = true; }
}
process.exit(failed ? 1 : 0);
EOF
