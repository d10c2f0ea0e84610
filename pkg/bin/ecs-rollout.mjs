#!/usr/bin/env node
// `npx ecs-rollout check|timeline|compare FILE`: the same command line as the native binary,
// run inside the wasm module; this file only supplies Node's file system (files read and
// directories listed as the native binary does, ./read.mjs) and terminal.
// `npx ecs-rollout lsp` serves the language server instead (./lsp.mjs).
import { createRequire } from "node:module";
import { runCli } from "../index.mjs";
import { writeFileSync } from "node:fs";
import { readText, terraformFiles } from "./read.mjs";

/** The native binary's words for a failed write (src/main.rs, `reason`). */
function describeWriteError(error) {
  if (error?.code === "ENOENT") return "no such file";
  if (error?.code === "EACCES" || error?.code === "EPERM") return "permission denied";
  if (error?.code === "EISDIR") return "is a directory";
  return String(error?.message ?? error);
}

const { isLspCommand } = createRequire(import.meta.url)("../dist/node/ecs_rollout.js");
if (isLspCommand(process.argv.slice(2))) {
  const { serveLsp } = await import("./lsp.mjs");
  process.exit(await serveLsp());
}

const color = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
const output = runCli(process.argv.slice(2), readText, color, terraformFiles);
// `check --fix`: the fixed files, written before anything is printed, as the native binary does.
for (const [path, text] of output.writes) {
  try {
    writeFileSync(path, text);
  } catch (error) {
    process.stderr.write(`error: cannot write \`${path}\`: ${describeWriteError(error)}\n`);
    process.exit(2);
  }
}
process.stdout.write(output.stdout);
process.stderr.write(output.stderr);
process.exitCode = output.exitCode;
