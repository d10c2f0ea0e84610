// `check --format sarif` validated against the official SARIF 2.1.0 JSON schema (shipped in
// the npm package @microsoft/jest-sarif; draft-04, hence ajv-draft-04), and checked for what GitHub code scanning needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import { analyze, rules } from "ecs-rollout";
import { runBin, sampleFiles } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
const validate = ajv.compile(schema);

const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-sarif-"));
const inputs = [
  ...sampleFiles(),
  { name: "syntax error", source: "gateway_config = {\n" },
  { name: "unicode", source: '# 🚀 日本語\r\nenvironmnet = "dev"\r\ncreate_new_vpc = "はい"\r\n' },
];

test("the schema is the official SARIF 2.1.0 one", () => {
  assert.match(schema.$id ?? schema.id, /sarif-schema-2\.1\.0|sarif-2\.1\.0/);
});

test("the validator accepts a minimal valid log and rejects broken ones", () => {
  const minimal = { version: "2.1.0", runs: [{ tool: { driver: { name: "ecs-rollout" } }, results: [] }] };
  assert.ok(validate(minimal), JSON.stringify(validate.errors));
  assert.ok(!validate({ version: "2.1.0" }), "a log without runs passed");
  const badRegion = structuredClone(minimal);
  badRegion.runs[0].results.push({
    message: { text: "x" },
    locations: [{ physicalLocation: { artifactLocation: { uri: "a" }, region: { startLine: 0 } } }],
  });
  assert.ok(!validate(badRegion), "a 0-based line passed");
});

for (const [index, input] of inputs.entries()) {
  test(`SARIF for ${input.name} is valid 2.1.0 with one result per diagnostic`, () => {
    const path = join(dir, `input-${index}.tfvars`);
    writeFileSync(path, input.source);
    const { stdout, stderr } = runBin(["check", "--format", "sarif", path]);
    const log = JSON.parse(stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2) + stderr);
    assert.equal(log.version, "2.1.0");
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.ok(run.columnKind, "columnKind must be stated");
    const known = new Map(rules().map((rule) => [rule.code, rule.summary]));
    for (const rule of run.tool.driver.rules) assert.ok(known.has(rule.id), `unknown rule id ${rule.id}`);
    const diagnostics = analyze(input.source).diagnostics;
    assert.equal(run.results.length, diagnostics.length);
    run.results.forEach((result, i) => {
      assert.equal(result.ruleId, diagnostics[i].code);
      const region = result.locations?.[0]?.physicalLocation?.region;
      if (diagnostics[i].range) {
        assert.ok(region.startLine >= 1 && region.startColumn >= 1, "regions are 1-based");
        assert.equal(region.startLine, diagnostics[i].range.start.line);
      }
      assert.equal(result.fixes?.length ?? 0, diagnostics[i].fixes.length);
    });
  });
}
