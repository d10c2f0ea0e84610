#!/usr/bin/env node
// `npx ecs-rollout check|timeline|compare FILE`: the same command line as the native binary,
// run inside the wasm module; this file only supplies Node's file system (read as the native
// binary reads it, ./read.mjs) and terminal.
// `npx ecs-rollout lsp` serves the language server instead (./lsp.mjs).
import { createRequire } from "node:module";
import { runCli } from "../index.mjs";
import { readText } from "./read.mjs";

const { isLspCommand } = createRequire(import.meta.url)("../dist/node/ecs_rollout.js");
if (isLspCommand(process.argv.slice(2))) {
  const { serveLsp } = await import("./lsp.mjs");
  process.exit(await serveLsp());
}

const color = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
const output = runCli(process.argv.slice(2), readText, color);
process.stdout.write(output.stdout);
process.stderr.write(output.stderr);
process.exitCode = output.exitCode;
