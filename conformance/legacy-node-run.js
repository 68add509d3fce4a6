// The reference runner for Go <= 1.20 programs: node 20 with that release's own
// wasm_exec_node.js, unchanged but for one thing it cannot do on node >= 19.
//
//   node conformance/legacy-node-run.js <GOROOT>/misc/wasm/wasm_exec_node.js prog.wasm [args...]
//
// Those glue files assign globalThis.crypto (a { getRandomValues } built on
// crypto.randomFillSync), which node 19 made a getter-only property: in their
// strict mode the assignment throws a TypeError before Go starts. So crypto is
// made writable here first; then the glue runs as `node wasm_exec_node.js
// prog.wasm [args...]` would run it (process.argv[1] is the glue, [2] the module).
"use strict";
Object.defineProperty(globalThis, "crypto", {
  value: globalThis.crypto,
  writable: true,
  configurable: true,
  enumerable: false,
});
const glue = require("path").resolve(process.argv[2]);
process.argv.splice(1, 2, glue);
require(glue);
