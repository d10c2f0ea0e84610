// The chart's geometry held to its data, in Node: for every chart fixture at widths from a
// phone's to a wide screen's, the stepped area's corners are the timeline's traffic steps, the
// phase bands' edges its phases' minutes, the task lanes its counts, every text is at least
// 11 px and inside the chart, and no two texts, stage markers or leader lines overlap; each stage
// run a Network Load Balancer delays has one band spanning its delay.

import test from "node:test";
import assert from "node:assert/strict";
import { chartGeometry, phaseLabel, MIN_FONT, overlaps } from "../src/chart-geometry.js";
import { analyze } from "ecs-rollout";
import { chartCases, plotScale, stepsFromLine, effectiveSteps, overlappingPairs } from "./chart-cases.mjs";

const WIDTHS = [300, 358, 560, 720, 880, 1280];
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: drawn ${a}, data ${b}`);

for (const { name, timeline } of chartCases()) {
  for (const compact of [false, true]) {
    for (const width of compact ? [200, 360] : WIDTHS) {
      const where = `${name} at ${width}px${compact ? ", compact" : ""}`;

      test(`${where}: the drawing agrees with trafficSteps, phases and task counts`, () => {
        const g = chartGeometry(timeline, { width, compact });
        assert.equal(g.width, width);
        const scale = plotScale([g.plot.left, g.plot.top, g.plot.width, g.plot.height], timeline.totalMinutes);
        const drawnSteps = stepsFromLine(g.traffic.line, scale);
        const dataSteps = effectiveSteps(timeline.trafficSteps);
        assert.equal(drawnSteps.length, dataSteps.length, `${where}: one jump per change of share`);
        drawnSteps.forEach((s, i) => {
          near(s.minute, dataSteps[i].minute, `step ${i} minute`);
          near(s.greenPercent, dataSteps[i].greenPercent, `step ${i} share`);
        });
        near(scale.minute(g.traffic.line.at(-1)[0]), timeline.totalMinutes, "the area ends at the last minute");

        assert.equal(g.phases.length, timeline.phases.length);
        g.phases.forEach((p, i) => {
          const phase = timeline.phases[i];
          near(scale.minute(p.x0), phase.startMinute, `${phase.name} start`);
          near(scale.minute(p.x1), phase.endMinute, `${phase.name} end`);
          assert.equal(p.drawn, phase.endMinute > phase.startMinute);
          // A label is the whole name or nothing: never cut.
          if (p.label) assert.equal(p.label.text, phaseLabel(phase));
        });

        for (const lane of g.lanes) {
          assert.equal(lane.segments.length, timeline.phases.length);
          lane.segments.forEach((s, i) => {
            const count = timeline.phases[i][lane.key];
            assert.equal(s.count, count, `${lane.key} in phase ${i}`);
            near(s.barHeight, (count / Math.max(timeline.peakTasks, 1)) * (lane.height - 2), `${lane.key} bar ${i}`);
            if (s.label) assert.equal(s.label.text, String(count));
          });
        }

        const markedStages = g.stages.markers.reduce((n, m) => n + m.count, 0);
        assert.equal(markedStages, timeline.stages.length, "every stage is in one marker");
        for (const m of g.stages.markers) near(scale.minute(m.x), m.stages[0].minute, "a marker stands at its first stage's minute");
        // Issue 20: each stage run a Network Load Balancer delays gets exactly one band, from
        // its minute to the end of its delay at the chart's scale; a timeline without a delay, none.
        const delayed = timeline.stages.filter((s) => s.delayMinutes !== undefined);
        assert.equal(g.delays.length, delayed.length, `${where}: one band per delayed stage run`);
        for (const s of delayed) {
          const own = g.delays.filter((d) => d.stage === s.stage && d.minute === s.minute && d.step === (s.step ?? null));
          assert.equal(own.length, 1, `${s.stage} at minute ${s.minute}: one band`);
          near(scale.minute(own[0].x0), s.minute, `${s.stage} delay start`);
          near(scale.minute(own[0].x1), s.minute + s.delayMinutes, `${s.stage} delay end`);
          if (own[0].label) assert.match(own[0].label.text, new RegExp(`^(NLB delay |NLB \\+|\\+)${s.delayMinutes} min$`));
        }
        if (timeline.rollback) {
          const rb = timeline.rollback;
          near(scale.minute(g.rollback.x), rb.atMinute, "the failure line");
          // A deployment that stops in place draws no return to the old version.
          if (rb.restoredMinute === null) assert.equal(g.rollback.restoredX, null, "no restore line");
          else near(scale.minute(g.rollback.restoredX), rb.restoredMinute, "the restore line");
          if (!compact) assert.match(g.rollback.labels[1].text, rb.restoredMinute === null ? /^stopped: \d+(\.\d)?% stays on new$/ : /^back to 0% new at /);
        }
      });

      test(`${where}: texts are readable, inside the chart, and never overlap`, () => {
        const g = chartGeometry(timeline, { width, compact });
        for (const t of g.texts) {
          assert.ok(t.size >= MIN_FONT, `"${t.text}" is ${t.size}px`);
          assert.ok(t.box.x0 >= 0 && t.box.x1 <= g.width && t.box.y0 >= 0 && t.box.y1 <= g.height, `"${t.text}" leaves the chart`);
        }
        assert.deepEqual(overlappingPairs(g.texts), [], where);
        const markers = g.stages.markers.map((m) => ({ text: `marker at ${m.x.toFixed(1)}`, box: m.box }));
        assert.deepEqual(overlappingPairs(markers), [], `${where}: stage markers`);
        // Leader lines cross no label but their own.
        const leaders = [
          ...g.stages.labels.map((l) => ({ own: l, box: { x0: l.leader.x - 0.5, x1: l.leader.x + 0.5, y0: l.leader.y0, y1: l.leader.y1 } })),
          ...g.phases.filter((p) => p.leader).map((p) => ({ own: p.label, box: { x0: p.leader.x - 0.5, x1: p.leader.x + 0.5, y0: p.leader.y0, y1: p.leader.y1 } })),
          ...g.delays.filter((d) => d.leader).map((d) => ({ own: d.label, box: { x0: d.leader.x - 0.5, x1: d.leader.x + 0.5, y0: d.leader.y0, y1: d.leader.y1 } })),
        ];
        for (const leader of leaders) {
          for (const t of g.texts) if (t !== leader.own) assert.ok(!overlaps(leader.box, t.box), `${where}: a leader line crosses "${t.text}"`);
        }
      });
    }
  }

  test(`${name}: at 880px every hooked stage is named or counted under its marker`, () => {
    const g = chartGeometry(timeline, { width: 880 });
    for (const m of g.stages.markers.filter((m) => m.hooked)) {
      const l = g.stages.labels.find((l) => l.minute === m.minute);
      assert.ok(l, `no label for the hooks at minute ${m.minute}`);
      const hooked = m.stages.filter((s) => s.hooked);
      assert.ok(l.text.includes(hooked[0].stage) || l.text === `${hooked.length} hooks`, `"${l.text}" names the hooks at minute ${m.minute}`);
    }
  });
}

test("the fixtures hold timelines with and without a Network Load Balancer's delay", () => {
  const cases = chartCases();
  const delayed = cases.filter((c) => c.timeline.stages.some((s) => s.delayMinutes !== undefined));
  assert.ok(delayed.length >= 2, "some fixtures are behind a Network Load Balancer");
  assert.ok(delayed.length < cases.length, "some are not");
});

test("a delay of 0 minutes draws no band, and a longer one a wider band at the same start", () => {
  const { source } = chartCases().find((c) => c.name === "nlb-linear-hooked-shifts");
  const bands = (nlbShiftDelayMinutes) => {
    const { timeline } = analyze(source, { assumptions: { nlbShiftDelayMinutes } });
    const g = chartGeometry(timeline, { width: 880 });
    const scale = plotScale([g.plot.left, g.plot.top, g.plot.width, g.plot.height], timeline.totalMinutes);
    return g.delays.map((d) => ({ stage: d.stage, from: scale.minute(d.x0), to: scale.minute(d.x1) }));
  };
  assert.deepEqual(bands(0), []);
  const ten = bands(10);
  const twenty = bands(20);
  assert.deepEqual(ten.map((b) => b.stage), ["TEST_TRAFFIC_SHIFT", ...Array(5).fill("PRODUCTION_TRAFFIC_SHIFT")]);
  assert.equal(twenty.length, ten.length);
  near(ten[0].from, twenty[0].from, "the test shift starts at the same minute");
  for (const [i, b] of ten.entries()) near(b.to - b.from, 10, `band ${i} at 10 minutes`);
  for (const [i, b] of twenty.entries()) near(b.to - b.from, 20, `band ${i} at 20 minutes`);
});
