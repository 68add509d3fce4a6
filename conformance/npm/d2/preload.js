// --preload for d2.wasm (gojs run --preload conformance/npm/d2/preload.js --script … d2.wasm …):
// does what @terrastruct/d2@0.1.33's dist/node-esm/worker.js does between evaluating
// wasm_exec.js and instantiating d2.wasm (its function M()):
//
//   if (typeof globalThis.ELK === "undefined") try {
//     i(readFileSync(join(dir, "elk.js"), "utf8")); i(readFileSync(join(dir, "setup.js"), "utf8"))
//   } catch (t) { console.error("Failed to load ELK library:", t); throw t }
//   with i(src) = new Function(src).call(globalThis)
//
// Function scope, not global scope: setup.js's `var setTimeout = function (f) { f() }` and
// `const elk = new ELK()` stay local and do not replace the global timer. elk.js sets
// globalThis.ELK (its UMD wrapper takes the `g = this` branch: there is no module, exports or
// define) and globalThis.elkLayoutSync; setup.js's `new ELK()` sets
// globalThis.__elkWorkerClass and schedules setTimeout(…, 0) calls on the global timer
// (ELK's fake worker registering its algorithms), and its elkLayoutSync() warm-up runs an
// empty ELK layout synchronously and sets globalThis.__elkQvd.
//
// dir is the directory of the wasm (process.argv[2], where worker.js's elk.js and setup.js
// sit next to d2.wasm) when elk.js is there, else the fixed relative
// .tools/npm/terrastruct-d2-0.1.33/package/dist/node-esm.
//
// Cost: the dagre layout (the default, the only one conformance/npm/d2 asks for) never calls
// into ELK, so all of this is dead weight for these inputs: 3.6 MB of JS to parse and run
// plus the warm-up layout. It is kept because the worker always does it, so the Go program
// starts with the same globals as under node.
(function () {
  const fallback = ".tools/npm/terrastruct-d2-0.1.33/package/dist/node-esm";
  let dir = fallback;
  const wasm = typeof process === "object" && process && Array.isArray(process.argv) ? process.argv[2] : undefined;
  if (typeof wasm === "string" && wasm.includes("/")) {
    const d = wasm.slice(0, wasm.lastIndexOf("/"));
    if (fs.existsSync(`${d}/elk.js`)) dir = d;
  }
  const i = (t) => {
    new Function(t).call(globalThis);
  };
  if (typeof globalThis.ELK === "undefined") {
    try {
      const o = fs.readFileSync(`${dir}/elk.js`, "utf8");
      const c = fs.readFileSync(`${dir}/setup.js`, "utf8");
      i(o);
      i(c);
    } catch (t) {
      console.error("Failed to load ELK library:", t);
      throw t;
    }
  }
})();
