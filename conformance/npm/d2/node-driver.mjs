// Reference driver for @terrastruct/d2@0.1.33 under node, through the package's public API only
// (the D2 class of dist/node-esm/index.js, which runs d2.wasm in a worker_threads Worker).
//
//   node conformance/npm/d2/node-driver.mjs [--pkg DIR] INPUT.d2...
//
// DIR defaults to $D2_PKG or .tools/npm/terrastruct-d2-0.1.33/package (relative to the
// current directory, normally the repository root). Inputs are processed sorted by file name;
// for each one it prints one line per call, JSON.stringify({input, op, result}) or
// JSON.stringify({input, op, error}):
//   compile       d2.compile(source, {layout: "dagre"})            -> the CompileResponse
//   render        d2.render(diagram, renderOptions)               -> the SVG text
//   render-ascii  d2.render(diagram, {...renderOptions, ascii: true}) -> the ASCII art
// (the renders only when compile succeeded).
//
// conformance/npm/d2/gojs-driver.js must print exactly the same; the options (OPTIONS) and the
// printing code (line(), errorText()) are duplicated there and must stay identical. No output
// needs normalising: results hold no paths, times or random ids.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let pkg = process.env.D2_PKG || ".tools/npm/terrastruct-d2-0.1.33/package";
if (args[0] === "--pkg") {
  pkg = args[1];
  args.splice(0, 2);
}
const { D2 } = await import(pathToFileURL(resolve(pkg, "dist/node-esm/index.js")).href);

// --- shared with gojs-driver.js: begin ---
// The default layout engine (dagre); ELK is never asked for.
const OPTIONS = {
  compile: () => ({ layout: "dagre" }),
  render: (renderOptions) => renderOptions,
  "render-ascii": (renderOptions) => ({ ...renderOptions, ascii: true, asciiMode: "extended" }),
};
const line = (input, op, outcome) =>
  JSON.stringify("error" in outcome ? { input, op, error: outcome.error } : { input, op, result: outcome.result });
const errorText = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`);
// --- shared with gojs-driver.js: end ---

const d2 = new D2();
const inputs = [...args].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
for (const path of inputs) {
  const name = basename(path);
  const source = readFileSync(path, "utf8");
  let compiled;
  try {
    compiled = await d2.compile(source, OPTIONS.compile(name));
    console.log(line(name, "compile", { result: compiled }));
  } catch (e) {
    console.log(line(name, "compile", { error: errorText(e) }));
    continue;
  }
  for (const op of ["render", "render-ascii"]) {
    let outcome;
    try {
      outcome = { result: await d2.render(compiled.diagram, OPTIONS[op](compiled.renderOptions)) };
    } catch (e) {
      outcome = { error: errorText(e) };
    }
    console.log(line(name, op, outcome));
  }
}
// The worker keeps node alive and the package has no close(): exit as a user script would.
process.exit(0);
