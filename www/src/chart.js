// The rollout timeline chart: a pure function from a contract `Timeline` to an SVG element.
// Minutes run across; the production traffic split is a stepped area (old version above, new
// version below); phases are labelled bands; lifecycle stages are markers, hooked ones larger
// and labelled; a Network Load Balancer's delay on a stage run is a bar along the stage lane and
// a tint over the plot; one lane per version shows its task count with the peak marked; the
// listeners and a rollback, when simulated, are drawn too. Colours come from CSS classes (see chart.css),
// so the same element follows the page theme; `inlineChartStyles` bakes them in for export.
// The playground and the docs-site web component share this module.

import { chartGeometry, formatMinutes, phaseLabel, strategyName } from "./chart-geometry.js";

export { formatMinutes, phaseLabel };

const SVG_NS = "http://www.w3.org/2000/svg";

/** The production share on the new version at a minute: the last traffic step at or before it. */
export function greenPercentAt(timeline, minute) {
  let percent = 0;
  for (const step of timeline.trafficSteps) {
    if (step.minute <= minute) percent = step.greenPercent;
    else break;
  }
  return percent;
}

/** The phase running at a minute (the last one when the minute is the very end). */
export function phaseAt(timeline, minute) {
  const phases = timeline.phases;
  for (const phase of phases) {
    if (minute >= phase.startMinute && minute < phase.endMinute) return phase;
  }
  return phases.length ? phases[phases.length - 1] : null;
}

/** Everything the hover read-out shows for one minute. */
export function readoutAt(timeline, minute) {
  const greenPercent = greenPercentAt(timeline, minute);
  const phase = phaseAt(timeline, minute);
  return {
    minute,
    greenPercent,
    bluePercent: Math.round((100 - greenPercent) * 10) / 10,
    blueTasks: phase ? phase.blueTasks : 0,
    greenTasks: phase ? phase.greenTasks : 0,
    phase: phase ? phaseLabel(phase) : null,
    stages: timeline.stages.filter((s) => s.minute === minute).map((s) => s.stage),
  };
}

/** One sentence a screen reader can say for a read-out. */
export function describeReadout(r) {
  const stages = r.stages.length ? `; stages ${r.stages.join(", ")}` : "";
  return `Minute ${formatMinutes(r.minute)}: ${r.greenPercent}% of production on the new version, ${r.bluePercent}% on the old; ${r.blueTasks} old and ${r.greenTasks} new tasks${r.phase ? `; ${r.phase}` : ""}${stages}`;
}

/**
 * Draws a rollout timeline at `width` pixels (its layout comes from `chartGeometry`, so text
 * keeps its size at any width; the caller redraws when its container's width changes).
 * @param {object} timeline a contract `Timeline`
 * @param {{ width?: number, compact?: boolean, title?: string, interactive?: boolean,
 *   document?: Document, onReadout?: (readout: object) => void, minute?: number }} [options]
 * @returns {SVGSVGElement}
 */
export function renderTimelineChart(timeline, options = {}) {
  const doc = options.document ?? globalThis.document;
  const g = chartGeometry(timeline, { width: options.width, compact: options.compact });
  const { compact, width, height, x, y, plot } = g;
  const interactive = options.interactive ?? !compact;

  const el = (name, attrs = {}, parent) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    if (parent) parent.appendChild(node);
    return node;
  };
  const text = (parent, l, attrs = {}) => {
    const node = el("text", { x: l.x, y: l.y, class: l.cls, "text-anchor": l.anchor === "start" ? undefined : l.anchor, ...attrs }, parent);
    node.textContent = l.text;
    return node;
  };
  const tooltip = (parent, content) => {
    el("title", {}, parent).textContent = content;
  };

  const svg = el("svg", {
    xmlns: SVG_NS,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: `rollout-chart${compact ? " rollout-chart--compact" : ""}`,
    role: "img",
    "data-total-minutes": timeline.totalMinutes,
    // The plot's box, so a test can read minutes and percents back from the drawing.
    "data-plot": `${plot.left} ${plot.top} ${plot.width} ${plot.height}`,
  });
  const title = options.title ?? `${strategyName(timeline.strategy)} rollout over ${formatMinutes(timeline.totalMinutes)} minutes`;
  el("title", {}, svg).textContent = title;
  el("desc", {}, svg).textContent = `Production traffic moves to the new version in ${timeline.trafficSteps.length - 1} changes; peak ${timeline.peakTasks} tasks.`;
  el("rect", { x: 0, y: 0, width, height, class: "rc-bg" }, svg);

  // Header: listeners, then the legend.
  if (!compact) {
    for (const l of g.header) text(svg, l);
    const legend = el("g", { class: "rc-legend" }, svg);
    for (const item of g.header.legend) {
      const cx = item.x + 6;
      const cy = item.y - 4;
      if (item.kind === "swatch-blue") el("rect", { x: item.x, y: cy - 6, width: 12, height: 12, class: "rc-blue" }, legend);
      if (item.kind === "swatch-green") el("rect", { x: item.x, y: cy - 6, width: 12, height: 12, class: "rc-green" }, legend);
      if (item.kind === "stage") el("circle", { cx, cy, r: 3.5, class: "rc-stage-dot" }, legend);
      if (item.kind === "hook") el("path", { d: diamond(cx, cy, 6), class: "rc-stage-hook" }, legend);
      if (item.kind === "delay") el("rect", { x: item.x, y: cy - 3, width: 12, height: 6, class: "rc-delay-bar" }, legend);
      if (item.kind === "count") {
        el("rect", { x: cx - 8, y: cy - 7, width: 16, height: 14, rx: 7, class: "rc-stage-count" }, legend);
        text(legend, { text: "3", x: cx, y: cy + 4, anchor: "middle", cls: "rc-stage-count-text" });
      }
      text(legend, item.label);
    }
  }

  // Phase bands; a label that does not fit its band sits above it, joined by a leader line.
  const bands = el("g", { class: "rc-phases" }, svg);
  for (const p of g.phases) {
    if (!p.drawn) continue;
    const phase = timeline.phases[p.index];
    const band = el("g", { class: `rc-phase rc-phase--${phase.name.toLowerCase().replace(/_/g, "-")}`, "data-index": p.index }, bands);
    el("rect", { x: p.x0, y: g.bands.top, width: Math.max(p.x1 - p.x0, 0.5), height: g.bands.height, class: "rc-phase-rect" }, band);
    el("rect", { x: p.x0, y: plot.top, width: Math.max(p.x1 - p.x0, 0.5), height: plot.height, class: "rc-phase-shade" }, band);
    tooltip(
      band,
      `${phaseLabel(phase)}: minute ${formatMinutes(phase.startMinute)} to ${formatMinutes(phase.endMinute)}, ${phase.greenPercent}% on the new version, ${phase.blueTasks} old and ${phase.greenTasks} new tasks`,
    );
    if (p.leader) el("line", { x1: p.leader.x, x2: p.leader.x, y1: p.leader.y0, y2: p.leader.y1, class: "rc-leader" }, band);
    if (p.label) text(band, p.label);
  }

  // Grid and y axis.
  const grid = el("g", { class: "rc-grid" }, svg);
  for (const tick of g.traffic.yTicks) {
    el("line", { x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y, class: "rc-gridline" }, grid);
    text(grid, tick.label);
  }
  if (!compact) {
    const mid = plot.top + plot.height / 2;
    text(grid, { text: "production traffic", x: 14, y: mid, anchor: "middle", cls: "rc-axis-title" }, { transform: `rotate(-90 14 ${mid})` });
  }

  // Traffic: the new version's share as a stepped area from the bottom, the old one above it.
  const line = g.traffic.line.map(([px, py], i) => `${i ? "L" : "M"} ${px} ${py}`).join(" ");
  el("path", { d: `${line} L ${x(g.total)} ${y(0)} L ${x(0)} ${y(0)} Z`, class: "rc-green rc-area" }, svg);
  el("path", { d: `${line} L ${x(g.total)} ${y(100)} L ${x(0)} ${y(100)} Z`, class: "rc-blue rc-area" }, svg);
  // A Network Load Balancer's delays: a tint over the plot while each delayed stage runs.
  const delayName = (d) => `${d.stage}${d.step ? ` (shift ${d.step})` : ""}`;
  const delayText = (d) =>
    `${delayName(d)}: the Network Load Balancer adds ${formatMinutes(d.delayMinutes)} minutes, minute ${formatMinutes(d.minute)} to ${formatMinutes(d.minute + d.delayMinutes)}`;
  if (g.delays.length) {
    const group = el("g", { class: "rc-delays" }, svg);
    for (const d of g.delays) {
      const band = el("rect", { x: d.x0, y: plot.top, width: Math.max(d.x1 - d.x0, 0.5), height: plot.height, class: "rc-delay-band", "data-minute": d.minute, "data-delay": d.delayMinutes }, group);
      tooltip(band, delayText(d));
    }
  }
  el("path", { d: line, class: "rc-split-line" }, svg);
  for (const l of g.traffic.stepLabels) text(svg, l);

  // Rollback markers.
  if (timeline.rollback) {
    const rb = timeline.rollback;
    const group = el("g", { class: "rc-rollback" }, svg);
    el("line", { x1: g.rollback.x, x2: g.rollback.x, y1: g.bands.top, y2: g.axis.top, class: "rc-rollback-line" }, group);
    if (g.rollback.restoredX !== null) {
      el("line", { x1: g.rollback.restoredX, x2: g.rollback.restoredX, y1: plot.top, y2: plot.bottom, class: "rc-restored-line" }, group);
    }
    for (const l of g.rollback.labels) text(group, l);
    const outcome =
      rb.restoredMinute === null
        ? "the deployment stops there (rollback off), with that share staying on the new version"
        : `production back on the old version at minute ${formatMinutes(rb.restoredMinute)}`;
    tooltip(group, `Failure detected at minute ${formatMinutes(rb.atMinute)} by ${rb.trigger} with ${rb.greenPercentAtFailure}% on the new version; ${outcome}`);
  }

  // Lifecycle stages: one marker per cluster (a count when there are several), hooked ones
  // named below with a leader line.
  const stagesGroup = el("g", { class: "rc-stages" }, svg);
  if (g.stages.laneLabel) text(stagesGroup, g.stages.laneLabel);
  const my = g.stages.markerY;
  // Each delay as a bar along the lane, under the markers of its stage and the next one.
  for (const d of g.delays) {
    const group = el("g", { class: "rc-delay", "data-stage": d.stage, "data-minute": d.minute, "data-delay": d.delayMinutes }, stagesGroup);
    el("rect", { x: d.x0, y: my - 2.5, width: Math.max(d.x1 - d.x0, 0.5), height: 5, rx: 2, class: "rc-delay-bar" }, group);
    if (d.label) {
      el("line", { x1: d.leader.x, x2: d.leader.x, y1: d.leader.y0, y2: d.leader.y1, class: "rc-leader rc-leader--delay" }, group);
      text(group, d.label);
    }
    tooltip(group, delayText(d));
  }
  for (const m of g.stages.markers) {
    const group = el("g", { class: `rc-stage${m.hooked ? " rc-stage--hooked" : ""}${m.count > 1 ? " rc-stage--cluster" : ""}`, "data-count": m.count }, stagesGroup);
    if (compact) {
      if (m.hooked) el("path", { d: diamond(m.x, my, 3.5), class: "rc-stage-hook" }, group);
      else el("circle", { cx: m.x, cy: my, r: 2, class: "rc-stage-dot" }, group);
    } else if (m.count > 1) {
      el("rect", { x: m.x - 8, y: my - 7, width: 16, height: 14, rx: 7, class: m.hooked ? "rc-stage-count rc-stage-count--hooked" : "rc-stage-count" }, group);
      text(group, { text: String(m.count), x: m.x, y: my + 4, anchor: "middle", cls: "rc-stage-count-text" });
    } else if (m.hooked) {
      el("path", { d: diamond(m.x, my, 6), class: "rc-stage-hook" }, group);
    } else {
      el("circle", { cx: m.x, cy: my, r: 3.5, class: "rc-stage-dot" }, group);
    }
    tooltip(
      group,
      m.stages
        .map((s) => `${s.stage}${s.step ? ` (shift ${s.step})` : ""} at minute ${formatMinutes(s.minute)}${s.hooked ? ": calls the lifecycle hook" : ""}`)
        .join("\n"),
    );
  }
  for (const l of g.stages.labels) {
    const group = el("g", { class: "rc-stage-callout" }, stagesGroup);
    el("line", { x1: l.leader.x, x2: l.leader.x, y1: l.leader.y0, y2: l.leader.y1, class: "rc-leader rc-leader--hook" }, group);
    text(group, l);
  }

  // Task lanes.
  for (const lane of g.lanes) {
    const group = el("g", { class: "rc-lane", "data-key": lane.key }, svg);
    el("rect", { x: plot.left, y: lane.top, width: plot.width, height: lane.height, class: "rc-lane-bg" }, group);
    if (lane.label) text(group, lane.label);
    lane.segments.forEach((s, index) => {
      if (s.barHeight > 0) {
        el("rect", { x: s.x0, y: lane.top + lane.height - s.barHeight, width: Math.max(s.x1 - s.x0, 0.5), height: s.barHeight, class: `${lane.cls} rc-lane-bar`, "data-index": index, "data-count": s.count }, group);
      }
      if (s.label) text(group, s.label, { "data-index": index });
    });
  }
  if (g.peak) {
    const laneTop = g.lanes[0].top;
    const bottom = g.lanes[1].top + g.lanes[1].height;
    const group = el("g", { class: "rc-peak" }, svg);
    el("line", { x1: g.peak.x, x2: g.peak.x, y1: laneTop - 3, y2: bottom, class: "rc-peak-line" }, group);
    el("path", { d: `M ${g.peak.x - 4} ${laneTop - 8} L ${g.peak.x + 4} ${laneTop - 8} L ${g.peak.x} ${laneTop - 2} Z`, class: "rc-peak-mark" }, group);
    if (g.peak.label) text(group, g.peak.label);
    tooltip(group, `Peak: ${timeline.peakTasks} tasks running at once from minute ${formatMinutes(g.peak.minute)}`);
  }

  // Minute axis.
  const axis = el("g", { class: "rc-axis" }, svg);
  el("line", { x1: plot.left, x2: plot.right, y1: g.axis.top, y2: g.axis.top, class: "rc-axis-line" }, axis);
  for (const tick of g.axis.ticks) {
    el("line", { x1: tick.x, x2: tick.x, y1: g.axis.top, y2: g.axis.top + 4, class: "rc-axis-line" }, axis);
    text(axis, tick.label);
  }
  if (g.axis.title) text(axis, g.axis.title);

  if (interactive) addReadout(svg, timeline, { el, text, x, left: plot.left, plotWidth: plot.width, total: g.total, bandTop: g.bands.top, axisTop: g.axis.top, plotTop: plot.top, options });
  return svg;
}

const diamond = (cx, cy, r) => `M ${cx} ${cy - r} L ${cx + r} ${cy} L ${cx} ${cy + r} L ${cx - r} ${cy} Z`;

/** The hover and keyboard read-out: a crosshair with minute, traffic split and task counts. */
function addReadout(svg, timeline, ctx) {
  const { el, text, x, left, plotWidth, total, bandTop, axisTop, plotTop, options } = ctx;
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight Home End");
  const layer = el("g", { class: "rc-readout", visibility: "hidden" }, svg);
  const line = el("line", { y1: bandTop, y2: axisTop, class: "rc-readout-line" }, layer);
  const box = el("g", {}, layer);
  const boxWidth = Math.min(250, plotWidth);
  el("rect", { x: 0, y: 0, width: boxWidth, height: 66, rx: 4, class: "rc-readout-box" }, box);
  const lines = [0, 1, 2, 3].map((i) => text(box, { text: "", x: 8, y: 15 + i * 15, anchor: "start", cls: i === 0 ? "rc-readout-title" : "rc-readout-text" }));
  const overlay = el("rect", { x: left, y: bandTop, width: plotWidth, height: axisTop - bandTop, class: "rc-overlay" }, svg);

  let current = null;
  const show = (minute) => {
    const m = Math.min(Math.max(minute, 0), total);
    current = m;
    const r = readoutAt(timeline, m);
    const px = x(m);
    line.setAttribute("x1", String(px));
    line.setAttribute("x2", String(px));
    const bx = Math.max(left, px + boxWidth + 12 > left + plotWidth ? px - boxWidth - 8 : px + 8);
    box.setAttribute("transform", `translate(${bx}, ${plotTop + 36})`);
    lines[0].textContent = `minute ${formatMinutes(m)}${r.phase ? ` · ${r.phase}` : ""}`;
    lines[1].textContent = `traffic: ${r.greenPercent}% new · ${r.bluePercent}% old`;
    lines[2].textContent = `tasks: ${r.greenTasks} new · ${r.blueTasks} old`;
    lines[3].textContent = r.stages.length ? `stages: ${r.stages.join(", ")}` : "";
    layer.setAttribute("visibility", "visible");
    options.onReadout?.(r);
  };
  const hide = () => {
    layer.setAttribute("visibility", "hidden");
    options.onReadout?.(null);
  };
  const minuteFromEvent = (event) => {
    const rect = svg.getBoundingClientRect();
    const viewBox = svg.viewBox.baseVal;
    const scale = viewBox.width / rect.width;
    const vx = (event.clientX - rect.left) * scale;
    return Math.round(((vx - left) / plotWidth) * total * 10) / 10;
  };
  overlay.addEventListener("pointermove", (event) => show(minuteFromEvent(event)));
  overlay.addEventListener("pointerleave", hide);
  svg.addEventListener("focus", () => show(current ?? 0));
  svg.addEventListener("blur", hide);
  svg.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 10 : 1;
    let next = null;
    if (event.key === "ArrowRight") next = Math.floor((current ?? 0) + step);
    if (event.key === "ArrowLeft") next = Math.ceil((current ?? 0) - step);
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = total;
    if (next !== null) {
      event.preventDefault();
      show(next);
    }
  });
  if (typeof options.minute === "number") show(options.minute);
}

/** The presentation properties that chart.css sets, copied onto a clone for a standalone file. */
const INLINED = ["fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "visibility"];

/**
 * Returns a standalone copy of a rendered chart with every CSS-derived style written as
 * attributes, so it looks the same outside the page (SVG download, PNG rendering).
 */
export function inlineChartStyles(svg) {
  const clone = svg.cloneNode(true);
  const live = [svg, ...svg.querySelectorAll("*")];
  const copies = [clone, ...clone.querySelectorAll("*")];
  live.forEach((node, i) => {
    const style = getComputedStyle(node);
    for (const property of INLINED) {
      const value = style.getPropertyValue(property);
      if (value) copies[i].setAttribute(property, value);
    }
  });
  for (const node of clone.querySelectorAll(".rc-overlay, .rc-readout")) node.remove();
  clone.removeAttribute("tabindex");
  return clone;
}
