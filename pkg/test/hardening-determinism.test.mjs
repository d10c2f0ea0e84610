// Determinism (issue 8): for every fixture, the native CLI and the npm package's CLI print
// byte-identical JSON, run after run, and the package's `analyze` returns the same values.
// The native binary is target/release/ecs-rollout (`make test` builds it first; set
// ECS_ROLLOUT_NATIVE to use another build). It is built here when missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { analyze, runCli } from "ecs-rollout";
import { REPO, runBin, sampleFiles } from "./helpers.mjs";

const NATIVE = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
if (!existsSync(NATIVE)) {
  const build = spawnSync("cargo", ["build", "--quiet", "--release"], { cwd: REPO, stdio: "inherit" });
  assert.equal(build.status, 0, "cargo build --release failed");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function native(args) {
  const result = spawnSync(NATIVE, args, { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The package's CLI in this process, reading files as its `bin` does. */
function inProcess(args) {
  return runCli(args, (path) => utf8.decode(readFileSync(join(REPO, path))), false);
}

const fixtures = sampleFiles().filter(({ name }) => name.startsWith("tests/fixtures/"));

test("the fixtures are there", () => {
  assert.ok(fixtures.length >= 50, `${fixtures.length} fixtures`);
});

const COMMANDS = [
  ["check", "--format", "json"],
  ["timeline", "--format", "json"],
  ["timeline", "--format", "json", "--fail-at", "3"],
  ["compare", "--format", "json"],
];

for (const { name, source } of fixtures) {
  test(`${name}: native and npm print byte-identical JSON, run after run`, () => {
    for (const [command, ...flags] of COMMANDS) {
      const args = [command, name, ...flags];
      const first = native(args);
      assert.ok(first.stdout.length > 0 || first.exitCode !== 0, `${args.join(" ")}: no output`);
      assert.deepEqual(native(args), first, `native ${args.join(" ")} differs between runs`);
      const npm = inProcess(args);
      assert.equal(npm.stdout, first.stdout, `npm ${args.join(" ")}: stdout differs from native`);
      assert.equal(npm.stderr, first.stderr, `npm ${args.join(" ")}: stderr differs from native`);
      assert.equal(npm.exitCode, first.exitCode, `npm ${args.join(" ")}: exit code differs from native`);
      assert.deepEqual(inProcess(args), npm, `npm ${args.join(" ")} differs between runs`);
      if (command === "check") {
        const format = name.endsWith(".json") ? "json" : undefined;
        assert.deepEqual(analyze(source, { format }), JSON.parse(first.stdout), "analyze() returns what the CLI prints");
      }
    }
  });
}

test("the npm bin (a separate process, as `npx` runs it) prints what the native binary prints", () => {
  // One spawn per fixture is slow, so the bin checks every fixture at once.
  const names = fixtures.map(({ name }) => name);
  const args = ["check", ...names, "--format", "json"];
  const expected = native(args);
  const actual = runBin(args, { cwd: REPO });
  assert.equal(actual.stdout, expected.stdout);
  assert.equal(actual.stderr, expected.stderr);
  assert.equal(actual.exitCode, expected.exitCode);
});
