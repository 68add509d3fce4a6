// A node implementation of `gojs run [--preload FILE]… --script FILE prog.wasm [args…]`, used to
// cross-check driver scripts (conformance/npm/*/gojs-driver.js) with a package's own glue
// before gojs runs them.
//
//   node conformance/node/script-host.mjs --glue WASM_EXEC_JS [--preload FILE]… \
//     --script FILE prog.wasm [args…]
//
// Steps, in order:
//  1. Load the glue so that it yields a `Go` class, the way the package loaders do:
//     - a classic script (Go's misc/wasm/wasm_exec.js, d2's dist/node-esm/wasm_exec.js) is
//       evaluated with `new Function(src).call(globalThis)`, as d2's worker does, and must
//       define globalThis.Go;
//     - a file that does not parse as a script body (import/export: astro's
//       dist/node/wasm_exec.js, which is `export { Go as default }` from its dist chunk) is
//       loaded with import() and its `default` (or `Go`) export is the class.
//     Loading happens before anything below touches globalThis.fs, so d2's glue installs its
//     ENOSYS fs polyfill exactly as in d2's worker (node has no global fs), and astro's chunk
//     installs node's fs module as globalThis.fs as it does under astro's loader.
//  2. Give globalThis.fs the three sync functions of the --script contract if it lacks them
//     (readFileSync(path[, "utf8"]), writeFileSync(path, data), existsSync(path), backed by
//     node:fs), creating the object if there is none; and set process.argv to
//     [process.argv[0], script path, prog.wasm, …args] as gojs does. Both are done before the
//     preloads run, so a preload can read files (d2's preload.js reads elk.js and setup.js) and
//     find the wasm path; the extra fs functions are invisible to Go (syscall/fs_js only uses
//     constants, open, read, write, fstat, …).
//  3. Evaluate each --preload in global scope, in order, with indirect eval `(0, eval)(src)`.
//  4. Instantiate prog.wasm with go.importObject, set go.argv = [prog.wasm, …args],
//     go.env = {}, and call go.run(instance) without awaiting it: when it returns, main has
//     exited or parked. go.exit is replaced by a recorder of the exit code.
//  5. Run the script as the body of an async function (AsyncFunction constructor), i.e.
//     `(async function () { <body>\n})()`.
//  6. When the script's promise settles: exit with the Go program's exit code if it exited,
//     else 0; on rejection print `Name: message` (or the thrown value) on stderr, exit 1.
//
// Note: node exposes more globals than gojs promises a script (Buffer, require-free but with
// `global`, process.* beyond argv, the whole fs module under astro's glue, …); keeping driver
// scripts to the documented surface is up to their authors.
import * as nodefs from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const usage = () => {
  process.stderr.write(
    "usage: node conformance/node/script-host.mjs --glue WASM_EXEC_JS [--preload FILE]… --script FILE prog.wasm [args…]\n",
  );
  process.exit(64);
};

const argv = process.argv.slice(2);
let glue = null;
let script = null;
const preloads = [];
while (argv.length > 0 && argv[0].startsWith("--")) {
  const flag = argv.shift();
  if (argv.length === 0) usage();
  if (flag === "--glue") glue = argv.shift();
  else if (flag === "--preload") preloads.push(argv.shift());
  else if (flag === "--script") script = argv.shift();
  else usage();
}
if (!glue || !script || argv.length === 0) usage();
const [wasmPath, ...args] = argv;

const fail = (what, e) => {
  process.stderr.write(`script-host: ${what}: ${e && e.message ? e.message : String(e)}\n`);
  process.exit(71);
};

// 1. The glue.
let Go;
{
  const src = nodefs.readFileSync(glue, "utf8");
  let fn = null;
  try {
    fn = new Function(src);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  try {
    if (fn) {
      fn.call(globalThis);
      Go = globalThis.Go;
    } else {
      const mod = await import(pathToFileURL(resolve(glue)).href);
      Go = mod.default ?? mod.Go;
    }
  } catch (e) {
    fail(`loading glue ${glue}`, e);
  }
  if (typeof Go !== "function") fail(`loading glue ${glue}`, "it defines no Go class");
}

// 2. The fs functions of the contract, and process.argv.
if (globalThis.fs === undefined || globalThis.fs === null) {
  globalThis.fs = {};
}
{
  const gfs = globalThis.fs;
  const add = (name, f) => {
    if (typeof gfs[name] !== "function") {
      Object.defineProperty(gfs, name, { value: f, writable: true, configurable: true, enumerable: false });
    }
  };
  add("readFileSync", (path, encoding) => {
    const bytes = nodefs.readFileSync(path);
    if (encoding === undefined) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    return bytes.toString(encoding);
  });
  add("writeFileSync", (path, data) => nodefs.writeFileSync(path, data));
  add("existsSync", (path) => nodefs.existsSync(path));
}
const hostArgv0 = process.argv[0];
process.argv = [hostArgv0, script, wasmPath, ...args];

// 3. Preloads, in global scope.
for (const p of preloads) {
  let src;
  try {
    src = nodefs.readFileSync(p, "utf8");
  } catch (e) {
    fail(`reading preload ${p}`, e);
  }
  (0, eval)(src);
}

// 4. The Go program.
const go = new Go();
let exitCode = null;
go.exit = (code) => {
  exitCode = code;
};
let instance;
try {
  const bytes = nodefs.readFileSync(wasmPath);
  ({ instance } = await WebAssembly.instantiate(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    go.importObject,
  ));
} catch (e) {
  fail(`instantiating ${wasmPath}`, e);
}
go.argv = [wasmPath, ...args];
go.env = {};
go.run(instance).catch((e) => {
  process.stderr.write(`script-host: go.run: ${e && e.message ? e.message : String(e)}\n`);
});

// 5. The script.
const body = nodefs.readFileSync(script, "utf8");
const AsyncFunction = (async function () {}).constructor;
const show = (e) => {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `Uncaught ${typeof e === "string" ? JSON.stringify(e) : String(e)}`;
};
let run;
try {
  run = new AsyncFunction(`${body}\n`);
} catch (e) {
  process.stderr.write(`${show(e)}\n`);
  process.exit(1);
}

// 6. Exit when it settles.
run().then(
  () => process.exit(exitCode ?? 0),
  (e) => {
    process.stderr.write(`${show(e)}\n`);
    process.exit(1);
  },
);
