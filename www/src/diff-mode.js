// "Compare with…": keeps a copy of the config as "before" while the editor goes on as "after",
// and shows what the change does, from the package's `diff`: its verdict, the figures that
// change, both production traffic curves on one chart, and the problems the change brings and
// fixes. `diffChartGeometry` is the chart as plain data (tested in tests/diff-mode.unit.test.mjs);
// the rest draws it with DOM calls only, since messages quote the user's text.

import { formatMinutes } from "./chart.js";
import { renderDiagnosticsList } from "./diagnostics-list.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const CHART = { width: 560, height: 200, left: 40, right: 12, top: 12, bottom: 30 };

/**
 * The two curves as step lines in a `width` × `height` box: `points` per side (null for a side
 * without a timeline), the x and y ticks, and the scale. Each curve holds its last share until
 * the longer rollout ends, so both span the same axis, unless its side gives an `endMinute`
 * where its curve stops (a deployment record's rollout cut short). `markers` (`{ minute, label }`)
 * become vertical lines at their minutes (`markers` in the result, with their x).
 */
export function diffChartGeometry(before, after, box = CHART, markers = []) {
  const sides = { before, after };
  const end = Math.max(1, ...[before, after].filter(Boolean).map((s) => s.totalMinutes));
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const x = (minute) => box.left + (minute / end) * plotWidth;
  const y = (percent) => box.top + (1 - percent / 100) * plotHeight;
  const curves = {};
  for (const [name, summary] of Object.entries(sides)) {
    if (!summary) {
      curves[name] = null;
      continue;
    }
    const points = [];
    let share = 0;
    for (const step of summary.trafficSteps) {
      points.push([x(step.minute), y(share)], [x(step.minute), y(step.greenPercent)]);
      share = step.greenPercent;
    }
    points.push([x(typeof summary.endMinute === "number" ? Math.min(summary.endMinute, end) : end), y(share)]);
    curves[name] = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  }
  const tickStep = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440].find((s) => end / s <= 8) ?? 1440;
  const xTicks = [];
  for (let minute = 0; minute <= end + 1e-9; minute += tickStep) xTicks.push({ minute, x: x(minute) });
  const yTicks = [0, 50, 100].map((percent) => ({ percent, y: y(percent) }));
  const marks = markers.filter((m) => m.minute >= 0 && m.minute <= end).map((m) => ({ ...m, x: x(m.minute) }));
  return { end, curves, xTicks, yTicks, box, markers: marks };
}

function svgElement(name, attributes = {}) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/**
 * Both traffic curves as an SVG: grey dashed for before, solid orange for after. `title` (what a
 * screen reader says) and `markers` (see `diffChartGeometry`) let a deployment record draw its
 * plan and what happened on the same chart.
 */
export function renderDiffChart(diff, { title: titleText, markers = [] } = {}) {
  const geometry = diffChartGeometry(diff.before, diff.after, CHART, markers);
  const { box } = geometry;
  const svg = svgElement("svg", { viewBox: `0 0 ${box.width} ${box.height}`, class: "diff-chart", role: "img" });
  const title = svgElement("title");
  const describe = (label, s) => (s ? `${label}: ${s.firstExposurePercent}% first, 100% after ${formatMinutes(s.minutesToFullTraffic)} min` : `${label}: no timeline`);
  title.textContent = titleText ?? `Production traffic on the new version. ${describe("Before", diff.before)}; ${describe("After", diff.after)}.`;
  svg.append(title);
  for (const tick of geometry.yTicks) {
    svg.append(svgElement("line", { x1: box.left, x2: box.width - box.right, y1: tick.y, y2: tick.y, class: "diff-grid" }));
    const label = svgElement("text", { x: box.left - 6, y: tick.y + 4, "text-anchor": "end", class: "diff-tick" });
    label.textContent = `${tick.percent}%`;
    svg.append(label);
  }
  for (const tick of geometry.xTicks) {
    const label = svgElement("text", { x: tick.x, y: box.height - box.bottom + 16, "text-anchor": "middle", class: "diff-tick" });
    label.textContent = formatMinutes(tick.minute);
    svg.append(label);
  }
  const axis = svgElement("text", { x: box.width - box.right, y: box.height - 2, "text-anchor": "end", class: "diff-tick" });
  axis.textContent = "minutes";
  svg.append(axis);
  for (const marker of geometry.markers) {
    svg.append(svgElement("line", { x1: marker.x, x2: marker.x, y1: box.top, y2: box.height - box.bottom, class: "diff-marker" }));
    // The label sits left of its line, unless the plot's edge is too near for it.
    const left = marker.x - box.left > 90;
    const label = svgElement("text", { x: left ? marker.x - 4 : marker.x + 4, y: box.top + 12, "text-anchor": left ? "end" : "start", class: "diff-tick diff-marker-label" });
    label.textContent = marker.label;
    svg.append(label);
  }
  // After first, so that the dashed before curve stays visible where the two coincide.
  for (const side of ["after", "before"]) {
    const points = geometry.curves[side];
    if (!points) continue;
    svg.append(svgElement("polyline", { points: points.map((p) => p.join(",")).join(" "), class: `diff-curve diff-curve--${side}`, fill: "none" }));
  }
  return svg;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The "Compare with…" panel. `diff(before, after, options)` is the package's; `getText()` gives
 * the editor's text, kept as "before" when the mode starts; `onChange` runs when the mode starts
 * or stops (so the page redraws and rewrites its share link); `reveal(range)` moves the editor to
 * a new problem, which lies in the editor's text.
 */
export function createDiffMode({ diff, getText, onChange, reveal }) {
  let before = null;
  const section = element("section", "panel diff-panel");
  section.setAttribute("aria-labelledby", "diff-heading");
  const heading = element("h2", null, "Compare with…");
  heading.id = "diff-heading";
  const hint = element("p", "hint");
  const toggle = element("button", null);
  toggle.type = "button";
  toggle.id = "diff-toggle";
  const result = element("div", "diff-result");
  result.id = "diff-result";
  result.setAttribute("aria-live", "polite");
  section.append(heading, hint, toggle, result);

  function setBefore(text) {
    before = typeof text === "string" ? text : null;
    toggle.textContent = before === null ? "Compare with this version" : "Stop comparing";
    hint.textContent = before === null
      ? "Keeps the config as it is now as “before”; edit it and see what your change does to the rollout."
      : "The editor holds “after”; the share link keeps both versions.";
    if (before === null) result.replaceChildren();
  }
  toggle.addEventListener("click", () => {
    setBefore(before === null ? getText() : null);
    onChange();
  });

  /** Redraws for the editor's text `after`; does nothing unless the mode is on. */
  function update(after, options) {
    if (before === null) return;
    let d;
    try {
      d = diff(before, after, options);
    } catch (error) {
      result.replaceChildren(element("p", "status", `Compare failed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const parts = [element("p", `diff-verdict diff-verdict--${d.newDiagnostics.some((x) => x.severity === "error") ? "error" : "ok"}`, d.verdict)];
    if (d.changes.length) {
      const list = element("ul", "diff-changes");
      for (const change of d.changes) list.append(element("li", null, change.message));
      parts.push(list);
    }
    if (d.before || d.after) {
      parts.push(renderDiffChart(d));
      const legend = element("p", "diff-legend");
      legend.append(element("span", "diff-key diff-key--before", "before"), " ", element("span", "diff-key diff-key--after", "after"));
      parts.push(legend);
    }
    for (const [label, diagnostics, select] of [
      ["New problems", d.newDiagnostics, (x) => x.range && reveal(x.range)],
      ["Fixed problems (in “before”)", d.fixedDiagnostics, () => {}],
    ]) {
      if (!diagnostics.length) continue;
      const box = element("div", "diff-problems");
      box.append(element("h3", null, label));
      renderDiagnosticsList(box.appendChild(element("div")), diagnostics, select);
      parts.push(box);
    }
    result.replaceChildren(...parts);
  }

  setBefore(null);
  return { element: section, setBefore, getBefore: () => before, update };
}
