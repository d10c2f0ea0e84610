// The GitHub Action's script, run as the action runs it: a temporary git repository with two
// commits (the second one changes a canary from 5% to 50%, breaks a JSON file, adds a file and
// touches a README), GITHUB_* variables pointing at temporary files, and the package built in
// pkg/, which the action ships (./helpers.mjs). What a hostile repository tries is in
// ./security.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globToRegExp, listInput } from "../run.mjs";
import { REPO, SCRIPT, canary5, canary50, repository, runAction, write } from "./helpers.mjs";

test("globs match as the inputs document", () => {
  const cases = [
    ["**/*.tfvars", "envs/prod.tfvars", true],
    ["**/*.tfvars", "prod.tfvars", true],
    ["**/*.tfvars", "envs/prod.tfvars.json", false],
    ["envs/*.tfvars", "envs/a/prod.tfvars", false],
    ["envs/?.tfvars", "envs/a.tfvars", true],
    ["a.b/*.tfvars", "axb/x.tfvars", false],
  ];
  for (const [glob, path, expected] of cases) assert.equal(globToRegExp(glob).test(path), expected, `${glob} ${path}`);
  assert.deepEqual(listInput("a\nb c,d\n\n"), ["a", "b", "c", "d"]);
});

test("a pull request: changed files are checked, SARIF written, the diff summarised, the job failed", () => {
  const { dir, first } = repository();
  const result = runAction(dir, { GITHUB_EVENT_NAME: "pull_request", GITHUB_BASE_REF: "main" });
  assert.equal(result.exitCode, 1, result.stderr);
  assert.equal(result.outputs.files, "3");
  assert.ok(Number(result.outputs.errors) >= 1);

  const sarif = JSON.parse(readFileSync(result.outputs["sarif-file"], "utf8"));
  const uris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.has("envs/staging.tfvars.json"), [...uris].join(" "));
  assert.ok(![...uris].some((uri) => uri.includes("untouched")), "unchanged files are not checked");

  assert.match(result.stdout, /^::error file=envs\/staging\.tfvars\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ecs-rollout percent-not-multiple-of-tenth::/m);
  const summary = result.summary;
  const short = first.slice(0, 12);
  assert.ok(summary.includes(`against \`origin/main\` (merge base \`${short}\`)`), summary);
  assert.ok(summary.includes(`### Rollout review: \`${short}:envs/prod.tfvars\` → \`envs/prod.tfvars\``), summary);
  assert.ok(summary.includes("| First exposure | 5% | 50% | first exposure rises from 5% to 50% of production |"), summary);
  assert.ok(summary.includes("```mermaid") && summary.includes("xychart-beta"), summary);
  assert.match(summary, /### Rollout review: `\w{12}:envs\/staging\.tfvars\.json` → `envs\/staging\.tfvars\.json`\n\n\*\*❌ This change adds/);
  assert.ok(summary.includes("### Rollout review: `envs/dev.tfvars` (new file)"), summary);
  assert.ok(!summary.includes("README") && !summary.includes("untouched"), summary);
});

test("the summary's diff is the CLI's markdown for the same two texts under the same names", () => {
  const { dir, first } = repository();
  const result = runAction(dir, { INPUT_BASE_REF: "main", INPUT_FILES: "envs/prod.tfvars" });
  assert.equal(result.exitCode, 0, result.stderr);
  const short = first.slice(0, 12);
  const files = mkdtempSync(join(tmpdir(), "ecs-rollout-bin-"));
  write(files, { [`${short}:envs/prod.tfvars`]: canary5, "envs/prod.tfvars": canary50 });
  const bin = spawnSync(process.execPath, [join(REPO, "pkg", "bin", "ecs-rollout.mjs"), "diff", "--format", "markdown", `${short}:envs/prod.tfvars`, "envs/prod.tfvars"], { cwd: files, encoding: "utf8" });
  assert.equal(bin.status, 0, bin.stderr);
  const section = result.summary.slice(result.summary.indexOf("### Rollout review"));
  assert.equal(section, `${bin.stdout}\n`);
});

test("a push compares with the commit before it; rule levels apply", () => {
  const { dir, first } = repository();
  const event = join(mkdtempSync(join(tmpdir(), "ecs-rollout-event-")), "event.json");
  writeFileSync(event, JSON.stringify({ before: first }));
  const strict = runAction(dir, { GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: event });
  assert.equal(strict.exitCode, 1);
  const relaxed = runAction(dir, {
    GITHUB_EVENT_NAME: "push",
    GITHUB_EVENT_PATH: event,
    INPUT_RULES: "percent-not-multiple-of-tenth=warning\nmissing-required-variable=off",
  });
  assert.equal(relaxed.exitCode, 0, relaxed.stdout);
  assert.equal(relaxed.outputs.errors, "0");
  assert.match(relaxed.stdout, /^::warning file=envs\/staging\.tfvars\.json,/m);
});

test("nothing to check when no matching file changed", () => {
  const { dir } = repository();
  const result = runAction(dir, { INPUT_BASE_REF: "HEAD" });
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.outputs, { files: "0", "sarif-file": "", errors: "0" });
  assert.match(result.summary, /No file matching the inputs changed since `HEAD`/);
});

test("an unknown base checks every matching file and says why nothing is compared", () => {
  const { dir } = repository();
  const result = runAction(dir, { INPUT_BASE_REF: "no-such-branch" });
  assert.equal(result.outputs.files, "4");
  assert.match(result.summary, /The base `no-such-branch` could not be found/);
  assert.ok(!result.summary.includes("→"), "no diff without a base");
});

test("a policy is enforced, and a bad policy file stops the action with exit 2", () => {
  const { dir } = repository();
  write(dir, {
    "policy.json": JSON.stringify({ maxFirstExposurePercent: 10 }),
    "bad-policy.json": JSON.stringify({ maxFirstExposure: 10 }),
  });
  const env = { INPUT_BASE_REF: "main", INPUT_FILES: "envs/prod.tfvars" };
  const enforced = runAction(dir, { ...env, INPUT_POLICY: "policy.json" });
  assert.equal(enforced.exitCode, 1);
  assert.match(enforced.stdout, /policy-violation/);
  assert.ok(existsSync(join(dir, "ecs-rollout.sarif")));
  const bad = runAction(dir, { ...env, INPUT_POLICY: "bad-policy.json", INPUT_SARIF_FILE: "bad.sarif" });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.summary, /ecs-rollout could not run/);
  assert.match(bad.summary, /invalid policy file `bad-policy.json`/);
  assert.ok(!existsSync(join(dir, "bad.sarif")), "no SARIF from a run that could not check");
});

test("action.yml hands every input to the script", () => {
  const yml = readFileSync(join(REPO, "action.yml"), "utf8");
  const inputs = [...yml.slice(yml.indexOf("\ninputs:"), yml.indexOf("\noutputs:")).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
  assert.ok(inputs.length >= 6, inputs.join(" "));
  const script = readFileSync(SCRIPT, "utf8");
  for (const name of inputs) {
    assert.ok(yml.includes(`\${{ inputs.${name} }}`) || yml.includes(`inputs.${name} ==`), `${name} is not used`);
    const variable = `INPUT_${name.toUpperCase().replace(/-/g, "_")}`;
    if (name === "upload-sarif") continue;
    assert.ok(yml.includes(`${variable}: \${{ inputs.${name} }}`), `${name} is not passed as ${variable}`);
    assert.ok(script.includes(variable), `run.mjs does not read ${variable}`);
  }
  assert.match(yml, /node-version: 20/);
  assert.match(yml, /using: composite/);
});
