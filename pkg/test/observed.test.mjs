// observed() and `ecs-rollout observed` (contract section 10) over the repository's deployment
// records (tests/fixtures/deployment-record/): the package returns exactly the JSON the npm
// command prints, which is the native command's (the same `cli::run`), its values satisfy the
// generated `Observed` type, and misuse throws a TypeError that leaves the instance usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { observed } from "ecs-rollout";
import { REPO, runBin, typeCheck } from "./helpers.mjs";

const RECORDS = join(REPO, "tests", "fixtures", "deployment-record");
const records = readdirSync(RECORDS)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, path: join(RECORDS, name), source: readFileSync(join(RECORDS, name), "utf8") }));

test("there are records to read", () => {
  assert.ok(records.length >= 5);
});

for (const { name, path, source } of records) {
  test(`observed() on ${name} is the command's JSON`, () => {
    const result = runBin(["observed", "--format", "json", path]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(observed(source), JSON.parse(result.stdout));
  });
}

test("a finished record calibrates, and a rolled-back one says why", () => {
  const byName = Object.fromEntries(records.map(({ name, source }) => [name, observed(source)]));
  const several = byName["several-deployments.json"];
  assert.deepEqual(several.calibratedAssumptions, { scaleUpMinutes: 4, drainMinutes: 1 });
  assert.deepEqual(
    several.deployments.map((d) => d.startedAt),
    ["2025-05-05T08:00:00Z", "2025-05-06T08:00:00Z", "2025-05-07T08:00:00Z"],
  );
  const canary = byName["canary-rolled-back-by-alarm.json"];
  assert.equal(canary.calibratedAssumptions, null);
  assert.match(canary.deployments[0].rollback.reason, /orders-5xx-rate/);
  assert.ok(canary.diagnostics.some((d) => d.code === "deployment-rolled-back"));
});

test("every record's observed() output satisfies Observed", () => {
  const body = records
    .map(({ source }, i) => `export const observed${i} = ${JSON.stringify(observed(source))} satisfies Observed;`)
    .join("\n");
  const result = typeCheck({ "observed.mts": `import type { Observed } from "ecs-rollout";\n${body}\n` });
  assert.ok(result.ok, result.output);
});

test("misuse throws a TypeError and the next call works", () => {
  assert.throws(() => observed(42), TypeError);
  assert.throws(() => observed("{}", { assumptions: { hookMinutes: -1 } }), TypeError);
  assert.equal(observed(records[0].source).deployments.length, 1);
});
