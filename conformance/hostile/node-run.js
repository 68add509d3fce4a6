// `node node-run.js prog.wasm [args...]`: what `wasm_exec_node.js` does,
// with the environment gojs gives a program by default (none) and the
// file named by $PRELOAD evaluated before Go starts, as `Program::preload`
// does. Used by compare-with-node.sh; needs `wasm_exec.js` beside it or in
// $WASM_EXEC_DIR.
'use strict';
globalThis.require = require;
globalThis.fs = require('fs');
globalThis.path = require('path');
globalThis.TextEncoder = require('util').TextEncoder;
globalThis.TextDecoder = require('util').TextDecoder;
globalThis.performance ??= require('performance');
globalThis.crypto ??= require('crypto');
require(require('path').join(process.env.WASM_EXEC_DIR || __dirname, 'wasm_exec.js'));
const go = new Go();
go.argv = process.argv.slice(2);
go.env = {};
go.exit = process.exit;
const wasm = fs.readFileSync(process.argv[2]);
if (process.env.PRELOAD) {
  try {
    (0, eval)(fs.readFileSync(process.env.PRELOAD, 'utf8'));
  } catch (e) {
    console.error(e && e.name ? `${e.name}: ${e.message}` : e);
    process.exit(1);
  }
}
WebAssembly.instantiate(wasm, go.importObject)
  .then((result) => {
    process.on('exit', (code) => {
      if (code === 0 && !go.exited) {
        go._pendingEvent = { id: 0 };
        go._resume();
      }
    });
    return go.run(result.instance);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
