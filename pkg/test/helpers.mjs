// Shared paths and inputs for the package tests.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

export const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = join(PKG, "..");
export const BIN = join(PKG, "bin", "ecs-rollout.mjs");

/** The sample files every contract test runs over: the repo's fixtures plus the shared corpus. */
export function sampleFiles() {
  const roots = [join(REPO, "tests", "fixtures"), join(REPO, "..", "shared", "corpus")];
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
