// diff() and `ecs-rollout diff` over the repository's diff cases (tests/diff_cases/NAME/, one
// `before` and one `after` file each): the package must return exactly the JSON, and print
// exactly the markdown, that the Rust snapshots in tests/snapshots/diff_cases/ hold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { analyze, diff } from "ecs-rollout";
import * as web from "ecs-rollout/web";
import { REPO, runBin, typeCheck } from "./helpers.mjs";

const CASES = join(REPO, "tests", "diff_cases");
const SNAPSHOTS = join(REPO, "tests", "snapshots", "diff_cases");

/** Each case with its two files and the outputs its snapshot holds, by format. */
function cases() {
  return readdirSync(CASES)
    .sort()
    .map((name) => {
      const dir = join(CASES, name);
      const file = (side) => readdirSync(dir).find((entry) => entry.startsWith(`${side}.`));
      const [beforeFile, afterFile] = [file("before"), file("after")];
      const snapshot = readFileSync(join(SNAPSHOTS, `${name}.snap`), "utf8");
      const outputs = {};
      for (const part of snapshot.split(/^===== /m).slice(1)) {
        const [, format, exitCode] = part.match(/^(\w+) \(exit (\d)\) =====\n/);
        outputs[format] = { exitCode: Number(exitCode), stdout: part.slice(part.indexOf("\n") + 1) };
      }
      return {
        name,
        dir,
        beforeFile,
        afterFile,
        before: readFileSync(join(dir, beforeFile), "utf8"),
        after: readFileSync(join(dir, afterFile), "utf8"),
        outputs,
      };
    });
}

/** diff() with each side read as the CLI reads it: JSON for *.json files, detected otherwise. */
function diffCase(c) {
  const json = (file) => file.endsWith(".json");
  if (json(c.beforeFile) === json(c.afterFile)) {
    return diff(c.before, c.after, json(c.afterFile) ? { format: "json" } : undefined);
  }
  // Mixed sides: detection reads each text in its own syntax, as the CLI does by file name.
  return diff(c.before, c.after);
}

test("there are diff cases for every kind of change the issue names", () => {
  const names = cases().map((c) => c.name);
  for (const name of ["same-file", "exposure-change", "strategy-change", "new-error", "fixed-error", "both-broken", "hcl-vs-json"]) {
    assert.ok(names.includes(name), `missing case ${name}`);
  }
});

test("diff() returns the JSON the Rust snapshots hold", () => {
  for (const c of cases()) {
    assert.deepEqual(diffCase(c), JSON.parse(c.outputs.json.stdout), c.name);
  }
});

test("`ecs-rollout diff` prints the snapshot's markdown and exits 1 exactly when an error is added", () => {
  for (const c of cases()) {
    const result = runBin(["diff", "--format", "markdown", c.beforeFile, c.afterFile], { cwd: c.dir });
    // insta keeps snapshots without their final newline.
    assert.equal(result.stdout.trimEnd(), c.outputs.markdown.stdout.trimEnd(), c.name);
    assert.ok(result.stdout.endsWith("\n") && !result.stdout.endsWith("\n\n"), `${c.name}: one final newline`);
    assert.equal(result.exitCode, c.outputs.markdown.exitCode, c.name);
    const addsError = diffCase(c).newDiagnostics.some((d) => d.severity === "error");
    assert.equal(result.exitCode, addsError ? 1 : 0, c.name);
  }
});

test("new problems are after's own diagnostics and fixed ones before's, ranges included", () => {
  let checked = 0;
  for (const c of cases()) {
    const result = diffCase(c);
    const options = (file) => (file.endsWith(".json") ? { format: "json" } : undefined);
    const pairs = [
      [result.newDiagnostics, analyze(c.after, options(c.afterFile)).diagnostics],
      [result.fixedDiagnostics, analyze(c.before, options(c.beforeFile)).diagnostics],
    ];
    for (const [listed, own] of pairs) {
      for (const d of listed) {
        assert.ok(own.some((o) => isDeepStrictEqual(o, d)), `${c.name}: ${d.code} is not its side's`);
        checked += 1;
      }
    }
  }
  assert.ok(checked >= 6, `only ${checked} diagnostics checked`);
});

test("a file compared with itself changes nothing", () => {
  for (const c of cases()) {
    const same = diff(c.after, c.after);
    assert.deepEqual(same.before, same.after, c.name);
    assert.deepEqual([same.changes, same.newDiagnostics, same.fixedDiagnostics], [[], [], []], c.name);
  }
});

test("diff() refuses non-string sides and bad options with a TypeError", () => {
  assert.throws(() => diff(1, ""), { name: "TypeError", message: /^before must be a string, got/ });
  assert.throws(() => diff("", null), { name: "TypeError", message: /^after must be a string, got/ });
  assert.throws(() => diff("", "", { failAtMinute: -1 }), TypeError);
  assert.equal(diff("", "").changes.length, 0, "the instance still works");
});

test("the web entry exports diff", () => {
  assert.equal(typeof web.diff, "function");
});

test("every case's diff() output satisfies RolloutDiff, and a wrong field does not", () => {
  const header = 'import type { RolloutDiff } from "ecs-rollout";\n';
  const body = cases()
    .map((c, i) => `export const diff${i} = ${JSON.stringify(diffCase(c), null, 2)} satisfies RolloutDiff;`)
    .join("\n");
  const good = typeCheck({ "diffs.mts": `${header}${body}\n` });
  assert.ok(good.ok, good.output);
  const wrong = { ...diffCase(cases()[0]), changes: [{ field: "trafficSteps", before: 1, after: 2, message: "" }] };
  const bad = typeCheck({ "bad.mts": `${header}export const x = ${JSON.stringify(wrong)} satisfies RolloutDiff;\n` });
  assert.ok(!bad.ok, "tsc accepted a change of a field that is not a change field");
});
