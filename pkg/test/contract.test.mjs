// The values analyze() and compare() return keep the promises of contract section 2, over every
// sample file: ranges are JS string indices, diagnostics sorted, timelines consistent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, compare } from "ecs-rollout";
import { sampleFiles } from "./helpers.mjs";
import { checkAnalysis, isTenths, STRATEGIES } from "./contract-checks.mjs";

export { checkAnalysis };

const files = sampleFiles();

test("there are sample files to check", () => {
  assert.ok(files.length > 0, "no fixtures or corpus files found");
});

for (const { name, source } of files) {
  test(`analyze(${name}) keeps the contract`, () => {
    checkAnalysis(source, analyze(source));
  });

  test(`compare(${name}) has one row per strategy`, () => {
    const { rows } = compare(source);
    assert.deepEqual(rows.map((row) => row.strategy), STRATEGIES);
    for (const row of rows) {
      for (const field of ["totalMinutes", "peakTasks", "firstExposurePercent", "minutesToFullTraffic"]) {
        assert.equal(typeof row[field], "number", `${row.strategy}.${field}`);
      }
    }
  });
}

// Ranges are UTF-16 string indices whatever precedes them: astral emoji (two code units, four
// bytes), CJK (one unit, three bytes) and CRLF line ends. Each case names a code and the exact
// text its range must cover.
const PREFIXES = {
  ascii: "# plain\n",
  emoji: "# 🚀🚀 rollout 👩‍💻\n",
  cjk: "# 日本語のコメント\n",
  crlf: "# windows\r\n\r\n",
  mixed: '# 🚀 日本\r\nenvironment = "本番🚀"\r\n',
};
const CASES = [
  ["unknown-variable", 'environmnet = "dev"\n', "environmnet"],
  ["type-mismatch", 'create_new_vpc = "はい🚀"\n', '"はい🚀"'],
  ["canary-percent-out-of-range", "create_lb = true\ngateway_deployment_configuration = {\n  enable_blue_green = false\n  canary_configuration = { canary_percent = 150, canary_bake_time_in_minutes = 5 }\n}\n", "150"],
];

for (const [prefixName, prefix] of Object.entries(PREFIXES)) {
  for (const [code, body, expected] of CASES) {
    test(`${code} after ${prefixName} text points at ${JSON.stringify(expected)}`, () => {
      const source = prefix + (prefixName === "crlf" || prefixName === "mixed" ? body.replaceAll("\n", "\r\n") : body);
      const analysis = analyze(source);
      checkAnalysis(source, analysis);
      const found = analysis.diagnostics.find((d) => d.code === code);
      assert.ok(found, `no ${code} in ${JSON.stringify(analysis.diagnostics.map((d) => d.code))}`);
      assert.equal(source.slice(found.range.start.offset, found.range.end.offset), expected);
    });
  }
}

test("an unknown-variable fix replaces exactly the misspelt name", () => {
  const source = '# 🚀\r\nenvironmnet = "dev"\r\n';
  const found = analyze(source).diagnostics.find((d) => d.code === "unknown-variable");
  const [edit] = found.fixes[0].edits;
  const fixed = source.slice(0, edit.range.start.offset) + edit.newText + source.slice(edit.range.end.offset);
  assert.equal(fixed, '# 🚀\r\nenvironment = "dev"\r\n');
});
