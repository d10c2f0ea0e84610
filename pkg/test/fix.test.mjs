// `check --fix` and `check --fix --dry-run` (issue 25) from the npm bin and the native binary:
// on copies of every fixture, both print the same bytes, exit alike and leave the same files;
// the dry run leaves the file as it was. The native binary is target/release/ecs-rollout (`make
// test` builds it first; ECS_ROLLOUT_NATIVE names another build).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { BIN, REPO, sampleFiles } from "./helpers.mjs";

const NATIVE = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
if (!existsSync(NATIVE)) {
  const build = spawnSync("cargo", ["build", "--quiet", "--release"], { cwd: REPO, stdio: "inherit" });
  assert.equal(build.status, 0, "cargo build --release failed");
}

/** Runs `program` (the native binary, or node with the npm bin) in `dir` on `args`. */
function run(dir, program, args) {
  const [command, prefix] = program === "native" ? [NATIVE, []] : [process.execPath, [BIN]];
  const result = spawnSync(command, [...prefix, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding a copy of `path`, under its own name. */
function copyOf(path) {
  const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-fix-"));
  copyFileSync(path, join(dir, basename(path)));
  return dir;
}

let fixedSomething = 0;
for (const { path, name } of sampleFiles()) {
  test(`check --fix on ${name}: native and npm alike`, () => {
    const file = basename(path);
    const original = readFileSync(path, "utf8");
    const results = {};
    for (const program of ["native", "npm"]) {
      const dir = copyOf(path);
      results[program] = { ...run(dir, program, ["check", "--fix", file]), text: readFileSync(join(dir, file), "utf8") };
      const dry = copyOf(path);
      results[`${program} dry`] = { ...run(dry, program, ["check", "--fix", "--dry-run", file]), text: readFileSync(join(dry, file), "utf8") };
    }
    assert.deepEqual(results.npm, results.native, "--fix");
    assert.deepEqual(results["npm dry"], results["native dry"], "--fix --dry-run");
    assert.equal(results["native dry"].text, original, "a dry run writes nothing");
    if (results.native.text !== original) {
      fixedSomething += 1;
      assert.match(results["native dry"].stdout, new RegExp(`^--- a/${file.replace(/\./g, "\\.")}\\n\\+\\+\\+ b/`), "the dry run prints a unified diff");
    }
  });
}

test("some fixtures were changed by --fix", () => {
  assert.ok(fixedSomething >= 10, `${fixedSomething} fixtures changed`);
});
