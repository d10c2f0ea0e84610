// The chart fixtures (tests/fixtures/charts/*.tfvars) and their timelines, computed in Node by
// the same package the page uses. A fixture may carry its analyze options in a comment line:
// `# chart-options: {"failAtMinute": 6}`.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { analyze } from "ecs-rollout";
import { WWW } from "./harness.mjs";

const DIR = path.join(WWW, "tests/fixtures/charts");

/** Every chart fixture: name, source, analyze options and the timeline they give. */
export function chartCases() {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".tfvars"))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(DIR, file), "utf8");
      const match = source.match(/^# chart-options: (.*)$/m);
      const options = match ? JSON.parse(match[1]) : {};
      const { timeline } = analyze(source, options);
      if (!timeline) throw new Error(`${file} gives no timeline`);
      return { name: file.replace(/\.tfvars$/, ""), source, options, timeline };
    });
}

/**
 * Reads minutes and percents back from drawn coordinates, given the plot's box and the
 * timeline's length: the inverse of the chart's scales.
 */
export function plotScale([left, top, width, height], totalMinutes) {
  return {
    minute: (px) => ((px - left) / width) * totalMinutes,
    percent: (py) => ((top + height - py) / height) * 100,
  };
}

/**
 * The traffic steps a stepped line's corners describe: its first level, then one step per
 * vertical jump. `points` are [x, y] pairs in drawing order.
 */
export function stepsFromLine(points, scale) {
  const steps = [{ minute: 0, greenPercent: scale.percent(points[0][1]) }];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (Math.abs(x1 - x0) < 1e-9 && Math.abs(y1 - y0) > 1e-9) steps.push({ minute: scale.minute(x1), greenPercent: scale.percent(y1) });
  }
  return steps;
}

/** The data's traffic steps without those that change nothing (a step to the level already held). */
export function effectiveSteps(trafficSteps) {
  const out = [];
  for (const step of trafficSteps) {
    if (!out.length || step.greenPercent !== out[out.length - 1].greenPercent) out.push(step);
  }
  return out;
}

/** Every pair of boxes that overlap, as readable strings. */
export function overlappingPairs(items, describe = (item) => item.text) {
  const pairs = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].box;
      const b = items[j].box;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) pairs.push(`"${describe(items[i])}" overlaps "${describe(items[j])}"`);
    }
  }
  return pairs;
}
