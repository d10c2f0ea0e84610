#!/usr/bin/env node
// `npx ecs-rollout check|timeline|compare FILE`: the same command line as the native binary,
// run inside the wasm module; this file only supplies Node's file system and terminal.
// `npx ecs-rollout lsp` serves the language server instead (./lsp.mjs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runCli } from "../index.mjs";

const { isLspCommand } = createRequire(import.meta.url)("../dist/node/ecs_rollout.js");
if (isLspCommand(process.argv.slice(2))) {
  const { serveLsp } = await import("./lsp.mjs");
  process.exit(await serveLsp());
}

/** The reasons the native binary gives, so both print the same `cannot read` lines. */
const REASONS = { ENOENT: "no such file", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "is a directory" };
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function readFile(path) {
  let bytes;
  try {
    bytes = readFileSync(path === "-" ? 0 : path);
  } catch (error) {
    throw new Error(REASONS[error.code] ?? error.message);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error("not valid UTF-8");
  }
}

const color = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
const output = runCli(process.argv.slice(2), readFile, color);
process.stdout.write(output.stdout);
process.stderr.write(output.stderr);
process.exitCode = output.exitCode;
