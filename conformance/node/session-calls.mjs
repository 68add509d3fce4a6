// The JS side of scripts/bench-sessions-vs-node.sh: node + the official
// wasm_exec.js run the Go reactor (conformance/go/reactor), then time JS loops
// calling two of its functions — what `gojs run --eval` times with the same
// loop (scripts/bench-sessions-vs-node.sh passes it the loop's source).
//
//   node conformance/node/session-calls.mjs <wasm_exec.js> <reactor.wasm> <n>
//
// Prints `<call> <n> <ns per call>` for call0 (counter()) and string1KiB
// (concat(s), 1 KiB in and out).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [glue, wasm, n] = process.argv.slice(2);
const require = createRequire(import.meta.url);
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = require("path");
require(resolve(glue));
const go = new globalThis.Go();
go.argv = ["reactor.wasm"];
go.env = {};
const { instance } = await WebAssembly.instantiate(readFileSync(wasm), go.importObject);
go.run(instance);
globalThis.__n = Number(n);
(0, eval)(readFileSync(new URL("./session-calls-loop.js", import.meta.url), "utf8"));
process.exit(0);
