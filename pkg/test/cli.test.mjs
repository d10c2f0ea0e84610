// The npm `bin`: exit codes and outputs of `npx ecs-rollout`, run as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze, version } from "ecs-rollout";
import { runBin, PKG, REPO } from "./helpers.mjs";

const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-cli-"));
const write = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const clean = write("clean.tfvars", 'environment = "dev"\n');
const broken = write("broken.tfvars", "gateway_config = {\n");

test("the bin is declared in package.json and starts with a node shebang", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  assert.equal(pkg.bin["ecs-rollout"], "./bin/ecs-rollout.mjs");
  assert.match(readFileSync(join(PKG, pkg.bin["ecs-rollout"]), "utf8"), /^#!\/usr\/bin\/env node\n/);
});

test("--help prints usage and exits 0", () => {
  const { exitCode, stdout } = runBin(["--help"]);
  assert.equal(exitCode, 0);
  assert.match(stdout, /Usage: ecs-rollout/);
  for (const command of ["check", "timeline", "compare"]) assert.match(stdout, new RegExp(`\\b${command}\\b`));
});

test("--version prints the package version", () => {
  const { exitCode, stdout } = runBin(["--version"]);
  assert.equal(exitCode, 0);
  assert.match(stdout, new RegExp(version.replaceAll(".", "\\.")));
});

test("an unknown command exits 2 with a message on stderr", () => {
  const { exitCode, stdout, stderr } = runBin(["frobnicate"]);
  assert.equal(exitCode, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /frobnicate/);
});

test("a missing file exits 2 and names it with the native binary's reason", () => {
  const missing = join(dir, "missing.tfvars");
  const { exitCode, stderr } = runBin(["check", missing]);
  assert.equal(exitCode, 2);
  assert.match(stderr, /cannot read/);
  assert.match(stderr, /no such file/);
});

test("a file that is not UTF-8 exits 2 with `not valid UTF-8`", () => {
  const path = join(dir, "latin1.tfvars");
  writeFileSync(path, Buffer.from([0x65, 0x6e, 0x76, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
  const { exitCode, stderr } = runBin(["check", path]);
  assert.equal(exitCode, 2);
  assert.match(stderr, /not valid UTF-8/);
});

test("check: a clean file exits 0, a syntax error exits 1 with a code frame", () => {
  assert.equal(runBin(["check", clean]).exitCode, 0);
  const { exitCode, stdout } = runBin(["check", broken]);
  assert.equal(exitCode, 1);
  assert.match(stdout, /syntax-error/);
  assert.match(stdout, /gateway_config/);
});

test("check --format json prints the same Analysis as analyze()", () => {
  const { exitCode, stdout } = runBin(["check", "--format", "json", broken]);
  assert.equal(exitCode, 1);
  assert.deepEqual(JSON.parse(stdout), analyze(readFileSync(broken, "utf8")));
});

test("check reads standard input for -", () => {
  const { exitCode, stdout } = runBin(["check", "--format", "json", "-"], { input: "gateway_config = {\n" });
  assert.equal(exitCode, 1);
  assert.equal(JSON.parse(stdout).diagnostics[0].code, "syntax-error");
});

test("no colour when stdout is not a terminal", () => {
  const { stdout } = runBin(["check", broken]);
  assert.ok(!stdout.includes("\u001b["), "ANSI escapes in piped output");
});

test("timeline and compare print text and exit 0 on a canary file", () => {
  const canary = write(
    "canary.tfvars",
    [
      "create_lb = true",
      "gateway_deployment_configuration = {",
      "  enable_blue_green = false",
      "  canary_configuration = { canary_percent = 10, canary_bake_time_in_minutes = 5 }",
      "}",
      "",
    ].join("\n"),
  );
  const timeline = runBin(["timeline", canary]);
  assert.equal(timeline.exitCode, 0, timeline.stderr);
  assert.match(timeline.stdout, /CANARY|canary/);
  const comparison = runBin(["compare", canary]);
  assert.equal(comparison.exitCode, 0, comparison.stderr);
  for (const strategy of ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"]) {
    assert.match(comparison.stdout, new RegExp(strategy.replace("_", "[_ /]?"), "i"));
  }
});

test("a directory is read as the native binary reads it: the same .tf files, order and output", () => {
  const native = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
  if (!existsSync(native)) {
    const build = spawnSync("cargo", ["build", "--quiet", "--release"], { cwd: REPO, stdio: "inherit" });
    assert.equal(build.status, 0, "cargo build --release failed");
  }
  // A module with files the listing must leave out or take: another extension, a name that is
  // only an extension, a directory named like a file, a link to a .tf file, and names whose
  // UTF-8 and UTF-16 orders differ.
  const module = mkdtempSync(join(tmpdir(), "ecs-rollout-module-"));
  for (const name of readdirSync(join(REPO, "tests", "cli_files", "terraform-module"))) {
    writeFileSync(join(module, name), readFileSync(join(REPO, "tests", "cli_files", "terraform-module", name)));
  }
  writeFileSync(join(module, "notes.txt"), "not terraform\n");
  writeFileSync(join(module, ".tf"), 'variable "hidden" {}\n');
  mkdirSync(join(module, "dir.tf"));
  symlinkSync(join(module, "locals.tf"), join(module, "linked.tf"));
  writeFileSync(join(module, "\u{ff5e}.tf"), 'variable "wide" {\n  default = 1\n}\n');
  writeFileSync(join(module, "\u{1f600}.tf"), 'variable "emoji" {\n  default = 2\n}\n');
  const empty = mkdtempSync(join(tmpdir(), "ecs-rollout-empty-"));
  for (const args of [
    ["check", module],
    ["check", `${module}/`],
    ["check", "--format", "json", module],
    ["timeline", module],
    ["check", empty],
  ]) {
    const npm = runBin(args);
    const expected = spawnSync(native, args, { encoding: "utf8" });
    assert.equal(npm.stdout, expected.stdout, `stdout of ${args.join(" ")}`);
    assert.equal(npm.stderr, expected.stderr, `stderr of ${args.join(" ")}`);
    assert.equal(npm.exitCode, expected.status, `exit code of ${args.join(" ")}`);
    assert.doesNotMatch(npm.stderr, /cannot read .*: is a directory/);
  }
  const files = JSON.parse(runBin(["check", "--format", "json", module]).stdout).map(({ file }) => file.slice(module.length + 1));
  assert.deepEqual(files, ["linked.tf", "locals.tf", "main.tf", "variables.tf", "\u{ff5e}.tf", "\u{1f600}.tf"]);
});

test("a directory's variable files override its defaults in the npm bin as in the native binary", () => {
  const native = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
  const folder = join(REPO, "tests", "cli_files", "terraform-variable-files");
  for (const args of [["timeline", folder], ["check", "--format", "json", folder]]) {
    const npm = runBin(args);
    const expected = spawnSync(native, args, { encoding: "utf8" });
    assert.equal(npm.stdout, expected.stdout, `stdout of ${args.join(" ")}`);
    assert.equal(npm.exitCode, expected.status, `exit code of ${args.join(" ")}`);
  }
  // terraform.tfvars picks CANARY and 4 tasks; 20-shares.auto.tfvars.json, read last, the 10%.
  const timeline = runBin(["timeline", "--format", "json", folder]);
  assert.equal(timeline.exitCode, 0, timeline.stderr);
  assert.match(timeline.stdout, /"CANARY"/);
  assert.match(runBin(["timeline", folder]).stdout, /CANARY rollout of 4 tasks/);
  assert.match(runBin(["timeline", folder]).stdout, /CANARY_BAKE +10%/);
});
