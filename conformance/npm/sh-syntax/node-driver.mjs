// Reference driver for sh-syntax@0.7.0 (a TinyGo 0.42 js/wasm module) under node, through the
// package's public API only (lib/index.js: print and parse, which load main.wasm with the
// package's own vendors/wasm_exec.cjs and a fresh Go instance per call).
//
//   node conformance/npm/sh-syntax/node-driver.mjs [--pkg DIR] INPUT.sh...
//
// DIR defaults to .tools/npm/sh-syntax-0.7.0/package. Inputs are processed sorted by base name;
// for each one it calls the OPS below in order and prints one line per call:
// JSON.stringify({input, op, result}) or JSON.stringify({input, op, error}).
//
// The gojs side (conformance/tests/conformance/npm.rs, sh_syntax_from_rust) drives main.wasm
// from Rust through Session::call_export as lib/processor.js drives it from JS, with the same
// OPS; both must print the same lines.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let pkg = ".tools/npm/sh-syntax-0.7.0/package";
if (args[0] === "--pkg") {
  pkg = args[1];
  args.splice(0, 2);
}
const { print, parse } = await import(pathToFileURL(resolve(pkg, "lib/index.js")).href);

// Options are functions of the input's base name only.
const OPS = [
  ["print", (name) => print, (name) => ({ filepath: name })],
  [
    "print-options",
    (name) => print,
    (name) => ({
      filepath: name,
      useTabs: true,
      binaryNextLine: false,
      switchCaseIndent: false,
      spaceRedirects: false,
      functionNextLine: true,
      simplify: true,
    }),
  ],
  ["print-minify", (name) => print, (name) => ({ filepath: name, minify: true })],
  ["parse", (name) => parse, (name) => ({ filepath: name })],
];

const inputs = args.slice().sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
for (const input of inputs) {
  const name = basename(input);
  const text = readFileSync(input, "utf8");
  for (const [op, fn, options] of OPS) {
    try {
      const result = await fn(name)(text, options(name));
      console.log(JSON.stringify({ input: name, op, result }));
    } catch (e) {
      // A ParseError carries where (Pos) and whether the input just ended (Incomplete).
      const where = e.Pos ? ` at ${JSON.stringify(e.Pos)}` : "";
      const error = `${e.constructor.name}: ${e.message}${where} incomplete=${e.Incomplete}`;
      console.log(JSON.stringify({ input: name, op, error }));
    }
  }
}
