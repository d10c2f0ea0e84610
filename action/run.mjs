#!/usr/bin/env node
// The GitHub Action's logic (action.yml runs this with Node 20): checks the .tfvars files a pull
// request or push changes, writes SARIF for code scanning, annotates the problems, writes the
// markdown diff of each changed file against the base to the job summary, and fails on errors.
//
// Everything comes from the environment, as the action's step sets it: INPUT_FILES (globs, one
// per line or separated by spaces), INPUT_POLICY, INPUT_RULES (CODE=LEVEL, same separators),
// INPUT_BASE_REF, INPUT_SARIF_FILE, ECS_ROLLOUT_PACKAGE (the installed npm package's folder) and
// GitHub's own GITHUB_WORKSPACE, GITHUB_BASE_REF, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
// GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. All analysis goes through the package's `runCli`, so the
// action prints what `npx ecs-rollout` prints.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";

const DEFAULT_GLOBS = "**/*.tfvars\n**/*.tfvars.json";
const NO_COMMIT = /^0+$/;

/** A glob (`*` within a folder, `**` across folders, `?` one character) as a RegExp on paths. */
export function globToRegExp(glob) {
  let pattern = "";
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      pattern += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") {
      pattern += "[^/]*";
    } else if (char === "?") {
      pattern += "[^/]";
    } else {
      pattern += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${pattern}$`);
}

/** Items of a multi-line or space-separated input. */
export function listInput(text) {
  return (text ?? "").split(/[\s,]+/).filter(Boolean);
}

function git(cwd, args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

function commitOf(cwd, ref) {
  const result = git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.ok ? result.stdout.trim() : null;
}

/** The ref to compare with: the input, else the pull request's base branch, else the push's `before`. */
function baseRef(env) {
  if (env.INPUT_BASE_REF) return env.INPUT_BASE_REF;
  if (env.GITHUB_BASE_REF) return `origin/${env.GITHUB_BASE_REF}`;
  if (env.GITHUB_EVENT_NAME === "push" && env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) {
    const before = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")).before;
    if (typeof before === "string" && !NO_COMMIT.test(before)) return before;
  }
  return "HEAD^";
}

/** The base's commit, fetching it once when a shallow checkout lacks it; null when there is none. */
function resolveBase(cwd, ref) {
  let commit = commitOf(cwd, ref);
  if (!commit && git(cwd, ["remote"]).stdout.split("\n").includes("origin")) {
    git(cwd, ["fetch", "--no-tags", "--quiet", "origin", ref.replace(/^origin\//, "")]);
    commit = commitOf(cwd, ref) ?? commitOf(cwd, "FETCH_HEAD");
  }
  if (!commit) return null;
  const mergeBase = git(cwd, ["merge-base", commit, "HEAD"]);
  return mergeBase.ok ? mergeBase.stdout.trim() : commit;
}

/** Paths (relative, with `/`) changed between `base` and HEAD, or every tracked file without a base. */
function candidateFiles(cwd, base) {
  const args = base
    ? ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMT", base, "HEAD"]
    : ["ls-files", "-z"];
  const result = git(cwd, args);
  if (!result.ok) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.split("\0").filter(Boolean);
}

/** A workflow command's message or property, escaped as the runner expects. */
function escapeCommand(text, property = false) {
  let escaped = String(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  if (property) escaped = escaped.replace(/:/g, "%3A").replace(/,/g, "%2C");
  return escaped;
}

/** One `::error`/`::warning`/`::notice` line per diagnostic of `check --format json`. */
function annotations(files, checkJson) {
  const entries = files.length === 1 ? [{ file: files[0], analysis: checkJson }] : checkJson;
  const level = { error: "error", warning: "warning", info: "notice" };
  const lines = [];
  for (const { file, analysis } of entries) {
    for (const d of analysis.diagnostics) {
      const where = [`file=${escapeCommand(file, true)}`];
      if (d.range) {
        where.push(`line=${d.range.start.line}`, `col=${d.range.start.column}`);
        where.push(`endLine=${d.range.end.line}`, `endColumn=${d.range.end.column}`);
      }
      where.push(`title=${escapeCommand(`ecs-rollout ${d.code}`, true)}`);
      lines.push(`::${level[d.severity]} ${where.join(",")}::${escapeCommand(d.message)}`);
    }
  }
  return lines;
}

/** The section of the job summary for a file the base does not have. */
function newFileSection(file, analysis) {
  const count = (severity) => analysis.diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const timeline = analysis.timeline;
  const rollout = timeline
    ? `its rollout takes ${timeline.totalMinutes} minutes (\`ecs-rollout timeline ${file}\` shows it)`
    : "its rollout cannot be simulated";
  return `### Rollout review: \`${file}\` (new file)\n\n` +
    `**${count("error") ? "❌" : "✅"} ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}**: ${rollout}\n\n`;
}

/** Runs the action; returns its exit code. `env` is the process environment. */
export function run(env, log = console.log) {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const pkgDir = env.ECS_ROLLOUT_PACKAGE;
  if (!pkgDir) throw new Error("ECS_ROLLOUT_PACKAGE must name the installed ecs-rollout package");
  const { runCli } = createRequire(import.meta.url)(join(pkgDir, "index.cjs"));

  const globs = listInput(env.INPUT_FILES || DEFAULT_GLOBS).map(globToRegExp);
  const options = listInput(env.INPUT_RULES).flatMap((rule) => ["--rule", rule]);
  if (env.INPUT_POLICY) options.push("--policy", env.INPUT_POLICY);
  const sarifFile = env.INPUT_SARIF_FILE || "ecs-rollout.sarif";
  const sarifPath = isAbsolute(sarifFile) ? sarifFile : join(cwd, sarifFile);

  const ref = baseRef(env);
  const base = resolveBase(cwd, ref);
  const files = candidateFiles(cwd, base).filter((file) => globs.some((glob) => glob.test(file)));
  const output = (name, value) => env.GITHUB_OUTPUT && appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  const summary = (text) => env.GITHUB_STEP_SUMMARY && appendFileSync(env.GITHUB_STEP_SUMMARY, text);

  const baseText = base ? `\`${ref}\` (merge base \`${base.slice(0, 12)}\`)` : null;
  summary("## ecs-rollout\n\n");
  if (!base) {
    summary(`The base \`${ref}\` could not be found (check out with \`fetch-depth: 0\`), so every matching file is checked and none is compared.\n\n`);
  }
  output("files", files.length);
  if (files.length === 0) {
    log(`ecs-rollout: no changed file matches ${listInput(env.INPUT_FILES || DEFAULT_GLOBS).join(", ")}`);
    summary(`No file matching the inputs changed${baseText ? ` since ${baseText}` : ""}.\n`);
    output("sarif-file", "");
    output("errors", 0);
    return 0;
  }

  // The base side of a diff is named as git names it, `COMMIT:PATH` (with the short commit), and
  // read with `git show`.
  const baseLabel = base ? base.slice(0, 12) : null;
  const readFile = (path) => {
    if (baseLabel && path.startsWith(`${baseLabel}:`)) {
      const shown = git(cwd, ["show", `${base}${path.slice(baseLabel.length)}`]);
      if (!shown.ok) throw new Error(shown.stderr.trim() || "not in the base");
      return shown.stdout;
    }
    try {
      return readFileSync(isAbsolute(path) ? path : join(cwd, path), "utf8");
    } catch (error) {
      throw new Error(error.code === "ENOENT" ? "no such file" : error.message);
    }
  };

  const human = runCli(["check", ...options, ...files], readFile, false);
  log(human.stdout + human.stderr);
  if (human.exitCode === 2) {
    summary(`ecs-rollout could not run:\n\n\`\`\`\n${human.stderr}\`\`\`\n`);
    return 2;
  }
  const sarif = runCli(["check", "--format", "sarif", ...options, ...files], readFile, false);
  writeFileSync(sarifPath, sarif.stdout);
  output("sarif-file", sarifPath);
  const checked = JSON.parse(runCli(["check", "--format", "json", ...options, ...files], readFile, false).stdout);
  for (const line of annotations(files, checked)) log(line);
  const analyses = files.length === 1 ? [checked] : checked.map((entry) => entry.analysis);
  const errors = analyses.flatMap((a) => a.diagnostics).filter((d) => d.severity === "error").length;
  output("errors", errors);

  summary(`Checked ${files.length === 1 ? "1 changed file" : `${files.length} changed files`}` +
    `${baseText ? ` against ${baseText}` : ""}: ${errors === 1 ? "1 error" : `${errors} errors`}.\n\n`);
  files.forEach((file, i) => {
    const inBase = base && git(cwd, ["cat-file", "-e", `${base}:${file}`]).ok;
    if (!inBase) {
      summary(newFileSection(file, analyses[i]));
      return;
    }
    const diff = runCli(["diff", "--format", "markdown", ...options, `${baseLabel}:${file}`, file], readFile, false);
    summary(`${diff.stdout}\n`);
  });
  return human.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = run(process.env);
  } catch (error) {
    console.error(`ecs-rollout action: ${error.message}`);
    process.exitCode = 2;
  }
}
