#!/usr/bin/env node
// The GitHub Action's logic (action.yml runs this with Node 20): checks the .tfvars files a pull
// request or push changes, writes SARIF for code scanning, annotates the problems, writes the
// markdown diff of each changed file against the base to the job summary, and fails on errors.
//
// Everything comes from the environment, as the action's step sets it: INPUT_FILES (globs, one
// per line or separated by spaces), INPUT_POLICY, INPUT_RULES (CODE=LEVEL, same separators),
// INPUT_BASE_REF, INPUT_SARIF_FILE, ECS_ROLLOUT_PACKAGE (the package shipped in the action's own
// checkout, `$GITHUB_ACTION_PATH/pkg`) and GitHub's own GITHUB_WORKSPACE, GITHUB_BASE_REF,
// GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP. All
// analysis goes through the package's `runCli`, so the action prints what `npx ecs-rollout`
// prints.
//
// Whatever the repository holds is an attacker's text here: a pull request chooses file names,
// keys, values and symbolic links. So file names reach `runCli` after `--`; refs reach git after
// validation and `--end-of-options`; files are read only inside the workspace and never past the
// core's size limit; the SARIF report replaces its target instead of writing through a link; and
// repository text reaches the log with workflow commands neutralised and the job summary only
// where it cannot render as markup.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync, closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync,
  realpathSync, renameSync, rmSync, writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const DEFAULT_GLOBS = "**/*.tfvars\n**/*.tfvars.json";
const NO_COMMIT = /^0+$/;
const OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

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
  return new RegExp(`^${pattern}$`, "s");
}

/** Items of a multi-line or space-separated input. */
export function listInput(text) {
  return (text ?? "").split(/[\s,]+/).filter(Boolean);
}

// ---- Text from the repository, made safe for where it is printed ------------------------------

/** A workflow command's message (`escapeData` in actions/toolkit). */
export function escapeData(text) {
  return String(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value (`escapeProperty` in actions/toolkit). */
export function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Text for the job's log in which no line is a workflow command. The runner reads its output by
 * lines (ending at `\n` or `\r`), takes a line whose start, after any white space, is `::` as a
 * command, and takes `##[` anywhere in a line as the older form of one. So each `\r` is written
 * `%0D`, a line's leading `::` becomes `%3A:`, and `##[` becomes `#%23[`; the reader still sees
 * what was meant.
 */
export function logSafe(text) {
  return String(text)
    .split("\n")
    .map((line) => line
      .replace(/\r/g, "%0D")
      .replace(/^([\s\u0085\u200b\ufeff]*):/, "$1%3A")
      .replace(/##\[/g, "#%23["))
    .join("\n");
}

/**
 * A file name as the log and the job summary show it: `%`, the backtick, and every control or
 * line-separating character percent-encoded, so it stays on its line and inside a code span.
 */
export function displayName(file) {
  return file.replace(/[%`\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, (char) => {
    const hex = char.codePointAt(0).toString(16).toUpperCase();
    return `%${hex.padStart(2, "0")}`;
  });
}

/** The longest run of backticks in `text`. */
function longestBacktickRun(text) {
  return Math.max(0, ...[...String(text).matchAll(/`+/g)].map((match) => match[0].length));
}

/** `text` as a markdown code span on one line, which nothing inside it can close. */
export function codeSpan(text) {
  const flat = String(text).replace(/[\r\n\u2028\u2029]+/g, " ");
  const fence = "`".repeat(longestBacktickRun(flat) + 1);
  // CommonMark drops one space at each end when both are there, so a backtick or a space at an
  // end is kept apart from the fence by one.
  const pad = /^[` ]|[` ]$/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `text` as a markdown code block, fenced with more backticks than any run inside it. */
export function codeBlock(text, info = "") {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}\n`;
}

/**
 * The code spans of one markdown line as CommonMark finds them (a run of backticks opens a span
 * that the next run of the same length closes; a run with no such partner is literal) and the
 * text outside them, with every unpaired run left in it.
 */
function outsideCodeSpans(line) {
  const runs = [...line.matchAll(/`+/g)];
  let outside = "";
  let from = 0;
  for (let i = 0; i < runs.length; i += 1) {
    const partner = runs.findIndex((run, j) => j > i && run[0].length === runs[i][0].length);
    if (partner < 0) continue;
    outside += line.slice(from, runs[i].index);
    from = runs[partner].index + runs[partner][0].length;
    i = partner;
  }
  return outside + line.slice(from);
}

const MERMAID_LINES = [
  /^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "[#0-9a-fA-F, ]*"\}\}\}\}%%$/,
  /^xychart-beta$/,
  /^ {4}x-axis "minutes" 0 --> [0-9.]+$/,
  /^ {4}y-axis "% of production" 0 --> 100$/,
  /^ {4}line \[[0-9., ]*\]$/,
];
const LINE_STARTS = ["### Rollout review: ", "**", "- ", "| ", "|---"];

/**
 * Whether the markdown `diff --format markdown` printed can go into the job summary as markdown:
 * every line has one of the shapes the renderer writes, and whatever text the repository put in
 * it is inside a code span or can render as no link, image, HTML, heading or block. The chart
 * must be the renderer's own Mermaid lines, word for word but for its numbers and colours.
 */
export function isInertMarkdown(markdown) {
  let inChart = false;
  for (const line of markdown.replace(/\n$/, "").split("\n")) {
    if (inChart) {
      if (line === "```") inChart = false;
      else if (!MERMAID_LINES.some((shape) => shape.test(line))) return false;
      continue;
    }
    if (line === "```mermaid") {
      inChart = true;
      continue;
    }
    if (line !== "" && !LINE_STARTS.some((start) => line.startsWith(start))) return false;
    if (/[\r\u2028\u2029]|\\`/.test(line)) return false;
    const outside = outsideCodeSpans(line).replace(/\\\|/g, "");
    if (/[`<>[\]\\]|:\/\/|www\./i.test(outside)) return false;
  }
  return !inChart;
}

// ---- git ---------------------------------------------------------------------------------------

function git(cwd, args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/**
 * Whether `ref` may be handed to git as the base: a full object name, or a name that
 * `git check-ref-format --allow-onelevel` accepts and that cannot be read as an option or a
 * forced refspec (no leading `-` or `+`).
 */
export function isValidRef(ref) {
  if (typeof ref !== "string" || ref === "" || /^[-+]/.test(ref)) return false;
  if (OBJECT_NAME.test(ref)) return true;
  return spawnSync("git", ["check-ref-format", "--allow-onelevel", ref], { stdio: "ignore" }).status === 0;
}

function commitOf(cwd, ref) {
  const result = git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
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
  return null;
}

/** The base's commit, fetching it once when a shallow checkout lacks it; null when there is none. */
function resolveBase(cwd, ref) {
  let commit = ref ? commitOf(cwd, ref) : commitOf(cwd, "HEAD^");
  if (ref && !commit && git(cwd, ["remote"]).stdout.split("\n").includes("origin")) {
    git(cwd, ["fetch", "--no-tags", "--quiet", "--end-of-options", "origin", ref.replace(/^origin\//, "")]);
    commit = commitOf(cwd, ref) ?? commitOf(cwd, "FETCH_HEAD");
  }
  if (!commit || !OBJECT_NAME.test(commit)) return null;
  const mergeBase = git(cwd, ["merge-base", commit, "HEAD"]);
  const base = mergeBase.ok ? mergeBase.stdout.trim() : commit;
  return OBJECT_NAME.test(base) ? base : null;
}

/** Paths (relative, with `/`) changed between `base` and HEAD, or every tracked file without a base. */
function candidateFiles(cwd, base) {
  const args = base
    ? ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMT", base, "HEAD", "--"]
    : ["ls-files", "-z", "--"];
  const result = git(cwd, args);
  if (!result.ok) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.split("\0").filter(Boolean);
}

/** A file of the base commit, read with the same limit as the working tree's files. */
function readBlob(cwd, base, file, limit) {
  const result = spawnSync("git", ["cat-file", "blob", `${base}:${file}`], { cwd, maxBuffer: limit });
  if (result.error && result.error.code !== "ENOBUFS") throw result.error;
  if (!result.error && result.status !== 0) throw new Error("not in the base");
  // Node stops git after the chunk that crosses `maxBuffer`, so a little more may have arrived.
  return result.stdout.subarray(0, limit);
}

// ---- Files in the workspace --------------------------------------------------------------------

/** Whether the real path `path` is `root` or inside it. */
function isInside(root, path) {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Reads `path` (absolute) as the package's `bin` reads a file, and only if its real path, after
 * every symbolic link, stays inside one of `roots` and outside the workspace's `.git` folder: a
 * link to a secret, to /dev/zero or to `.git/config` (where actions/checkout keeps its token) is
 * refused, and so is anything but a regular file.
 */
function readInside(reader, roots, workspace, path) {
  let real;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw new Error(reader.reasonOf(error));
  }
  if (!roots.some((root) => isInside(root, real))) throw new Error("outside the workspace once symbolic links are followed");
  if (isInside(join(workspace, ".git"), real)) throw new Error("inside the repository's .git folder");
  let fd;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(reader.reasonOf(error));
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    return reader.decodeBounded(reader.readBoundedFd(fd));
  } catch (error) {
    throw new Error(error.code ? reader.reasonOf(error) : error.message);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to `path` without following a link: into a new file in the same folder, renamed
 * over the target. Refused when the target is a symbolic link or not a regular file, or when its
 * folder is not, after links, inside one of `roots`.
 */
function writeReplacing(path, text, roots) {
  const folder = realpathSync(dirname(path));
  if (!roots.some((root) => isInside(root, folder))) {
    throw new Error(`${codeSpan(path)} is outside the workspace and the runner's temporary folder`);
  }
  const target = join(folder, basename(path));
  let existing = null;
  try {
    existing = lstatSync(target);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  if (existing && !existing.isFile()) {
    throw new Error(`${codeSpan(path)} is ${existing.isSymbolicLink() ? "a symbolic link" : "not a regular file"}, so it is not written`);
  }
  const temporary = join(folder, `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  writeFileSync(temporary, text, { flag: "wx", mode: 0o644 });
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return target;
}

// ---- Reports -----------------------------------------------------------------------------------

/** One `::error`/`::warning`/`::notice` line per diagnostic of `check --format json`. */
function annotations(files, checkJson) {
  const entries = files.length === 1 ? [{ file: files[0], analysis: checkJson }] : checkJson;
  const level = { error: "error", warning: "warning", info: "notice" };
  const lines = [];
  for (const { file, analysis } of entries) {
    for (const d of analysis.diagnostics) {
      const where = [`file=${escapeProperty(file)}`];
      if (d.range) {
        where.push(`line=${d.range.start.line}`, `col=${d.range.start.column}`);
        where.push(`endLine=${d.range.end.line}`, `endColumn=${d.range.end.column}`);
      }
      where.push(`title=${escapeProperty(`ecs-rollout ${d.code}`)}`);
      // The runner takes `##[` anywhere in a line as a command of the older form.
      const message = escapeData(d.message).replace(/##\[/g, "#%23[");
      lines.push(`::${level[d.severity]} ${where.join(",")}::${message}`);
    }
  }
  return lines;
}

/** The section of the job summary for a file the base does not have. */
function newFileSection(name, analysis) {
  const count = (severity) => analysis.diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const timeline = analysis.timeline;
  const rollout = timeline
    ? `its rollout takes ${timeline.totalMinutes} minutes (${codeSpan(`ecs-rollout timeline ${name}`)} shows it)`
    : "its rollout cannot be simulated";
  return `### Rollout review: ${codeSpan(name)} (new file)\n\n` +
    `**${count("error") ? "❌" : "✅"} ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}**: ${rollout}\n\n`;
}

/** The section of the job summary for a changed file: the CLI's markdown, or that as text. */
function diffSection(name, markdown) {
  if (isInertMarkdown(markdown)) return `${markdown}\n`;
  return `### Rollout review: ${codeSpan(name)}\n\n` +
    "This file's report quotes text that could render as markup here, so it is shown as written:\n\n" +
    `${codeBlock(markdown, "text")}\n`;
}

/** Runs the action; returns its exit code. `env` is the process environment. */
export async function run(env, log = console.log) {
  const say = (text) => log(logSafe(text));
  const workspace = realpathSync(env.GITHUB_WORKSPACE || process.cwd());
  const roots = [workspace, ...(env.RUNNER_TEMP && existsSync(env.RUNNER_TEMP) ? [realpathSync(env.RUNNER_TEMP)] : [])];
  const pkgDir = env.ECS_ROLLOUT_PACKAGE;
  if (!pkgDir) throw new Error("ECS_ROLLOUT_PACKAGE must name the ecs-rollout package shipped with the action");
  if (!existsSync(join(pkgDir, "dist", "node", "ecs_rollout_bg.wasm"))) {
    throw new Error(`${pkgDir} holds no built package: use the action from a release tag, whose commit ships pkg/dist/`);
  }
  const { runCli } = createRequire(import.meta.url)(join(pkgDir, "index.cjs"));
  const reader = await import(pathToFileURL(join(pkgDir, "bin", "read.mjs")).href);

  const globs = listInput(env.INPUT_FILES || DEFAULT_GLOBS).map(globToRegExp);
  const options = listInput(env.INPUT_RULES).flatMap((rule) => ["--rule", rule]);
  if (env.INPUT_POLICY) options.push(`--policy=${env.INPUT_POLICY}`);
  const sarifFile = env.INPUT_SARIF_FILE || "ecs-rollout.sarif";
  if (/[\r\n]/.test(sarifFile)) throw new Error("sarif-file must be one line");
  const sarifPath = isAbsolute(sarifFile) ? sarifFile : join(workspace, sarifFile);

  const ref = baseRef(env);
  if (ref !== null && !isValidRef(ref)) {
    say(`ecs-rollout: the base ${JSON.stringify(ref)} is not a valid git ref or commit`);
    throw new Error("base-ref must be a branch, tag or full commit name that does not start with `-`");
  }
  const refText = ref ?? "HEAD^";
  const base = resolveBase(workspace, ref);
  const files = candidateFiles(workspace, base).filter((file) => globs.some((glob) => glob.test(file)));
  const output = (name, value) => env.GITHUB_OUTPUT && appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  const summary = (text) => env.GITHUB_STEP_SUMMARY && appendFileSync(env.GITHUB_STEP_SUMMARY, text);

  const baseText = base ? `${codeSpan(refText)} (merge base ${codeSpan(base.slice(0, 12))})` : null;
  summary("## ecs-rollout\n\n");
  if (!base) {
    summary(`The base ${codeSpan(refText)} could not be found (check out with ${codeSpan("fetch-depth: 0")}), so every matching file is checked and none is compared.\n\n`);
  }
  output("files", files.length);
  if (files.length === 0) {
    say(`ecs-rollout: no changed file matches ${listInput(env.INPUT_FILES || DEFAULT_GLOBS).join(", ")}`);
    summary(`No file matching the inputs changed${baseText ? ` since ${baseText}` : ""}.\n`);
    output("sarif-file", "");
    output("errors", 0);
    return 0;
  }

  // Each run of `runCli` reads through its own table of the names it was given: the file's own
  // path for SARIF and JSON (whose formats escape it), its display name for the log and the
  // summary, and for a diff's base side the display name after the base's short commit, read
  // from git. The policy is read as given, from the workspace or the runner's temporary folder.
  const limit = reader.MAX_INPUT_BYTES + 1;
  const baseLabel = base ? base.slice(0, 12) : null;
  const names = files.map(displayName);
  const readerFor = (table) => (path) => {
    if (env.INPUT_POLICY && path === env.INPUT_POLICY) return readInside(reader, roots, workspace, resolve(workspace, path));
    const source = table.get(path);
    if (!source) throw new Error("no such file");
    if (source.blob) return reader.decodeBounded(readBlob(workspace, base, source.blob, limit));
    return readInside(reader, [workspace], workspace, join(workspace, source.file));
  };
  const byFile = readerFor(new Map(files.map((file) => [file, { file }])));
  const byName = readerFor(new Map(files.flatMap((file, i) => [
    [names[i], { file }],
    ...(baseLabel ? [[`${baseLabel}:${names[i]}`, { blob: file }]] : []),
  ])));

  const human = runCli(["check", ...options, "--", ...names], byName, false);
  say(human.stdout + human.stderr);
  if (human.exitCode === 2) {
    summary(`ecs-rollout could not run:\n\n${codeBlock(human.stderr)}`);
    return 2;
  }
  const sarif = runCli(["check", "--format", "sarif", ...options, "--", ...files], byFile, false);
  const written = writeReplacing(sarifPath, sarif.stdout, roots);
  output("sarif-file", written);
  const checked = JSON.parse(runCli(["check", "--format", "json", ...options, "--", ...files], byFile, false).stdout);
  for (const line of annotations(files, checked)) log(line);
  const analyses = files.length === 1 ? [checked] : checked.map((entry) => entry.analysis);
  const errors = analyses.flatMap((a) => a.diagnostics).filter((d) => d.severity === "error").length;
  output("errors", errors);

  summary(`Checked ${files.length === 1 ? "1 changed file" : `${files.length} changed files`}` +
    `${baseText ? ` against ${baseText}` : ""}: ${errors === 1 ? "1 error" : `${errors} errors`}.\n\n`);
  files.forEach((file, i) => {
    const inBase = base && git(workspace, ["cat-file", "-e", `${base}:${file}`]).ok;
    if (!inBase) {
      summary(newFileSection(names[i], analyses[i]));
      return;
    }
    const diff = runCli(["diff", "--format", "markdown", ...options, "--", `${baseLabel}:${names[i]}`, names[i]], byName, false);
    summary(diffSection(names[i], diff.stdout));
  });
  return human.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = await run(process.env);
  } catch (error) {
    console.error(logSafe(`ecs-rollout action: ${error.message}`));
    process.exitCode = 2;
  }
}
