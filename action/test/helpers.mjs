// Helpers for the action's tests: temporary git repositories, and action/run.mjs run in one as
// the action's step runs it, with GITHUB_* variables pointing at temporary files and the package
// built in pkg/ as the one the action ships.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCRIPT = join(REPO, "action", "run.mjs");
export const CASE = join(REPO, "tests", "diff_cases");

export const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

export function git(cwd, ...args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, `git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

export function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export const canary5 = readFileSync(join(CASE, "exposure-change", "before.tfvars"), "utf8");
export const canary50 = readFileSync(join(CASE, "exposure-change", "after.tfvars"), "utf8");
export const staging = readFileSync(join(CASE, "hcl-vs-json", "after.tfvars.json"), "utf8");

/**
 * A repository whose `main` has the first commit and whose checked-out `feature` branch has the
 * second; `origin` is the repository itself, so `origin/main` exists as on a pull request runner.
 */
export function repository() {
  const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-action-"));
  git(dir, "init", "--quiet", "-b", "main");
  write(dir, {
    "envs/prod.tfvars": canary5,
    "envs/staging.tfvars.json": staging,
    "envs/untouched.tfvars": canary5,
    "README.md": "# infra\n",
  });
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "first");
  const first = git(dir, "rev-parse", "HEAD");
  git(dir, "checkout", "--quiet", "-b", "feature");
  write(dir, {
    "envs/prod.tfvars": canary50,
    "envs/staging.tfvars.json": staging.replace('"step_percent": 20', '"step_percent": 33.33'),
    "envs/dev.tfvars": canary5.replace('environment  = "prod"', 'environment  = "dev"'),
    "README.md": "# infra\n\nCanary at 50%.\n",
  });
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "second");
  git(dir, "remote", "add", "origin", dir);
  git(dir, "fetch", "--quiet", "origin");
  return { dir, first };
}

/**
 * Runs the script in `dir` with GitHub's files in a fresh temporary folder. The run's data
 * segment is held to 1 GiB (`ulimit -d`), so a read that does not stop fails at once instead of
 * taking the machine's memory.
 */
export function runAction(dir, env = {}) {
  const github = mkdtempSync(join(tmpdir(), "ecs-rollout-github-"));
  const summaryPath = join(github, "summary.md");
  const outputPath = join(github, "output.txt");
  writeFileSync(summaryPath, "");
  writeFileSync(outputPath, "");
  const result = spawnSync("sh", ["-c", 'ulimit -d 1048576 && exec "$0" "$1"', process.execPath, SCRIPT], {
    cwd: github,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      ...GIT_ENV,
      GITHUB_WORKSPACE: dir,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      RUNNER_TEMP: github,
      ECS_ROLLOUT_PACKAGE: join(REPO, "pkg"),
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputPath, "utf8").trim().split("\n").filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr, summary: readFileSync(summaryPath, "utf8"), outputs };
}
