// The values analyze() and compare() return keep the promises of contract section 2, over every
// sample file: ranges are JS string indices, diagnostics sorted, timelines consistent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, compare, rules } from "ecs-rollout";
import { sampleFiles } from "./helpers.mjs";

const CODES = new Set(rules().map((rule) => rule.code));
const STRATEGIES = ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"];
const isTenths = (n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;

/** The 1-based line and UTF-16 column of a string index, computed independently. */
function lineColumn(source, offset) {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

function checkRange(source, range, where) {
  for (const end of ["start", "end"]) {
    const position = range[end];
    assert.deepEqual(Object.keys(position).sort(), ["column", "line", "offset"], where);
    assert.ok(position.offset >= 0 && position.offset <= source.length, `${where}: offset out of bounds`);
    assert.deepEqual({ line: position.line, column: position.column }, lineColumn(source, position.offset), where);
  }
  assert.ok(range.start.offset <= range.end.offset, `${where}: range ends before it starts`);
}

export function checkAnalysis(source, analysis) {
  assert.deepEqual(Object.keys(analysis).sort(), ["diagnostics", "strategy", "timeline"]);
  assert.ok(analysis.strategy === null || STRATEGIES.includes(analysis.strategy));
  let previous = -1;
  let rangeless = false;
  for (const d of analysis.diagnostics) {
    const where = `${d.code}: ${d.message}`;
    // The contract's fields, plus `related`, which this package adds.
    assert.deepEqual(Object.keys(d).sort(), ["code", "fixes", "help", "message", "path", "range", "related", "severity"], where);
    for (const related of d.related) {
      checkRange(source, related.range, `${where} (related)`);
      assert.ok(related.message.length > 0, where);
    }
    assert.ok(CODES.has(d.code), `unknown code ${d.code}`);
    assert.ok(["error", "warning", "info"].includes(d.severity), where);
    assert.ok(d.message.length > 0 && !d.message.endsWith("."), `${where}: message ends with a period`);
    if (d.range) {
      assert.ok(!rangeless, `${where}: a ranged diagnostic after a rangeless one`);
      checkRange(source, d.range, where);
      assert.ok(d.range.start.offset >= previous, `${where}: not sorted by position`);
      previous = d.range.start.offset;
    } else {
      rangeless = true;
    }
    for (const fix of d.fixes) {
      assert.ok(fix.title.length > 0 && fix.edits.length > 0, where);
      for (const edit of fix.edits) {
        checkRange(source, edit.range, `${where} (fix)`);
        assert.equal(typeof edit.newText, "string");
      }
    }
  }
  const timeline = analysis.timeline;
  if (!timeline) return;
  assert.equal(timeline.strategy, analysis.strategy);
  assert.deepEqual(timeline.trafficSteps[0], { minute: 0, greenPercent: 0 });
  for (const step of timeline.trafficSteps) assert.ok(isTenths(step.greenPercent), `percent ${step.greenPercent}`);
  let minute = 0;
  for (const phase of timeline.phases) {
    assert.equal(phase.startMinute, minute, `phase ${phase.name} does not start where the last ended`);
    assert.ok(phase.endMinute >= phase.startMinute);
    assert.ok(isTenths(phase.greenPercent));
    minute = phase.endMinute;
  }
  assert.equal(minute, timeline.totalMinutes, "phases do not cover 0 .. totalMinutes");
  assert.ok(timeline.peakTasks >= timeline.desiredCount);
}

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
