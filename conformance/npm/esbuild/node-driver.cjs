// Reference driver for esbuild-wasm@0.28.2 under node, through the package's public JS API only
// (require("<pkg>/lib/main.js"), which spawns `node <pkg>/bin/esbuild --service=0.28.2` and
// talks to esbuild.wasm over its stdio).
//
//   node conformance/npm/esbuild/node-driver.cjs [--pkg DIR] CASE...
//
// DIR defaults to $ESBUILD_PKG or .tools/npm/esbuild-wasm-0.28.2/package (relative to the
// current directory, normally the repository root). A CASE is the name of an entry of
// transforms.json (transform(fs.readFileSync(file), options)) or of BUILDS below
// (build({...options, absWorkingDir: this directory, write: false, bundle: true})). Cases run
// sorted by name; each prints one line: JSON.stringify({input, op, result}) or, when the call
// rejects, JSON.stringify({input, op, error: "Name: message", errors, warnings}) with esbuild's
// message arrays.
//
// Normalisation (the only machine-specific data in the results): build's outputFiles[].path
// is absolute; it is printed relative to absWorkingDir (the esbuild project directory). An
// output file is printed as {path, hash, text} (text is contents decoded as UTF-8). metafile,
// sourcemaps and messages already use paths relative to absWorkingDir.
"use strict";
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
let pkg = process.env.ESBUILD_PKG || ".tools/npm/esbuild-wasm-0.28.2/package";
if (args[0] === "--pkg") {
  pkg = args[1];
  args.splice(0, 2);
}
const esbuild = require(path.resolve(pkg, "lib/main.js"));
const project = __dirname;

const TRANSFORMS = JSON.parse(fs.readFileSync(path.join(project, "transforms.json"), "utf8"));
const BUILDS = {
  "build-esm": {
    entryPoints: ["src/main.ts"],
    outdir: "dist",
    format: "esm",
    platform: "neutral",
    target: "es2020",
    sourcemap: "external",
    metafile: true,
    logLevel: "silent",
  },
  "build-iife-minify": {
    entryPoints: ["src/main.ts"],
    outfile: "dist/app.min.js",
    format: "iife",
    globalName: "app",
    platform: "browser",
    target: "es2017",
    minify: true,
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
  },
  "build-missing-import": {
    entryPoints: ["src/broken-import.ts"],
    outdir: "dist",
    format: "esm",
    logLevel: "silent",
  },
};

const relative = (p) => path.relative(project, p).split(path.sep).join("/");
const showFile = (f) => ({ path: relative(f.path), hash: f.hash, text: f.text });
const errorOutcome = (e) => ({
  error: e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`,
  errors: e && e.errors,
  warnings: e && e.warnings,
});

async function runCase(name) {
  const t = TRANSFORMS.find((x) => x.name === name);
  if (t) {
    const source = fs.readFileSync(path.join(project, t.file), "utf8");
    try {
      return { op: "transform", result: await esbuild.transform(source, t.options) };
    } catch (e) {
      return { op: "transform", ...errorOutcome(e) };
    }
  }
  const b = BUILDS[name];
  if (b) {
    try {
      const r = await esbuild.build({ ...b, absWorkingDir: project, write: false, bundle: true });
      return { op: "build", result: { ...r, outputFiles: r.outputFiles.map(showFile) } };
    } catch (e) {
      return { op: "build", ...errorOutcome(e) };
    }
  }
  throw new Error(`unknown case ${JSON.stringify(name)} (not in transforms.json nor BUILDS)`);
}

(async () => {
  if (args.length === 1 && args[0] === "--list") {
    for (const n of [...TRANSFORMS.map((x) => x.name), ...Object.keys(BUILDS)].sort()) console.log(n);
    return;
  }
  for (const name of [...args].sort()) {
    const { op, ...outcome } = await runCase(name);
    console.log(JSON.stringify({ input: name, op, ...outcome }));
  }
  esbuild.stop();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
