// The compare view: the four strategies for this service side by side, from `compare()`.
// Small bar charts of the figures that decide between them, then the full table. A row that
// carries its own `timeline` also gets a small timeline chart.

import { formatMinutes, renderTimelineChart } from "./chart.js";
import { renderTable, strategyName } from "./summary.js";

const SVG_NS = "http://www.w3.org/2000/svg";

const METRICS = [
  ["totalMinutes", "Total minutes", (v) => `${formatMinutes(v)} min`],
  ["minutesToFullTraffic", "Minutes to 100% traffic", (v) => `${formatMinutes(v)} min`],
  ["firstExposurePercent", "First exposure", (v) => `${v}%`],
  ["peakTasks", "Peak tasks", (v) => String(v)],
];

const OPTIONAL_COLUMNS = [
  ["productionShifts", "Production shifts", (v) => String(v)],
  ["mixedTrafficMinutes", "Minutes with mixed traffic", (v) => formatMinutes(v)],
  ["extraTaskMinutes", "Extra task-minutes", (v) => formatMinutes(v)],
  ["testListener", "Test listener", (v) => (v ? "yes" : "no")],
  ["rollbackTriggers", "Failure detected by", (v) => (Array.isArray(v) && v.length ? v.join(", ") : "nothing")],
  ["shifts", "Shifts", describeShifts],
];

/** A canary's or linear row's own settings, and whether they are the file's or ECS's defaults. */
function describeShifts(shifts) {
  if (!shifts) return "—";
  const source = shifts.fromFile ? "this config" : "ECS default";
  return `${shifts.percent}%, bake ${formatMinutes(shifts.bakeMinutes)} min (${source})`;
}

/** One small horizontal bar chart: a bar per strategy for one figure. */
export function renderMetricChart(rows, key, label, format, highlight) {
  const width = 300;
  const rowHeight = 22;
  const labelWidth = 78;
  const height = rows.length * rowHeight + 26;
  const max = Math.max(...rows.map((r) => r[key]), 1e-9);
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "metric-chart");
  svg.setAttribute("role", "img");
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = `${label}: ${rows.map((r) => `${strategyName(r.strategy)} ${format(r[key])}`).join(", ")}`;
  svg.append(title);
  const heading = document.createElementNS(SVG_NS, "text");
  heading.setAttribute("x", "0");
  heading.setAttribute("y", "14");
  heading.setAttribute("class", "metric-title");
  heading.textContent = label;
  svg.append(heading);
  rows.forEach((row, i) => {
    const y = 24 + i * rowHeight;
    const name = document.createElementNS(SVG_NS, "text");
    name.setAttribute("x", "0");
    name.setAttribute("y", String(y + 13));
    name.setAttribute("class", "metric-label");
    name.textContent = strategyName(row.strategy);
    const bar = document.createElementNS(SVG_NS, "rect");
    const w = Math.max((row[key] / max) * (width - labelWidth - 70), 1);
    bar.setAttribute("x", String(labelWidth));
    bar.setAttribute("y", String(y + 2));
    bar.setAttribute("width", String(w));
    bar.setAttribute("height", "14");
    bar.setAttribute("class", `metric-bar${row.strategy === highlight ? " metric-bar--current" : ""}`);
    const value = document.createElementNS(SVG_NS, "text");
    value.setAttribute("x", String(labelWidth + w + 5));
    value.setAttribute("y", String(y + 13));
    value.setAttribute("class", "metric-value");
    value.textContent = format(row[key]);
    svg.append(name, bar, value);
  });
  return svg;
}

/**
 * Renders a comparison.
 * @param {{ rows: object[] }} comparison
 * @param {string | null} currentStrategy the strategy the config itself uses, highlighted
 */
export function renderComparison(comparison, currentStrategy) {
  const wrap = document.createElement("div");
  wrap.className = "compare";
  const charts = document.createElement("div");
  charts.className = "compare-charts";
  for (const [key, label, format] of METRICS) charts.append(renderMetricChart(comparison.rows, key, label, format, currentStrategy));
  wrap.append(charts);
  const withTimelines = comparison.rows.filter((r) => r.timeline);
  if (withTimelines.length) {
    const grid = document.createElement("div");
    grid.className = "compare-timelines";
    for (const row of withTimelines) {
      const figure = document.createElement("figure");
      const caption = document.createElement("figcaption");
      caption.textContent = strategyName(row.strategy);
      // Drawn at the narrowest column width, so it is never scaled down below 11 px text.
      figure.append(renderTimelineChart(row.timeline, { compact: true, width: 240 }), caption);
      grid.append(figure);
    }
    wrap.append(grid);
  }
  // Columns beyond the contract's minimum appear when the package provides them.
  const extra = OPTIONAL_COLUMNS.filter(([key]) => comparison.rows.every((r) => r[key] !== undefined));
  wrap.append(
    renderTable(
      "The same service under each strategy",
      ["Strategy", "Total minutes", "Minutes to 100% traffic", "First exposure", "Peak tasks", ...extra.map(([, label]) => label)],
      comparison.rows.map((r) => [
        `${strategyName(r.strategy)}${r.strategy === currentStrategy ? " (this config)" : ""}`,
        formatMinutes(r.totalMinutes),
        formatMinutes(r.minutesToFullTraffic),
        `${r.firstExposurePercent}%`,
        r.peakTasks,
        ...extra.map(([key, , format]) => format(r[key])),
      ]),
      "data-table compare-table",
    ),
  );
  return wrap;
}
