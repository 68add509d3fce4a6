// gojs --script driver for @terrastruct/d2@0.1.33: prints exactly what node-driver.mjs prints.
//
//   gojs run --preload conformance/npm/d2/preload.js --script conformance/npm/d2/gojs-driver.js \
//     .tools/npm/terrastruct-d2-0.1.33/package/dist/node-esm/d2.wasm INPUT.d2...
//   node conformance/node/script-host.mjs \
//     --glue .tools/npm/terrastruct-d2-0.1.33/package/dist/node-esm/wasm_exec.js \
//     --preload conformance/npm/d2/preload.js --script conformance/npm/d2/gojs-driver.js \
//     .tools/npm/terrastruct-d2-0.1.33/package/dist/node-esm/d2.wasm INPUT.d2...
//
// This file is the body of an async function, run after the Go program's main has parked.
// d2.wasm's main sets globalThis.d2 = {compile, render, encode, decode, version, jsVersion}
// (the worker returns `global.d2` after go.run) and blocks. Below, `D2` replays what the
// package does around it, split between dist/node-esm/index.js (main thread) and
// dist/node-esm/worker.js:
//   main:   compile(e, t) sends  typeof e === "string" ? {fs: {index: e}, options: t}
//                                                     : {...e, options: {...t, ...e.options}}
//           render(e, t)  sends  {diagram: e, options: t}
//   worker: compile: r = JSON.parse(await d2.compile(JSON.stringify(n)));
//                    if (r.error) throw new Error(r.error.message); result r.data
//           render:  r = JSON.parse(await d2.render(JSON.stringify(n))); same error rule;
//                    result new TextDecoder().decode(Uint8Array.from(atob(r.data), c => c.charCodeAt(0)))
//           any exception e is posted as {type: "error", error: e.message}
//   main:   rejects with new Error(r.error).
// The messages cross postMessage (structured clone) both ways; for these JSON-only values a
// clone prints the same under JSON.stringify, so it is not replayed.
// Only process.argv, console, fs.readFileSync, TextDecoder and atob are used.

const go = globalThis.d2;
if (!go) throw new Error("globalThis.d2 is not set: did d2.wasm start?");
const worker = {
  async compile(n) {
    const e = await go.compile(JSON.stringify(n));
    const r = JSON.parse(e);
    if (r.error) throw new Error(r.error.message);
    return r.data;
  },
  async render(n) {
    const e = await go.render(JSON.stringify(n));
    const r = JSON.parse(e);
    if (r.error) throw new Error(r.error.message);
    return new TextDecoder().decode(Uint8Array.from(atob(r.data), (y) => y.charCodeAt(0)));
  },
};
const send = async (type, data) => {
  let result;
  try {
    result = await worker[type](data);
  } catch (e) {
    throw new Error(e.message);
  }
  return result;
};
const D2 = {
  compile: (e, t = {}) =>
    send("compile", typeof e === "string" ? { fs: { index: e }, options: t } : { ...e, options: { ...t, ...e.options } }),
  render: (e, t = {}) => send("render", { diagram: e, options: t }),
};

const basename = (p) => p.slice(p.lastIndexOf("/") + 1);

// --- shared with node-driver.mjs: begin ---
// The default layout engine (dagre); ELK is never asked for.
const OPTIONS = {
  compile: () => ({ layout: "dagre" }),
  render: (renderOptions) => renderOptions,
  "render-ascii": (renderOptions) => ({ ...renderOptions, ascii: true, asciiMode: "extended" }),
};
const line = (input, op, outcome) =>
  JSON.stringify("error" in outcome ? { input, op, error: outcome.error } : { input, op, result: outcome.result });
const errorText = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`);
// --- shared with node-driver.mjs: end ---

const d2 = D2;
const args = process.argv.slice(3);
const inputs = [...args].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
for (const path of inputs) {
  const name = basename(path);
  const source = fs.readFileSync(path, "utf8");
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
