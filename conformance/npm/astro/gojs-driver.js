// gojs --script driver for @astrojs/compiler@4.0.0: prints exactly what node-driver.mjs prints.
//
//   gojs run --script conformance/npm/astro/gojs-driver.js \
//     .tools/npm/astrojs-compiler-4.0.0/package/dist/astro.wasm INPUT.astro...
//   node conformance/node/script-host.mjs \
//     --glue .tools/npm/astrojs-compiler-4.0.0/package/dist/node/wasm_exec.js \
//     --script conformance/npm/astro/gojs-driver.js \
//     .tools/npm/astrojs-compiler-4.0.0/package/dist/astro.wasm INPUT.astro...
//
// This file is the body of an async function, run after the Go program's main has parked.
// astro.wasm's main sets globalThis["@astrojs/compiler"] = {transform, parse, convertToTSX, ...}
// and blocks; the wrappers below are the ones dist/node/index.js builds around it (its
// `d()` loader), including the post-processing: parse -> {...r, ast: JSON.parse(r.ast)},
// convertToTSX -> {...r, map: JSON.parse(r.map)}; transform's result is passed through.
// Only process.argv, console and fs.readFileSync are used (no require, import or Buffer).

const compiler = globalThis["@astrojs/compiler"];
if (!compiler) throw new Error('globalThis["@astrojs/compiler"] is not set: did astro.wasm start?');
const transform = (a, o) => new Promise((e) => e(compiler.transform(a, o || {})));
const parse = (a, o) =>
  new Promise((e) => e(compiler.parse(a, o || {}))).then((e) => ({ ...e, ast: JSON.parse(e.ast) }));
const convertToTSX = (a, o) =>
  new Promise((e) => e(compiler.convertToTSX(a, o || {}))).then((e) => ({ ...e, map: JSON.parse(e.map) }));

const basename = (p) => p.slice(p.lastIndexOf("/") + 1);

// --- shared with node-driver.mjs: begin ---
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
// --- shared with node-driver.mjs: end ---

const args = process.argv.slice(3);
const inputs = [...args].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
const api = { transform, parse, convertToTSX };
for (const path of inputs) {
  const name = basename(path);
  const source = fs.readFileSync(path, "utf8");
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
