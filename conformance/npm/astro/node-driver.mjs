// Reference driver for @astrojs/compiler@4.0.0 under node, through the package's public API only.
//
//   node conformance/npm/astro/node-driver.mjs [--pkg DIR] INPUT.astro...
//
// DIR defaults to $ASTRO_PKG or .tools/npm/astrojs-compiler-4.0.0/package (relative to the
// current directory, normally the repository root). Inputs are processed sorted by file name;
// for each one it calls transform, parse and convertToTSX (in that order) and prints one line
// per call: JSON.stringify({input, op, result}) or JSON.stringify({input, op, error}).
//
// conformance/npm/astro/gojs-driver.js must print exactly the same; the options below (OPTIONS)
// and the printing code (line()) are duplicated there and must stay identical.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let pkg = process.env.ASTRO_PKG || ".tools/npm/astrojs-compiler-4.0.0/package";
if (args[0] === "--pkg") {
  pkg = args[1];
  args.splice(0, 2);
}
const { transform, parse, convertToTSX } = await import(
  pathToFileURL(resolve(pkg, "dist/node/index.js")).href
);

// --- shared with gojs-driver.js: begin ---
// Options are functions of the input's base name only (no paths of this machine). The
// callbacks make Go call back into JS during transform; both return Promises that Go awaits
// (utils.Await calls .then on the result, so a plain string from resolvePath would make
// Go panic with "call of Value.Call on string"). Go hands `attrs` over as an object
// built from a Go map, so its keys are sorted before printing (map order is random).
// A <style lang="scss"> gets a PreprocessorError, which Go reports in styleError.
const OPTIONS = {
  transform: (name) => ({
    filename: `src/components/${name}`,
    normalizedFilename: `src/components/${name}`,
    sourcemap: "external",
    internalURL: "astro/runtime/server/index.js",
    astroGlobalArgs: JSON.stringify("https://example.com"),
    resultScopedSlot: true,
    scopedStyleStrategy: "where",
    transitionsAnimationURL: "astro/components/viewtransitions.css",
    annotateSourceFile: false,
    resolvePath: async (specifier) => `/@resolved/${specifier.replace(/^(\.\.?\/)+/, "")}`,
    preprocessStyle: async (content, attrs) => {
      if (attrs.lang === "scss") return { error: `no scss preprocessor here (${content.length} chars)` };
      const keys = Object.keys(attrs).sort();
      const shown = keys.map((k) => `${k}=${JSON.stringify(attrs[k])}`).join(" ");
      return { code: `/* preprocessed [${shown}] */\n${content}` };
    },
  }),
  parse: () => ({ position: true }),
  convertToTSX: (name) => ({
    filename: `src/components/${name}`,
    normalizedFilename: `src/components/${name}`,
    sourcemap: "external",
    includeScripts: true,
    includeStyles: true,
  }),
};
const line = (input, op, outcome) =>
  JSON.stringify("error" in outcome ? { input, op, error: outcome.error } : { input, op, result: outcome.result });
// Go rejects with a plain {message, stack} object whose stack is a Go traceback with heap
// addresses: only the message is printed.
const errorText = (e) =>
  e instanceof Error ? `${e.name}: ${e.message}` : e && typeof e === "object" && "message" in e ? `thrown: ${e.message}` : `thrown: ${String(e)}`;
// --- shared with gojs-driver.js: end ---

const inputs = [...args].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
const api = { transform, parse, convertToTSX };
for (const path of inputs) {
  const name = basename(path);
  const source = readFileSync(path, "utf8");
  for (const op of ["transform", "parse", "convertToTSX"]) {
    let outcome;
    try {
      outcome = { result: await api[op](source, OPTIONS[op](name)) };
    } catch (e) {
      outcome = { error: errorText(e) };
    }
    console.log(line(name, op, outcome));
  }
}
