// The promises of contract section 2 that every Analysis keeps, as one check shared by the
// contract test (every sample file) and the sources test (Terraform, CloudFormation, ECS API).
import assert from "node:assert/strict";
import { rules } from "ecs-rollout";

const CODES = new Set(rules().map((rule) => rule.code));
export const STRATEGIES = ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"];
const INPUTS = ["portkey-tfvars", "terraform", "cloudformation", "ecs-api", "ecs-deployment-record"];
export const isTenths = (n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;

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
  // Issue #13 adds the kind of source read and every ECS service of the source.
  assert.deepEqual(Object.keys(analysis).sort(), ["diagnostics", "input", "services", "strategy", "timeline"]);
  assert.ok(analysis.strategy === null || STRATEGIES.includes(analysis.strategy));
  assert.ok(INPUTS.includes(analysis.input), `input ${analysis.input}`);
  for (const service of analysis.services) {
    assert.deepEqual(Object.keys(service).sort(), ["name", "range", "strategy", "timeline"], service.name);
    assert.ok(typeof service.name === "string" && service.name.length > 0);
    assert.ok(STRATEGIES.includes(service.strategy), `${service.name}: strategy ${service.strategy}`);
    if (service.range) checkRange(source, service.range, `service ${service.name}`);
    if (service.timeline) assert.equal(service.timeline.strategy, service.strategy, service.name);
  }
  // The top-level strategy and timeline describe the first service.
  if (analysis.services.length) {
    assert.deepEqual(analysis.timeline, analysis.services[0].timeline, "timeline is services[0]'s");
    if (analysis.strategy !== null) assert.equal(analysis.strategy, analysis.services[0].strategy, "strategy is services[0]'s");
  }
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

