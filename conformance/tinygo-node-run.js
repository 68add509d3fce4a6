// Reference runner for TinyGo js/wasm modules: what the command-line part of TinyGo's own
// wasm_exec.js does (`node wasm_exec.js prog.wasm`), with the glue a package ships.
//
//   node conformance/tinygo-node-run.js GLUE prog.wasm
//
// GLUE is a TinyGo wasm_exec.js (e.g. sh-syntax's vendors/wasm_exec.cjs) that defines
// globalThis.Go. The program's exit code is go.run's (proc_exit's); a program that never
// exits ends when node's event loop is empty, with 0; an exception out of go.run is printed
// and is exit 1.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

if (process.argv.length !== 4) {
  console.error("usage: tinygo-node-run.js GLUE prog.wasm");
  process.exit(2);
}
require(path.resolve(process.argv[2]));
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject)
  .then(async (result) => {
    const exitCode = await go.run(result.instance);
    process.exit(exitCode);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
