// Unit tests of the "Compare with…" mode's pure parts in Node: the two-curve chart geometry,
// computed from real `diff()` results of the package, and the share link keeping "before".

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

globalThis.history = { replaceState() {} };
const { diffChartGeometry } = await import("../src/diff-mode.js");
const { encodeState, decodeState, validateState, MAX_SOURCE_CHARS } = await import("../src/url-state.js");
const { diff } = await import("ecs-rollout");

const cases = new URL("../../tests/diff_cases/", import.meta.url);
const read = (path) => readFileSync(fileURLToPath(new URL(path, cases)), "utf8");
const canary5 = read("exposure-change/before.tfvars");
const canary50 = read("exposure-change/after.tfvars");
const box = { width: 500, height: 200, left: 40, right: 10, top: 10, bottom: 30 };

test("both curves start at 0%, end at 100% and at the right edge, and turn where the traffic moves", () => {
  const d = diff(canary5, canary50);
  const geometry = diffChartGeometry(d.before, d.after, box);
  const bottom = box.height - box.bottom;
  for (const side of ["before", "after"]) {
    const points = geometry.curves[side];
    assert.deepEqual(points[0], [box.left, bottom], side);
    assert.deepEqual(points.at(-1), [box.width - box.right, box.top], side);
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i][0] >= points[i - 1][0], `${side}: x never goes back`);
      assert.ok(points[i][0] === points[i - 1][0] || points[i][1] === points[i - 1][1], `${side}: steps, not slopes`);
    }
  }
  const plotHeight = box.height - box.top - box.bottom;
  const shareAt = (points, minute) => {
    const x = box.left + (minute / geometry.end) * (box.width - box.left - box.right);
    const at = points.filter((p) => p[0] <= x + 1e-9).at(-1);
    return Math.round((1 - (at[1] - box.top) / plotHeight) * 1000) / 10;
  };
  const firstShift = d.after.trafficSteps.find((s) => s.greenPercent > 0).minute;
  assert.equal(shareAt(geometry.curves.before, firstShift + 0.01), d.before.firstExposurePercent);
  assert.equal(shareAt(geometry.curves.after, firstShift + 0.01), d.after.firstExposurePercent);
  assert.equal(geometry.end, Math.max(d.before.totalMinutes, d.after.totalMinutes));
  assert.equal(geometry.xTicks[0].x, box.left);
  assert.ok(geometry.xTicks.length >= 3 && geometry.xTicks.length <= 9);
});

test("a side without a timeline has no curve, and the other keeps its axis", () => {
  const broken = read("timeline-lost/after.tfvars");
  const d = diff(canary5, broken);
  assert.equal(d.after, null);
  const geometry = diffChartGeometry(d.before, d.after, box);
  assert.equal(geometry.curves.after, null);
  assert.equal(geometry.end, d.before.totalMinutes);
  const none = diffChartGeometry(null, null, box);
  assert.deepEqual(none.curves, { before: null, after: null });
});

test("the share link keeps the compared version, and refuses a bad one", async () => {
  const state = { source: canary50, assumptions: {}, failAtMinute: null, example: null, before: canary5 };
  assert.deepEqual(await decodeState(`#${await encodeState(state)}`), state);
  const without = { source: "a = 1", assumptions: {}, failAtMinute: null, example: null };
  assert.deepEqual(await decodeState(`#${await encodeState(without)}`), without);
  assert.throws(() => validateState({ source: "", before: 42 }), /compared version is not text/);
  assert.throws(() => validateState({ source: "", before: "x".repeat(MAX_SOURCE_CHARS + 1) }), /too large/);
});
