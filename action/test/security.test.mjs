// What a pull request can put in a repository to turn the action against its users, each case in
// a temporary git repository as ./run.test.mjs builds them: file names that look like options,
// keys and names that hold workflow commands or markup, symbolic links out of the workspace or
// to endless devices, a SARIF target that is a link, a base ref that is a git option, and an
// action.yml that would install code at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codeSpan, displayName, escapeProperty, isInertMarkdown, isValidRef, logSafe } from "../run.mjs";
import { GIT_ENV, REPO, canary5, canary50, git, runAction, staging, write } from "./helpers.mjs";

const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * A repository inside a fresh folder (so that `../` from the repository is that folder, not the
 * shared temporary one) whose `main` holds `base` and whose checked-out `feature` adds `change`.
 * `links` maps a path in the repository to a symbolic link's target. Returns the repository and
 * its enclosing folder.
 */
function hostileRepository({ base = {}, change = {}, links = {} }) {
  const outside = mkdtempSync(join(tmpdir(), "ecs-rollout-hostile-"));
  const dir = join(outside, "repo");
  mkdirSync(dir);
  git(dir, "init", "--quiet", "-b", "main");
  write(dir, { "README.md": "# infra\n", ...base });
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "base");
  git(dir, "checkout", "--quiet", "-b", "feature");
  write(dir, change);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "change");
  return { dir, outside };
}

/** Lines as the runner reads the job's output: ending at `\n`, `\r\n` or `\r`. */
function runnerLines(text) {
  return text.split(/\r\n|\r|\n/);
}

/** The lines of `log` the runner would take as workflow commands, in either form. */
function workflowCommands(log) {
  return runnerLines(log).filter((line) => /^[\s\u0085\u200b\ufeff]*::/.test(line) || line.includes("##["));
}

/** An annotation the action itself writes: a level, escaped properties, an escaped message. */
const ANNOTATION = /^::(?:error|warning|notice) file=[^,:\r\n]+(?:,(?:line|col|endLine|endColumn)=\d+)*,title=ecs-rollout [a-z-]+::[^\r\n]*$/;

/**
 * `markdown` without its fenced code blocks and code spans, found by CommonMark's rules: a fence
 * of three or more backticks ends at a line of at least as many, and a span's opening run of
 * backticks ends at the next run of the same length.
 */
function outsideCode(markdown) {
  const prose = [];
  let fence = null;
  for (const line of markdown.split("\n")) {
    const run = /^ {0,3}(`{3,})/.exec(line);
    if (fence) {
      if (run && run[1].length >= fence && line.trim() === run[1]) fence = null;
      continue;
    }
    if (run) {
      fence = run[1].length;
      continue;
    }
    prose.push(line);
  }
  return prose.join("\n").replace(/(`+)([^`]|(?!\1)`+)*?\1(?!`)/g, "");
}

test("file names are never options: a file cannot replace the policy or the output format", () => {
  const { dir } = hostileRepository({
    base: { "envs/prod.tfvars": canary5, "policy.json": JSON.stringify({ maxFirstExposurePercent: 10 }) },
    change: {
      "envs/prod.tfvars": canary50,
      "--policy=a.tfvars.json": staging,
      "a.tfvars.json": "{}",
      "--format=json.tfvars": canary5,
    },
  });
  const result = runAction(dir, { INPUT_BASE_REF: "main", INPUT_POLICY: "policy.json" });
  assert.equal(result.exitCode, 1, result.stdout + result.stderr);
  assert.equal(result.outputs.files, "4");
  assert.match(result.stdout, /policy-violation/, "the organisation's policy still applies");
  assert.match(result.stdout, /--> --format=json\.tfvars:/, "the file is checked as a file");
  assert.match(result.stdout, /--> --policy=a\.tfvars\.json:/);
});

test("keys and file names holding line breaks and workflow commands reach the log as text", () => {
  const keys = JSON.parse(staging);
  keys["k\n::warning::pwned-by-key"] = 1;
  keys["s\r::stop-commands::pwnedtoken"] = 2;
  keys["v ##[warning]pwned-by-old-form"] = 3;
  const { dir } = hostileRepository({
    change: {
      "envs/keys.tfvars.json": JSON.stringify(keys, null, 2),
      "envs/n\n::warning::pwned-by-name.tfvars": canary5,
      "envs/a,b:c.tfvars": canary5,
    },
  });
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.outputs.files, "3");
  const log = result.stdout + result.stderr;
  const commands = workflowCommands(log);
  assert.ok(commands.length >= 3, log);
  for (const line of commands) assert.match(line, ANNOTATION);
  assert.ok(log.includes("%3A:warning::pwned-by-key"), "the key is shown, escaped");
  assert.ok(log.includes("#%23[warning]pwned-by-old-form"));
  assert.ok(log.includes("--> envs/n%0A::warning::pwned-by-name.tfvars:"), log);
  assert.ok(log.includes("::warning file=envs/n%0A%3A%3Awarning%3A%3Apwned-by-name.tfvars,"), log);
  assert.ok(log.includes("file=envs/a%2Cb%3Ac.tfvars,"), log);
});

test("the log's and the annotations' escaping, piece by piece", () => {
  assert.equal(logSafe("a\n::warning::x\n  ::error::y\r::debug::z"), "a\n%3A:warning::x\n  %3A:error::y%0D::debug::z");
  assert.equal(logSafe("\u00a0::x ##[group]g"), "\u00a0%3A:x #%23[group]g");
  assert.equal(logSafe("error[code]: `a:b` at x:1:2"), "error[code]: `a:b` at x:1:2");
  assert.equal(escapeProperty("50%,\r\n:"), "50%25%2C%0D%0A%3A");
  assert.equal(displayName("a%b`c\n\r\td\u2028e\u0085.tfvars"), "a%25b%60c%0A%0D%09d%2028e%85.tfvars");
  assert.equal(displayName("envs/prod.tfvars"), "envs/prod.tfvars");
  assert.equal(codeSpan("a``b"), "```a``b```");
  assert.equal(codeSpan("`x"), "`` `x ``");
});

test("keys and file names holding markup do not render in the job summary", () => {
  const before = JSON.parse(staging);
  const breakout = { ...before, ["x` <img src=https://example.com/p.png> [click](https://example.com) </details> `y"]: 1 };
  const quoted = { ...before, ["<img src=https://example.com/q.png> [click](https://example.com) </details>"]: 1 };
  const name = "envs/x\n# Heading ![i](https://example.com/i.png)\n```mermaid\n%%{init: {\"theme\": \"dark\"}}%%\n.tfvars";
  const { dir } = hostileRepository({
    base: { "envs/breakout.tfvars.json": staging, "envs/quoted.tfvars.json": staging },
    change: {
      "envs/breakout.tfvars.json": JSON.stringify(breakout, null, 2),
      "envs/quoted.tfvars.json": JSON.stringify(quoted, null, 2),
      [name]: canary5,
    },
  });
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.outputs.files, "3", result.stdout + result.stderr);
  const summary = result.summary;
  const prose = outsideCode(summary);
  const markup = /<img|<\/details>|\]\(|!\[|%%\{init|https:/.exec(prose);
  assert.equal(markup, null, prose.slice(Math.max(0, (markup?.index ?? 0) - 200), (markup?.index ?? 0) + 200));
  for (const line of summary.split("\n").filter((text) => /^ {0,3}#/.test(text))) {
    assert.match(line, /^(## ecs-rollout|### Rollout review: )/);
  }
  const charts = summary.split("\n").flatMap((line, i, lines) => (line === "```mermaid" ? [lines[i + 1]] : []));
  assert.ok(charts.length >= 1);
  for (const init of charts) assert.match(init, /^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#868e96, #e8590c"\}\}\}\}%%$/);
  // git keeps one slash of `//`, so the name is a path three folders deep.
  const shown = "envs/x%0A# Heading ![i](https:/example.com/i.png)%0A%60%60%60mermaid%0A%25%25{init: {\"theme\": \"dark\"}}%25%25%0A.tfvars";
  assert.ok(summary.includes(`### Rollout review: \`${shown}\` (new file)`), summary);
  assert.ok(summary.includes("### Rollout review: `envs/breakout.tfvars.json`\n\nThis file's report quotes text"), summary);
  assert.ok(summary.includes("`<img src=https://example.com/q.png> [click](https://example.com) </details>` is not a variable"), "a key inside its code span stays markdown");
});

test("markdown is taken as it is only in the shapes the renderer writes", () => {
  const diffCases = join(REPO, "tests", "diff_cases");
  const samples = spawnSync("ls", [diffCases], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  assert.ok(samples.length >= 5);
  for (const sample of samples) {
    const files = spawnSync("ls", [join(diffCases, sample)], { encoding: "utf8" }).stdout.split("\n");
    const before = files.find((file) => file.startsWith("before."));
    const after = files.find((file) => file.startsWith("after."));
    const bin = spawnSync(process.execPath, [join(REPO, "pkg", "bin", "ecs-rollout.mjs"), "diff", "--format", "markdown", before, after], { cwd: join(diffCases, sample), encoding: "utf8" });
    assert.ok(bin.stdout.startsWith("### Rollout review"), `${sample}: ${bin.stderr}`);
    assert.ok(isInertMarkdown(bin.stdout), `${sample}'s markdown is refused:\n${bin.stdout}`);
  }
  const inert = "### Rollout review: `a` → `b`\n\n- ⚠️ warning `unknown-variable` at line 2: `<img>` is not a variable\n";
  assert.ok(isInertMarkdown(inert));
  for (const hostile of [
    inert.replace("`<img>`", "`a` <img> `b`"),
    inert.replace("`<img>`", "`a`` <img>"),
    inert.replace("`<img>`", "[click](https://example.com)"),
    inert.replace("`<img>`", "https://example.com"),
    inert.replace("`<img>`", "\\`<img>`"),
    `${inert}# Heading\n`,
    `${inert}\`\`\`mermaid\n%%{init: {"theme": "dark"}}%%\n\`\`\`\n`,
    `${inert}\`\`\`mermaid\nxychart-beta\n`,
  ]) {
    assert.ok(!isInertMarkdown(hostile), hostile);
  }
});

test("a symbolic link out of the workspace is not read, and its target is quoted nowhere", () => {
  const { dir, outside } = hostileRepository({
    base: { "envs/prod.tfvars": canary5 },
    change: { "envs/prod.tfvars": canary50 },
    links: { "envs/leak.tfvars": "../../secret.txt" },
  });
  writeFileSync(join(outside, "secret.txt"), 'environment = "TOPSECRET-4d1e"\n');
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.exitCode, 2);
  assert.match(result.stdout, /cannot read `envs\/leak\.tfvars`: outside the workspace once symbolic links are followed/);
  const sarif = join(dir, "ecs-rollout.sarif");
  const everything = [result.stdout, result.stderr, result.summary, existsSync(sarif) ? readFileSync(sarif, "utf8") : ""].join("\n");
  assert.ok(!everything.includes("TOPSECRET"), everything);
});

test("a symbolic link into .git, where the checkout's token may be, is refused", () => {
  const { dir } = hostileRepository({ links: { "envs/config.tfvars": "../.git/config" } });
  git(dir, "config", "http.https://github.com/.extraheader", "AUTHORIZATION: basic TOKEN-5e2a");
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.exitCode, 2);
  assert.match(result.stdout, /cannot read `envs\/config\.tfvars`: inside the repository's \.git folder/);
  assert.ok(![result.stdout, result.stderr, result.summary].join("\n").includes("TOKEN-5e2a"));
});

test("a policy that is a symbolic link out of the workspace is refused", () => {
  const { dir, outside } = hostileRepository({
    change: { "envs/prod.tfvars": canary5 },
    links: { "policy.json": "../policy.json" },
  });
  writeFileSync(join(outside, "policy.json"), '{"maxFirstExposurePercent": "SECRET-91c0"}');
  const result = runAction(dir, { INPUT_BASE_REF: "main", INPUT_POLICY: "policy.json" });
  assert.equal(result.exitCode, 2);
  assert.match(result.stdout, /cannot read policy file `policy\.json`: outside the workspace once symbolic links are followed/);
  assert.ok(![result.stdout, result.stderr, result.summary].join("\n").includes("SECRET-91c0"));
});

test("a symbolic link to an endless device is refused, not read", () => {
  const { dir } = hostileRepository({ links: { "envs/zero.tfvars": "/dev/zero" } });
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.exitCode, 2, result.stderr);
  assert.match(result.stdout, /cannot read `envs\/zero\.tfvars`: outside the workspace/);
});

test("a symbolic link inside the workspace is followed", () => {
  const { dir } = hostileRepository({
    change: { "envs/prod.tfvars": canary50 },
    links: { "envs/alias.tfvars": "prod.tfvars" },
  });
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  assert.equal(result.outputs.files, "2");
  assert.match(result.stdout, /--> envs\/alias\.tfvars:/);
  const sarif = JSON.parse(readFileSync(result.outputs["sarif-file"], "utf8"));
  const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes("envs/alias.tfvars"), uris.join(" "));
});

test("a file is read up to the core's limit and one byte more, then reported as too large", () => {
  // Past the limit come bytes that are not UTF-8: a reader that went on would answer
  // `not valid UTF-8` instead, so the answer tells how far the file was read.
  const big = Buffer.concat([Buffer.alloc(MAX_INPUT_BYTES + 1, "#"), Buffer.alloc(4 * 1024 * 1024, 0xff)]);
  const { dir } = hostileRepository({ change: { "envs/big.tfvars": big } });
  const result = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(result.exitCode, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /error\[input-too-large\]: the input is 8388609 bytes, over the limit of 8388608 bytes/);
});

test("the SARIF report replaces its target and never writes through a link", () => {
  const { dir, outside } = hostileRepository({
    change: { "envs/prod.tfvars": canary5 },
    links: { "ecs-rollout.sarif": "../victim.txt", reports: ".." },
  });
  writeFileSync(join(outside, "victim.txt"), "VICTIM\n");
  const linked = runAction(dir, { INPUT_BASE_REF: "main" });
  assert.equal(linked.exitCode, 2);
  assert.match(linked.stderr, /`[^`]*ecs-rollout\.sarif` is a symbolic link, so it is not written/);
  assert.equal(readFileSync(join(outside, "victim.txt"), "utf8"), "VICTIM\n");
  const throughFolder = runAction(dir, { INPUT_BASE_REF: "main", INPUT_SARIF_FILE: "reports/victim.txt" });
  assert.equal(throughFolder.exitCode, 2);
  assert.match(throughFolder.stderr, /is outside the workspace and the runner's temporary folder/);
  assert.equal(readFileSync(join(outside, "victim.txt"), "utf8"), "VICTIM\n");
  const plain = runAction(dir, { INPUT_BASE_REF: "main", INPUT_SARIF_FILE: "report.sarif" });
  assert.equal(plain.exitCode, 0, plain.stdout + plain.stderr);
  assert.equal(plain.outputs["sarif-file"], join(dir, "report.sarif"));
  assert.equal(JSON.parse(readFileSync(join(dir, "report.sarif"), "utf8")).version, "2.1.0");
});

test("a base ref that git would take as an option is refused before git sees it", () => {
  const { dir, outside } = hostileRepository({ change: { "envs/prod.tfvars": canary50 } });
  git(dir, "remote", "add", "origin", dir);
  const marker = join(outside, "pwned");
  const result = runAction(dir, { INPUT_BASE_REF: `--upload-pack=touch ${marker};true` });
  assert.equal(result.exitCode, 2);
  assert.match(result.stderr, /base-ref must be a branch, tag or full commit name/);
  assert.ok(!existsSync(marker), "git ran the command");
});

test("refs are checked with git check-ref-format's rules", () => {
  for (const ref of ["main", "origin/main", "release/v1.2", "a".repeat(40), "0123456789abcdef0123456789abcdef01234567"]) {
    assert.ok(isValidRef(ref), ref);
  }
  for (const ref of ["", "-b", "--upload-pack=x", "+main", "main:refs/heads/x", "a..b", "a b", "HEAD^", "a~1", "x.lock", "@{-1}", "main\n", "a\\b"]) {
    assert.ok(!isValidRef(ref), JSON.stringify(ref));
  }
});

/** The `run:` line of the step named `name` in action.yml. */
function stepRun(yml, name) {
  const step = yml.slice(yml.indexOf(`- name: ${name}`));
  return /^ {6}run: (.*)$/m.exec(step)[1];
}

test("the action runs the package it ships, and installs nothing at run time", () => {
  const yml = readFileSync(join(REPO, "action.yml"), "utf8");
  assert.doesNotMatch(yml, /\bnpm\b|\bnpx\b|\bcurl\b|\bwget\b|\bpip\b/, "action.yml installs nothing");
  // The step as the runner runs it, with commands that would fetch code replaced by traps.
  const traps = mkdtempSync(join(tmpdir(), "ecs-rollout-traps-"));
  const sprung = join(traps, "sprung");
  for (const command of ["npm", "npx", "curl", "wget", "pip"]) {
    writeFileSync(join(traps, command), `#!/bin/sh\necho "${command} $*" >> "${sprung}"\nexit 1\n`);
    chmodSync(join(traps, command), 0o755);
  }
  const { dir } = hostileRepository({ change: { "envs/prod.tfvars": canary5 } });
  const github = mkdtempSync(join(tmpdir(), "ecs-rollout-github-"));
  writeFileSync(join(github, "output.txt"), "");
  const result = spawnSync("bash", ["-e", "-c", stepRun(yml, "Check the changed files")], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...GIT_ENV,
      PATH: `${traps}:${process.env.PATH}`,
      GITHUB_ACTION_PATH: REPO,
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: join(github, "output.txt"),
      INPUT_BASE_REF: "main",
      INPUT_SARIF_FILE: "ecs-rollout.sarif",
    },
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(readFileSync(join(github, "output.txt"), "utf8"), /^files=1$/m);
  assert.ok(!existsSync(sprung), existsSync(sprung) ? readFileSync(sprung, "utf8") : "");
});

test("a checkout without the built package says to use a release", () => {
  const { dir } = hostileRepository({ change: { "envs/prod.tfvars": canary5 } });
  const result = runAction(dir, { INPUT_BASE_REF: "main", ECS_ROLLOUT_PACKAGE: join(REPO, "action") });
  assert.equal(result.exitCode, 2);
  assert.match(result.stderr, /holds no built package: use the action from a release tag/);
});

test("every action used is pinned to a full commit SHA, in action.yml and in the README's workflow", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### On pull requests (GitHub Actions)"));
  const workflow = /```yaml\n([\s\S]*?)```/.exec(section)[1];
  for (const [where, text] of [["action.yml", readFileSync(join(REPO, "action.yml"), "utf8")], ["README.md", workflow]]) {
    const uses = [...text.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
    assert.ok(uses.length >= 1, where);
    for (const [line, target, comment] of uses) {
      if (target.startsWith("<owner>/ecs-rollout@")) continue;
      assert.match(target, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${where}: ${line}`);
      assert.match(comment, /^ # v\d+\.\d+\.\d+$/, `${where}: ${line} names its tag`);
    }
  }
  assert.match(workflow, /^permissions: \{\}$/m, "nothing granted by default");
  const granted = [...workflow.matchAll(/^ {6}([a-z-]+): (read|write)\b/gm)].map((m) => `${m[1]}: ${m[2]}`);
  assert.deepEqual(granted, ["contents: read", "security-events: write"]);
  assert.match(workflow, /persist-credentials: false/);
});
