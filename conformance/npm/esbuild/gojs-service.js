#!/usr/bin/env node
// bin/esbuild of a copy of esbuild-wasm@0.28.2 whose service runs under gojs instead of
// node: esbuild's JS API (lib/main.js) always spawns `node <pkg>/bin/esbuild --service=…`
// (it ignores ESBUILD_BINARY_PATH for the wasm package), so this file stands in for that
// bin/esbuild and runs `$GOJS_BIN run <pkg>/esbuild.wasm <args…>` with the same stdio.
// Node here only starts the process: the service's stdin and stdout are gojs's own.
//
// As the real bin/esbuild does (its comments cite golang/go#49011), only the environment
// variables esbuild reads are passed on.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const gojs = process.env.GOJS_BIN;
if (!gojs) {
  console.error("gojs-service.js: GOJS_BIN must name the gojs binary");
  process.exit(64);
}
const used = ["NO_COLOR", "NODE_PATH", "npm_config_user_agent", "WT_SESSION"];
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => used.includes(k)));
const wasm = path.join(__dirname, "..", "esbuild.wasm");
const run = spawnSync(gojs, ["run", wasm, ...process.argv.slice(2)], { stdio: "inherit", env });
if (run.error) {
  console.error(`gojs-service.js: cannot run ${gojs}: ${run.error.message}`);
  process.exit(71);
}
process.exit(run.status ?? 1);
