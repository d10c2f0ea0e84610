// Shared paths and inputs for the package tests.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

export const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = join(PKG, "..");
export const BIN = join(PKG, "bin", "ecs-rollout.mjs");

/** The sample files every contract test runs over: the repo's fixtures and the CLI cases' files,
 * full-size development and production tfvars included (the module's real samples are read
 * from ../shared/corpus/real by realworld.test.mjs, never copied). */
export function sampleFiles() {
  const roots = [join(REPO, "tests", "fixtures"), join(REPO, "tests", "cli_files")];
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tfvars(\.json)?$/.test(name)) files.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return files.map((path) => ({ path, name: relative(REPO, path), source: readFileSync(path, "utf8") }));
}

/** Runs the npm `bin` as a user would, returning its exit code and output. */
export function runBin(args, options = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", ...options });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TSC = join(PKG, "node_modules", "typescript", "bin", "tsc");

/** A temporary TypeScript project that can import "ecs-rollout"; returns tsc's result for `files`. */
export function typeCheck(files) {
  const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-types-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(PKG, join(dir, "node_modules", "ecs-rollout"), "dir");
  const compilerOptions = {
    strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext",
    target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = spawnSync(process.execPath, [TSC, "-p", dir], { encoding: "utf8" });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}
