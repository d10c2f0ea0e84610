// The rollout timeline chart: a pure function from a contract `Timeline` to an SVG element.
// Minutes run across; the production traffic split is a stepped area (old version above, new
// version below); phases are labelled bands; lifecycle stages are markers, hooked ones larger
// and labelled; one lane per version shows its task count with the peak marked; the listeners
// and a rollback, when simulated, are drawn too. Colours come from CSS classes (see chart.css),
// so the same element follows the page theme; `inlineChartStyles` bakes them in for export.
// The playground and the docs-site web component share this module.

const SVG_NS = "http://www.w3.org/2000/svg";

const PHASE_LABELS = {
  SCALE_UP: "Scale up",
  TEST_TRAFFIC: "Test traffic",
  CANARY_BAKE: "Canary bake",
  STEP_BAKE: "Step bake",
  BAKE_TIME: "Bake time",
  CLEAN_UP: "Clean up",
  ROLLING_WAVE: "Rolling wave",
  ROLLBACK: "Rollback",
};

/** A phase's display name, with its step number when it has one. */
export function phaseLabel(phase) {
  const name = PHASE_LABELS[phase.name] ?? phase.name;
  return phase.step ? `${name} ${phase.step}` : name;
}

/** Formats minutes without float noise: 12, 2.5, 0.3. */
export function formatMinutes(minutes) {
  return String(Math.round(minutes * 10) / 10);
}

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

function niceStep(total, maxTicks) {
  const candidates = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880];
  for (const step of candidates) if (total / step <= maxTicks) return step;
  return Math.ceil(total / maxTicks);
}

/**
 * Draws a rollout timeline.
 * @param {object} timeline a contract `Timeline`
 * @param {{ width?: number, compact?: boolean, title?: string, interactive?: boolean,
 *   document?: Document, onReadout?: (readout: object) => void, minute?: number }} [options]
 * @returns {SVGSVGElement}
 */
export function renderTimelineChart(timeline, options = {}) {
  const doc = options.document ?? globalThis.document;
  const compact = Boolean(options.compact);
  const interactive = options.interactive ?? !compact;
  const width = options.width ?? (compact ? 360 : 880);
  const total = Math.max(timeline.totalMinutes, 1e-9);

  const el = (name, attrs = {}, parent) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    if (parent) parent.appendChild(node);
    return node;
  };
  const text = (parent, x, y, content, attrs = {}) => {
    const node = el("text", { x, y, ...attrs }, parent);
    node.textContent = content;
    return node;
  };
  const tooltip = (parent, content) => {
    el("title", {}, parent).textContent = content;
  };

  const left = compact ? 34 : 64;
  const right = compact ? 8 : 16;
  const plotWidth = width - left - right;
  const x = (minute) => left + (Math.min(Math.max(minute, 0), total) / total) * plotWidth;

  // Vertical layout, top to bottom. Narrower than the playground's 880, the legend gets its own
  // line under the listeners so the two never overlap (the docs-site component draws at its width).
  const legendBelow = !compact && width < 820;
  const headerHeight = compact ? 0 : legendBelow ? 40 : 22;
  const bandTop = headerHeight + 4;
  const bandHeight = compact ? 16 : 24;
  const plotTop = bandTop + bandHeight + 6;
  const plotHeight = compact ? 70 : 150;
  const plotBottom = plotTop + plotHeight;
  const stageStacks = new Map();
  for (const stage of timeline.stages) {
    const key = Math.round(stage.minute * 10);
    stageStacks.set(key, (stageStacks.get(key) ?? 0) + 1);
  }
  const maxStack = Math.max(1, ...stageStacks.values());
  const stageRow = compact ? 6 : 11;
  const stageTop = plotBottom + 8;
  const stageHeight = compact ? 10 : maxStack * stageRow + 8;
  const laneHeight = compact ? 14 : 26;
  const laneGap = 4;
  const laneTop = stageTop + stageHeight + (compact ? 2 : 8);
  const axisTop = laneTop + 2 * laneHeight + laneGap + 4;
  const height = axisTop + (compact ? 16 : 34);
  const y = (percent) => plotTop + plotHeight - (percent / 100) * plotHeight;

  const svg = el("svg", {
    xmlns: SVG_NS,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: `rollout-chart${compact ? " rollout-chart--compact" : ""}`,
    role: "img",
    "data-total-minutes": timeline.totalMinutes,
  });
  const title = options.title ?? `${timeline.strategy} rollout over ${formatMinutes(timeline.totalMinutes)} minutes`;
  el("title", {}, svg).textContent = title;
  const summary = `Production traffic moves to the new version in ${timeline.trafficSteps.length - 1} changes; peak ${timeline.peakTasks} tasks.`;
  el("desc", {}, svg).textContent = summary;
  el("rect", { x: 0, y: 0, width, height, class: "rc-bg" }, svg);

  // Header: listeners on the left, legend on the right.
  if (!compact) {
    const listeners = timeline.listeners;
    const listenerText = listeners
      ? `Production listener :${listeners.production.port} ${listeners.production.protocol}` +
        (listeners.test ? `  ·  Test listener :${listeners.test.port} ${listeners.test.protocol}` : "  ·  no test listener")
      : "No load balancer: no listeners";
    text(svg, left, 15, listenerText, { class: "rc-listeners" });
    const legend = el("g", { class: "rc-legend", transform: legendBelow ? `translate(${left}, 23)` : `translate(${width - right - 372}, 5)` }, svg);
    el("rect", { x: 0, y: 0, width: 12, height: 12, class: "rc-blue" }, legend);
    text(legend, 17, 10, "old version (blue)", { class: "rc-small" });
    el("rect", { x: 122, y: 0, width: 12, height: 12, class: "rc-green" }, legend);
    text(legend, 139, 10, "new version (green)", { class: "rc-small" });
    el("circle", { cx: 256, cy: 6, r: 3, class: "rc-stage-dot" }, legend);
    text(legend, 263, 10, "stage", { class: "rc-small" });
    el("path", { d: "M 304 0.5 L 309.5 6 L 304 11.5 L 298.5 6 Z", class: "rc-stage-hook" }, legend);
    text(legend, 314, 10, "hooked stage", { class: "rc-small" });
  }

  // Phase bands, labelled when they are wide enough.
  const bands = el("g", { class: "rc-phases" }, svg);
  for (const phase of timeline.phases) {
    // A phase of no length (a test-traffic shift with no hook) has nothing to draw; the table lists it.
    if (phase.endMinute <= phase.startMinute) continue;
    const x0 = x(phase.startMinute);
    const x1 = x(phase.endMinute);
    const band = el("g", { class: `rc-phase rc-phase--${phase.name.toLowerCase().replace(/_/g, "-")}` }, bands);
    el("rect", { x: x0, y: bandTop, width: Math.max(x1 - x0, 0.5), height: bandHeight, class: "rc-phase-rect" }, band);
    el("rect", { x: x0, y: plotTop, width: Math.max(x1 - x0, 0.5), height: plotHeight, class: "rc-phase-shade" }, band);
    const label = phaseLabel(phase);
    tooltip(
      band,
      `${label}: minute ${formatMinutes(phase.startMinute)} to ${formatMinutes(phase.endMinute)}, ${phase.greenPercent}% on the new version, ${phase.blueTasks} old and ${phase.greenTasks} new tasks`,
    );
    const charWidth = compact ? 5 : 6.4;
    const room = x1 - x0 - 6;
    if (room > charWidth * 3) {
      const fits = Math.floor(room / charWidth);
      const shown = label.length <= fits ? label : `${label.slice(0, Math.max(fits - 1, 1))}…`;
      text(band, x0 + 4, bandTop + bandHeight / 2 + 4, shown, { class: "rc-phase-label" });
    }
  }

  // Grid and y axis.
  const grid = el("g", { class: "rc-grid" }, svg);
  for (const percent of compact ? [0, 100] : [0, 25, 50, 75, 100]) {
    el("line", { x1: left, x2: left + plotWidth, y1: y(percent), y2: y(percent), class: "rc-gridline" }, grid);
    text(grid, left - 6, y(percent) + 4, `${percent}%`, { class: "rc-axis-label", "text-anchor": "end" });
  }
  if (!compact) {
    text(grid, 12, plotTop + plotHeight / 2, "production traffic", {
      class: "rc-axis-title",
      transform: `rotate(-90 12 ${plotTop + plotHeight / 2})`,
      "text-anchor": "middle",
    });
  }

  // Traffic: the new version's share as a stepped area from the bottom, the old one above it.
  const steps = timeline.trafficSteps.length ? timeline.trafficSteps : [{ minute: 0, greenPercent: 0 }];
  let greenLine = `M ${x(0)} ${y(steps[0].greenPercent)}`;
  for (let i = 1; i < steps.length; i++) {
    greenLine += ` H ${x(steps[i].minute)} V ${y(steps[i].greenPercent)}`;
  }
  greenLine += ` H ${x(total)}`;
  el("path", { d: `${greenLine} V ${y(0)} H ${x(0)} Z`, class: "rc-green rc-area" }, svg);
  el("path", { d: `${greenLine} V ${y(100)} H ${x(0)} Z`, class: "rc-blue rc-area" }, svg);
  el("path", { d: greenLine, class: "rc-split-line" }, svg);
  if (!compact) {
    for (let i = 1; i < steps.length; i++) {
      const sx = x(steps[i].minute);
      const sy = y(steps[i].greenPercent);
      const nearEnd = sx > left + plotWidth - 34;
      const label = text(svg, nearEnd ? sx - 3 : sx + 3, Math.max(sy - 4, plotTop + 10), `${steps[i].greenPercent}%`, {
        class: "rc-step-label",
        "text-anchor": nearEnd ? "end" : "start",
      });
      if (i + 1 < steps.length && x(steps[i + 1].minute) - sx < 30) label.setAttribute("class", "rc-step-label rc-hidden");
    }
  }

  // Rollback markers.
  if (timeline.rollback) {
    const rb = timeline.rollback;
    const g = el("g", { class: "rc-rollback" }, svg);
    el("line", { x1: x(rb.atMinute), x2: x(rb.atMinute), y1: bandTop, y2: axisTop, class: "rc-rollback-line" }, g);
    el("line", { x1: x(rb.restoredMinute), x2: x(rb.restoredMinute), y1: plotTop, y2: plotBottom, class: "rc-restored-line" }, g);
    if (!compact) {
      const anchor = x(rb.atMinute) > left + plotWidth * 0.6 ? "end" : "start";
      const dx = anchor === "end" ? -4 : 4;
      text(g, x(rb.atMinute) + dx, plotTop + 14, `failure at ${formatMinutes(rb.atMinute)} min (${rb.trigger})`, { class: "rc-rollback-label", "text-anchor": anchor });
      text(g, x(rb.atMinute) + dx, plotTop + 28, `back to 0% new at ${formatMinutes(rb.restoredMinute)} min`, { class: "rc-rollback-label", "text-anchor": anchor });
    }
    tooltip(g, `Failure detected at minute ${formatMinutes(rb.atMinute)} by ${rb.trigger} with ${rb.greenPercentAtFailure}% on the new version; production back on the old version at minute ${formatMinutes(rb.restoredMinute)}`);
  }

  // Lifecycle stage markers, stacked when several fire in the same minute.
  const stagesGroup = el("g", { class: "rc-stages" }, svg);
  if (!compact) text(stagesGroup, left - 6, stageTop + 9, "stages", { class: "rc-axis-label", "text-anchor": "end" });
  const stackIndex = new Map();
  for (const stage of timeline.stages) {
    const key = Math.round(stage.minute * 10);
    const index = stackIndex.get(key) ?? 0;
    stackIndex.set(key, index + 1);
    const sx = x(stage.minute);
    const sy = stageTop + 5 + index * stageRow;
    const g = el("g", { class: `rc-stage${stage.hooked ? " rc-stage--hooked" : ""}` }, stagesGroup);
    if (stage.hooked) {
      const r = compact ? 3.5 : 5.5;
      el("path", { d: `M ${sx} ${sy - r} L ${sx + r} ${sy} L ${sx} ${sy + r} L ${sx - r} ${sy} Z`, class: "rc-stage-hook" }, g);
      if (!compact) text(g, sx + 8, sy + 4, `${stage.stage}${stage.step ? ` #${stage.step}` : ""} (hook)`, { class: "rc-stage-label" });
    } else {
      el("circle", { cx: sx, cy: sy, r: compact ? 1.8 : 3, class: "rc-stage-dot" }, g);
    }
    tooltip(g, `${stage.stage}${stage.step ? ` (shift ${stage.step})` : ""} at minute ${formatMinutes(stage.minute)}${stage.hooked ? ": calls the lifecycle hook" : ""}`);
  }

  // Task lanes: old version, then new version, each scaled to the peak.
  const peak = Math.max(timeline.peakTasks, 1);
  const lanes = [
    { key: "blueTasks", label: "old tasks", cls: "rc-blue" },
    { key: "greenTasks", label: "new tasks", cls: "rc-green" },
  ];
  lanes.forEach((lane, i) => {
    const top = laneTop + i * (laneHeight + laneGap);
    const g = el("g", { class: "rc-lane" }, svg);
    el("rect", { x: left, y: top, width: plotWidth, height: laneHeight, class: "rc-lane-bg" }, g);
    if (!compact) text(g, left - 6, top + laneHeight / 2 + 4, lane.label, { class: "rc-axis-label", "text-anchor": "end" });
    for (const phase of timeline.phases) {
      const count = phase[lane.key];
      const x0 = x(phase.startMinute);
      const x1 = x(phase.endMinute);
      const h = (count / peak) * (laneHeight - 2);
      if (h > 0) el("rect", { x: x0, y: top + laneHeight - h, width: Math.max(x1 - x0, 0.5), height: h, class: `${lane.cls} rc-lane-bar` }, g);
      if (!compact && x1 - x0 > 18) text(g, (x0 + x1) / 2, top + laneHeight / 2 + 4, String(count), { class: "rc-lane-count", "text-anchor": "middle" });
    }
  });
  // The peak: the first phase where both versions together reach peakTasks.
  const peakPhase = timeline.phases.find((p) => p.blueTasks + p.greenTasks === timeline.peakTasks);
  if (peakPhase) {
    const px = x(peakPhase.startMinute);
    const g = el("g", { class: "rc-peak" }, svg);
    el("line", { x1: px, x2: px, y1: laneTop - 3, y2: laneTop + 2 * laneHeight + laneGap, class: "rc-peak-line" }, g);
    el("path", { d: `M ${px - 4} ${laneTop - 8} L ${px + 4} ${laneTop - 8} L ${px} ${laneTop - 2} Z`, class: "rc-peak-mark" }, g);
    if (!compact) {
      const anchor = px > left + plotWidth * 0.7 ? "end" : "start";
      text(g, px + (anchor === "end" ? -7 : 7), laneTop - 2, `peak ${timeline.peakTasks} tasks`, { class: "rc-peak-label", "text-anchor": anchor });
    }
    tooltip(g, `Peak: ${timeline.peakTasks} tasks running at once from minute ${formatMinutes(peakPhase.startMinute)}`);
  }

  // Minute axis.
  const axis = el("g", { class: "rc-axis" }, svg);
  el("line", { x1: left, x2: left + plotWidth, y1: axisTop, y2: axisTop, class: "rc-axis-line" }, axis);
  const tickStep = niceStep(total, compact ? 4 : Math.max(4, Math.floor(plotWidth / 70)));
  for (let m = 0; m <= total + 1e-9; m += tickStep) {
    el("line", { x1: x(m), x2: x(m), y1: axisTop, y2: axisTop + 4, class: "rc-axis-line" }, axis);
    text(axis, x(m), axisTop + (compact ? 13 : 16), formatMinutes(m), { class: "rc-axis-label", "text-anchor": "middle" });
  }
  if (!compact) text(axis, left + plotWidth, axisTop + 30, "minutes from the start of the deployment", { class: "rc-axis-title", "text-anchor": "end" });

  if (interactive) addReadout(svg, timeline, { el, text, x, left, plotWidth, total, bandTop, axisTop, plotTop, options });
  return svg;
}

/** The hover and keyboard read-out: a crosshair with minute, traffic split and task counts. */
function addReadout(svg, timeline, ctx) {
  const { el, text, x, left, plotWidth, total, bandTop, axisTop, plotTop, options } = ctx;
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight Home End");
  const layer = el("g", { class: "rc-readout", visibility: "hidden" }, svg);
  const line = el("line", { y1: bandTop, y2: axisTop, class: "rc-readout-line" }, layer);
  const box = el("g", {}, layer);
  const boxWidth = 212;
  el("rect", { x: 0, y: 0, width: boxWidth, height: 66, rx: 4, class: "rc-readout-box" }, box);
  const lines = [0, 1, 2, 3].map((i) => text(box, 8, 15 + i * 15, "", { class: i === 0 ? "rc-readout-title" : "rc-readout-text" }));
  const overlay = el("rect", { x: left, y: bandTop, width: plotWidth, height: axisTop - bandTop, class: "rc-overlay" }, svg);

  let current = null;
  const show = (minute) => {
    const m = Math.min(Math.max(minute, 0), total);
    current = m;
    const r = readoutAt(timeline, m);
    const px = x(m);
    line.setAttribute("x1", String(px));
    line.setAttribute("x2", String(px));
    const bx = px + boxWidth + 12 > left + plotWidth ? px - boxWidth - 8 : px + 8;
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
const INLINED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "visibility"];

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
