// Unit tests of observed-view.js in Node, on the package's real `observed` results for the
// repository's deployment records (tests/fixtures/deployment-record/): the record's curve is the
// plan's traffic steps moved to the times the record shows, cut where it rolled back or stopped;
// the per-phase rows, labels, the assumptions text, the deployment picked and the breaker setting.

import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { observed } from "ecs-rollout";
import {
  assumptionsText,
  deploymentCurves,
  deploymentId,
  deploymentLabel,
  durationSentence,
  isRecord,
  phaseRows,
  pickDeployment,
  recordBreaker,
  retimeMinute,
  signedMinutes,
  stretches,
} from "../src/observed-view.js";
import { diffChartGeometry } from "../src/diff-mode.js";

globalThis.history = { replaceState() {} };
const { encodeState, decodeState, validateState } = await import("../src/url-state.js");

const dir = new URL("../../tests/fixtures/deployment-record/", import.meta.url);
const records = Object.fromEntries(
  readdirSync(fileURLToPath(dir))
    .filter((name) => name.endsWith(".json"))
    .map((name) => {
      const source = readFileSync(fileURLToPath(new URL(name, dir)), "utf8");
      return [name.replace(/\.json$/, ""), { source, result: observed(source) }];
    }),
);

test("every record's deployments: the curve keeps the plan's shares in order, within the record's time", () => {
  for (const [name, { result }] of Object.entries(records)) {
    for (const d of result.deployments) {
      const curves = deploymentCurves(d);
      assert.ok(curves, `${name}: a plan to draw`);
      const planShares = d.plan.trafficSteps.map((s) => s.greenPercent);
      const shares = curves.observed.trafficSteps.map((s) => s.greenPercent);
      assert.deepEqual(shares, planShares.slice(0, shares.length), `${name}: the plan's shares, in order`);
      const minutes = curves.observed.trafficSteps.map((s) => s.minute);
      for (let i = 1; i < minutes.length; i++) assert.ok(minutes[i] >= minutes[i - 1], `${name}: time goes forward`);
      assert.ok(minutes.at(-1) <= curves.observed.endMinute + 1e-9, `${name}: no step after the curve's end`);
      if (typeof d.observedMinutes === "number") assert.ok(curves.observed.endMinute <= d.observedMinutes + 1e-9, `${name}: the curve ends within the record`);
      assert.deepEqual(curves.plan, { trafficSteps: d.plan.trafficSteps, totalMinutes: d.plan.totalMinutes });
    }
  }
});

test("a stretch the record shows is stretched to its observed length; the plan's boundaries land on the record's", () => {
  const d = records["blue-green-successful"].result.deployments[0];
  const list = stretches(d);
  assert.deepEqual(list.map((s) => s.known), [true, true, true]);
  for (let i = 0; i < list.length; i++) {
    assert.ok(Math.abs(retimeMinute(list, list[i].planEnd) - list[i].end) < 1e-9);
    assert.ok(Math.abs(list[i].end - list[i].start - d.phases[i].observedMinutes) < 1e-9);
  }
  const curves = deploymentCurves(d);
  assert.equal(curves.cut, null);
  assert.ok(Math.abs(curves.observed.endMinute - d.observedMinutes) < 1e-9);
  // Where the shift ends scale-up, it lands where the record saw the targets registered.
  for (const deployment of records["several-deployments"].result.deployments) {
    const registered = deployment.events.find((e) => e.kind === "targets-registered").minute;
    assert.equal(deployment.plan.trafficSteps[1].minute, deployment.phases[0].plannedMinutes);
    assert.ok(Math.abs(deploymentCurves(deployment).observed.trafficSteps[1].minute - registered) < 1e-9);
  }
});

test("a rolled-back canary's curve stops at the rollback, on the canary's share; a stopped linear one at its stop", () => {
  const canary = records["canary-rolled-back-by-alarm"].result.deployments[0];
  const curves = deploymentCurves(canary);
  assert.equal(curves.cutBy, "rollback");
  assert.equal(curves.cut, canary.rollback.minute);
  assert.deepEqual(curves.observed.trafficSteps.map((s) => s.greenPercent), [0, 10]);
  assert.equal(curves.observed.totalMinutes, canary.observedMinutes);

  const linear = records["linear-stopped-by-circuit-breaker"].result.deployments[0];
  const stopped = deploymentCurves(linear);
  assert.equal(stopped.cutBy, "stopped");
  assert.equal(stopped.cut, linear.observedMinutes);
  // The record shows no boundary inside it: the plan's own times, up to the stop.
  assert.deepEqual(stopped.observed.trafficSteps, linear.plan.trafficSteps.filter((s) => s.minute <= linear.observedMinutes));

  // On the chart: the cut curve ends at its cut, the plan spans the whole axis, the marker at the cut.
  const box = { width: 500, height: 200, left: 40, right: 10, top: 10, bottom: 30 };
  const geometry = diffChartGeometry(curves.plan, curves.observed, box, [{ minute: curves.cut, label: "rollback" }]);
  const x = (minute) => box.left + (minute / geometry.end) * (box.width - box.left - box.right);
  assert.ok(Math.abs(geometry.curves.after.at(-1)[0] - x(curves.cut)) < 1e-9);
  assert.equal(geometry.curves.before.at(-1)[0], box.width - box.right);
  assert.equal(geometry.markers.length, 1);
  assert.ok(Math.abs(geometry.markers[0].x - x(curves.cut)) < 1e-9);
});

test("no plan, no curves; no stretches, the plan's own times", () => {
  assert.equal(deploymentCurves({ plan: null }), null);
  assert.equal(retimeMinute([], 7), 7);
});

test("labels, sentences and rows say what the record says", () => {
  const several = records["several-deployments"].result;
  const newest = several.deployments[2];
  assert.equal(deploymentId(newest), "Cc3");
  assert.equal(deploymentLabel(newest), "Cc3 · 2025-05-07 08:00 UTC · SUCCESSFUL");
  assert.equal(durationSentence(newest), "Blue/green deployment, SUCCESSFUL: took 23.2 min; its plan: 5.5 min (+17.7).");
  assert.deepEqual(phaseRows(newest), [
    { phases: "Scale up", planned: "2.5", observed: "20.1", difference: "+17.6" },
    { phases: "Bake time", planned: "2", observed: "2", difference: "0" },
    { phases: "Clean up", planned: "1", observed: "1.1", difference: "+0.1" },
  ]);
  const canary = records["canary-rolled-back-by-alarm"].result.deployments[0];
  assert.deepEqual(phaseRows(canary)[1], { phases: "Canary bake + Bake time + Clean up", planned: "26", observed: "not in the record", difference: "" });
  assert.equal(signedMinutes(-1.04), "-1");
  assert.equal(signedMinutes(0.01), "0");
  assert.equal(signedMinutes(2.25), "+2.3");
});

test("the calibrated assumptions are the object to copy into options", () => {
  assert.deepEqual(JSON.parse(assumptionsText(records["several-deployments"].result.calibratedAssumptions)), { assumptions: { scaleUpMinutes: 4, drainMinutes: 1 } });
  assert.equal(assumptionsText(null), null);
  assert.equal(assumptionsText({}), null);
});

test("the deployment drawn: the one named by id or ARN, else the newest", () => {
  const several = records["several-deployments"].result;
  assert.equal(pickDeployment(several, null), 2);
  assert.equal(pickDeployment(several, "Aa1"), 0);
  assert.equal(pickDeployment(several, several.deployments[1].serviceDeploymentArn), 1);
  assert.equal(pickDeployment(several, "nope"), 2);
  assert.equal(pickDeployment({ deployments: [] }, null), -1);
});

test("the breaker setting comes from the record's own configuration, and only its booleans", () => {
  const { source, result } = records["several-deployments"];
  assert.deepEqual(recordBreaker(source, result.deployments[0].serviceDeploymentArn), { enable: true, rollback: true });
  assert.equal(recordBreaker(source, "arn:not-there"), null);
  assert.equal(recordBreaker("not json", "x"), null);
  const hostile = JSON.stringify({ serviceDeployments: [{ serviceDeploymentArn: "a", deploymentConfiguration: { deploymentCircuitBreaker: { enable: "<b>yes</b>", rollback: true } } }] });
  assert.equal(recordBreaker(hostile, "a"), null);
});

test("an analysis names a record by its input kind", () => {
  assert.equal(isRecord({ input: "ecs-deployment-record" }), true);
  assert.equal(isRecord({ input: "ecs-api" }), false);
  assert.equal(isRecord(null), false);
});

test("the share link keeps the deployment chosen, only when chosen, and refuses one that is not text", async () => {
  const base = { source: records["several-deployments"].source, assumptions: {}, failAtMinute: null, example: null };
  assert.equal((await decodeState(await encodeState({ ...base, deployment: "Aa1" }))).deployment, "Aa1");
  assert.equal("deployment" in (await decodeState(await encodeState(base))), false);
  assert.throws(() => validateState({ ...base, deployment: 7 }), /deployment is not usable/);
});
