// The package's Node.js entry (CommonJS): the wasm-bindgen `--target nodejs` glue compiles and
// instantiates the .wasm synchronously on first require, so every function is ready to call.
"use strict";

const wasm = require("./dist/node/ecs_rollout.js");

/** Nothing to do in Node.js; present so `await init()` written for browsers runs here too. */
async function init() {}
/** Nothing to do in Node.js either: `observed` is in the one .wasm here (browsers load a second one). */
async function initObserved() {}

module.exports = {
  analyze: wasm.analyze,
  compare: wasm.compare,
  diff: wasm.diff,
  observed: wasm.observed,
  hover: wasm.hover,
  completions: wasm.completions,
  initObserved,
  rules: wasm.rules,
  schema: wasm.schema,
  policySchema: wasm.policySchema,
  runCli: wasm.runCli,
  version: wasm.packageVersion(),
  default: init,
};
