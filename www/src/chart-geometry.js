// The rollout chart's geometry: a pure function from a contract `Timeline` and a width in pixels
// to every position the chart draws (the stepped traffic area, the phase bands and their
// labels, the lifecycle stage markers and their labels, the task lanes and their counts, the
// axis, a Network Load Balancer's delays). `chart.js` only turns this into SVG elements, so
// tests can hold the drawing to the data (the area's corners are the traffic steps, the bands'
// edges the phases' minutes, the delay bands the delayed stage runs) and check that no two
// labels overlap at any width, without a browser.
//
// Text widths are estimated from the character classes of DejaVu Sans, the widest common UI
// sans-serif, rounded up: an estimate too small would let labels touch. Every text is at least
// 11 px: the chart is laid out at the width it is shown at, never scaled down.

/** Font sizes in pixels; nothing in the chart is smaller than `MIN_FONT`. */
export const MIN_FONT = 11;
export const FONT = { label: 11, listener: 12 };

/** Whether a stage run carries a Network Load Balancer's delay (`delayMinutes`, facts section 10). */
export function hasDelay(stage) {
  return typeof stage.delayMinutes === "number" && stage.delayMinutes > 0;
}

/** The least room kept between two labels. */
const GAP = 4;

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

const STRATEGY_NAMES = { ROLLING: "Rolling", BLUE_GREEN: "Blue/green", CANARY: "Canary", LINEAR: "Linear" };

/** A strategy's display name. */
export function strategyName(strategy) {
  return STRATEGY_NAMES[strategy] ?? String(strategy);
}

/** Formats minutes without float noise: 12, 2.5, 0.3. */
export function formatMinutes(minutes) {
  return String(Math.round(minutes * 10) / 10);
}

/** An upper estimate of a text's width in pixels at `size`, bold or not. */
export function textWidth(content, size = FONT.label, bold = false) {
  let ems = 0;
  for (const ch of String(content)) {
    if (ch === " ") ems += 0.32;
    else if ("iljIftr!.,:;'|·".includes(ch)) ems += 0.4;
    else if ("%#+mwMW@=<>~".includes(ch)) ems += 0.98;
    else if (ch === "_") ems += 0.52;
    else if (ch >= "0" && ch <= "9") ems += 0.65;
    else if (ch >= "A" && ch <= "Z") ems += 0.74;
    else if (ch >= "a" && ch <= "z") ems += 0.62;
    else ems += 0.7;
  }
  return ems * size * (bold ? 1.12 : 1);
}

/**
 * The box a text occupies: `x`, `y` are its anchor point and baseline as SVG draws them.
 * @returns {{ x0: number, y0: number, x1: number, y1: number }}
 */
export function textBox(content, x, y, { size = FONT.label, bold = false, anchor = "start" } = {}) {
  const w = textWidth(content, size, bold);
  const x0 = anchor === "end" ? x - w : anchor === "middle" ? x - w / 2 : x;
  return { x0, y0: y - size * 0.8, x1: x0 + w, y1: y + size * 0.25 };
}

/** Whether two boxes overlap, `gap` pixels of room included. */
export function overlaps(a, b, gap = 0) {
  return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
}

const label = (content, x, y, { size = FONT.label, bold = true, anchor = "start", cls } = {}) => ({
  text: content,
  x,
  y,
  anchor,
  size,
  bold,
  cls,
  box: textBox(content, x, y, { size, bold, anchor }),
});

/** The minute axis step: the smallest round number of minutes that leaves room for its labels. */
function tickStep(total, maxTicks) {
  const candidates = [0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880];
  for (const step of candidates) if (total / step <= maxTicks) return step;
  return Math.ceil(total / maxTicks);
}

/**
 * Places labels in rows without overlap. Each item offers texts, longest first, and a function
 * giving its label and its leader line (a box, or null) in a row; the first text and row whose
 * label and leader stay inside `[minX, maxX]` and clear of everything placed is taken. Items
 * that fit nowhere get no label (their marker and tooltip remain).
 */
function placeInRows(items, rows, occupied, minX, maxX) {
  const placed = [];
  for (const item of items) {
    let chosen = null;
    for (const content of item.texts) {
      for (let row = 0; row < rows && !chosen; row++) {
        const candidate = item.at(content, row);
        const boxes = candidate.leader ? [candidate.label.box, candidate.leader] : [candidate.label.box];
        const inside = candidate.label.box.x0 >= minX && candidate.label.box.x1 <= maxX;
        if (inside && boxes.every((box) => occupied.every((other) => !overlaps(box, other, GAP)))) {
          chosen = { ...candidate, row, item };
          occupied.push(...boxes);
        }
      }
      if (chosen) break;
    }
    if (chosen) placed.push(chosen);
  }
  return placed;
}

/**
 * Places labels as `placeInRows` does, in two passes: first every text where it belongs
 * (`shift: false`), then, for the items left without a label, the texts moved left
 * (`shift: true`). A label moved left lies across the leaders of the markers it passes over, so
 * it takes a row only once their own labels have taken theirs.
 */
function placeMovedLast(items, rows, occupied, minX, maxX) {
  const only = (shift) => (item) => ({ ...item, texts: item.texts.filter((t) => t.shift === shift), original: item });
  const first = placeInRows(items.map(only(false)), rows, occupied, minX, maxX);
  const labelled = new Set(first.map((p) => p.item.original));
  const second = placeInRows(items.filter((item) => !labelled.has(item)).map(only(true)), rows, occupied, minX, maxX);
  return [...first, ...second];
}

/**
 * Places every item's label if it can: `placeMovedLast` with every text offered, then, while
 * some item is left without a label, again with each item's longest text left out (a text's
 * `rank` is its place among the item's texts, longest first; an item keeps at least its
 * shortest). Long names where there is room, short ones everywhere rather than some missing;
 * the trial that labels the most items wins, the first of equals.
 */
function placeAll(items, rows, occupied, minX, maxX) {
  const levels = Math.max(1, ...items.map((item) => item.texts.length));
  let best = null;
  for (let drop = 0; drop < levels; drop++) {
    const trial = [...occupied];
    const offered = items.map((item) => {
      const last = Math.max(...item.texts.map((t) => t.rank));
      return { ...item, texts: item.texts.filter((t) => t.rank >= Math.min(drop, last)) };
    });
    const placed = placeMovedLast(offered, rows, trial, minX, maxX);
    if (!best || placed.length > best.placed.length) best = { placed, trial };
    if (placed.length === items.length) break;
  }
  occupied.splice(0, occupied.length, ...best.trial);
  return best.placed;
}

/**
 * A listener's header text with only what the source gives: the Portkey module names the port
 * and protocol, while Terraform, CloudFormation and ECS API sources give neither (both null).
 */
export function listenerText(role, listener) {
  const port = listener?.port ?? null;
  const protocol = listener?.protocol ?? null;
  if (port === null && protocol === null) return `${role} listener (port not given)`;
  if (port === null) return `${role} listener ${protocol} (port not given)`;
  return protocol === null ? `${role} listener :${port}` : `${role} listener :${port} ${protocol}`;
}

/**
 * Lays out a timeline chart.
 * @param {object} timeline a contract `Timeline`
 * @param {{ width?: number, compact?: boolean }} [options]
 */
export function chartGeometry(timeline, options = {}) {
  const compact = Boolean(options.compact);
  const width = Math.max(Math.round(options.width ?? (compact ? 360 : 880)), compact ? 200 : 300);
  const total = Math.max(timeline.totalMinutes, 1e-9);
  const left = compact ? 44 : 70;
  const right = compact ? 8 : 14;
  const plotWidth = width - left - right;
  const x = (minute) => left + (Math.min(Math.max(minute, 0), total) / total) * plotWidth;
  const texts = [];

  // Header: the listeners, then the legend, each item flowing onto a new line when the width runs out.
  const header = [];
  let cursorY = 0;
  if (!compact) {
    const listeners = timeline.listeners;
    const parts = listeners
      ? [listenerText("Production", listeners.production), listeners.test ? listenerText("Test", listeners.test) : "no test listener"]
      : ["No load balancer: no listeners"];
    let lineX = 8;
    let lineY = 16;
    for (const part of parts) {
      const w = textWidth(part, FONT.listener, true);
      if (lineX > 8 && lineX + w > width - 8) {
        lineX = 8;
        lineY += 17;
      }
      header.push(label(part, lineX, lineY, { size: FONT.listener, cls: "rc-listeners" }));
      lineX += w + 18;
    }
    const legendItems = [
      ["swatch-blue", "old version (blue)"],
      ["swatch-green", "new version (green)"],
      ["stage", "stage"],
      ["hook", "hooked stage"],
      ["count", "several stages"],
      // Only a timeline behind a Network Load Balancer has delays to explain.
      ...(timeline.stages.some(hasDelay) ? [["delay", "NLB delay"]] : []),
    ];
    const legend = [];
    let legendX = lineX;
    let legendY = lineY;
    for (const [kind, content] of legendItems) {
      const w = 18 + textWidth(content, FONT.label) + 14;
      if (legendX + w > width - 8) {
        legendX = 8;
        legendY += 17;
      }
      const item = label(content, legendX + 18, legendY, { bold: false, cls: "rc-small" });
      legend.push({ kind, x: legendX, y: legendY, label: item });
      texts.push(item);
      legendX += w;
    }
    header.legend = legend;
    cursorY = legendY + 8;
  }
  texts.push(...header);

  // Phase bands, labelled inside when the label fits and above otherwise, in up to two rows.
  const bandHeight = compact ? 16 : 24;
  const outerRowHeight = 16;
  const drawn = timeline.phases.map((phase, index) => ({ phase, index, x0: x(phase.startMinute), x1: x(phase.endMinute) }));
  // A phase of no length (a test-traffic shift with no hook) has nothing to draw; the tables list it.
  const bands = drawn.filter((b) => b.phase.endMinute > b.phase.startMinute);
  const outside = [];
  for (const band of bands) {
    const content = phaseLabel(band.phase);
    const fits = textWidth(content, FONT.label, true) + 8 <= band.x1 - band.x0;
    if (fits) band.inside = content;
    else outside.push(band);
  }
  const outerRows = compact ? 0 : 3;
  const outerTop = cursorY + 2;
  // Outer rows count upwards from the bands; their height is known once they are placed, so
  // place them against a provisional band top and shift everything after.
  const provisionalBandTop = outerTop + outerRows * outerRowHeight + 4;
  const outerOccupied = [];
  const outerPlaced = placeInRows(
    [...outside].reverse().map((band) => ({
      band,
      texts: [phaseLabel(band.phase)],
      at(content, row) {
        const baseline = provisionalBandTop - 5 - row * outerRowHeight;
        const mid = (band.x0 + band.x1) / 2;
        const x0 = Math.max(Math.min(mid - 4, width - 6 - textWidth(content, FONT.label, true)), 6);
        const l = label(content, x0, baseline, { cls: "rc-phase-label rc-phase-label--outside" });
        return { label: l, leader: { x0: mid - 0.5, x1: mid + 0.5, y0: baseline + 3, y1: provisionalBandTop } };
      },
    })),
    outerRows,
    outerOccupied,
    4,
    width - 4,
  );
  const usedOuterRows = outerPlaced.length ? Math.max(...outerPlaced.map((p) => p.row)) + 1 : 0;
  const shiftUp = (outerRows - usedOuterRows) * outerRowHeight;
  const bandTop = provisionalBandTop - shiftUp - (compact ? 2 : 0);
  for (const p of outerPlaced) {
    p.label = label(p.label.text, p.label.x, p.label.y - shiftUp, { cls: p.label.cls });
    p.leader = { x: (p.item.band.x0 + p.item.band.x1) / 2, y0: p.label.y + 3, y1: bandTop };
    p.item.band.outside = p.label;
    p.item.band.leader = p.leader;
  }
  const phases = drawn.map((b) => ({
    name: b.phase.name,
    index: b.index,
    x0: b.x0,
    x1: b.x1,
    drawn: b.phase.endMinute > b.phase.startMinute,
    label: b.inside ? label(b.inside, b.x0 + 4, bandTop + bandHeight / 2 + 4, { cls: "rc-phase-label" }) : (b.outside ?? null),
    leader: b.leader ?? null,
  }));
  for (const p of phases) if (p.label) texts.push(p.label);

  // The traffic plot.
  const plotTop = bandTop + bandHeight + 6;
  const plotHeight = compact ? 70 : 150;
  const plotBottom = plotTop + plotHeight;
  const y = (percent) => plotTop + plotHeight - (percent / 100) * plotHeight;
  const steps = timeline.trafficSteps.length ? timeline.trafficSteps : [{ minute: 0, greenPercent: 0 }];
  // The stepped line's corners: each level holds until the next step's minute, then jumps.
  const line = [[x(0), y(steps[0].greenPercent)]];
  for (let i = 1; i < steps.length; i++) {
    line.push([x(steps[i].minute), y(steps[i - 1].greenPercent)], [x(steps[i].minute), y(steps[i].greenPercent)]);
  }
  line.push([x(total), y(steps[steps.length - 1].greenPercent)]);
  const yTicks = (compact ? [0, 100] : [0, 25, 50, 75, 100]).map((percent) => ({
    percent,
    y: y(percent),
    label: label(`${percent}%`, left - 6, y(percent) + 4, { bold: false, anchor: "end", cls: "rc-axis-label" }),
  }));
  texts.push(...yTicks.map((t) => t.label));

  const plotOccupied = [];
  let rollback = null;
  if (timeline.rollback) {
    const rb = timeline.rollback;
    const ax = x(rb.atMinute);
    // `restoredMinute` is null when the failed deployment stops where it is (rollback off).
    const stopped = rb.restoredMinute === null;
    const outcome = stopped ? `stopped: ${rb.greenPercentAtFailure}% stays on new` : `back to 0% new at ${formatMinutes(rb.restoredMinute)} min`;
    const lines = compact ? [] : [`failure at ${formatMinutes(rb.atMinute)} min (${rb.trigger})`, outcome];
    const labels = lines.map((content, i) => {
      const w = textWidth(content, FONT.label, true);
      const anchor = ax + 4 + w <= width - right ? "start" : "end";
      let lx = anchor === "start" ? ax + 4 : ax - 4;
      if (anchor === "end" && lx - w < left) lx = left + w;
      return label(content, lx, plotTop + 14 + i * 14, { anchor, cls: "rc-rollback-label" });
    });
    plotOccupied.push(...labels.map((l) => l.box));
    texts.push(...labels);
    rollback = { x: ax, restoredX: stopped ? null : x(rb.restoredMinute), labels };
  }

  // The share at each change, where it has room.
  const stepLabels = [];
  if (!compact) {
    for (let i = 1; i < steps.length; i++) {
      const sx = x(steps[i].minute);
      const sy = y(steps[i].greenPercent);
      const content = `${steps[i].greenPercent}%`;
      const w = textWidth(content, FONT.label, true);
      const anchor = sx + 3 + w > left + plotWidth ? "end" : "start";
      const candidate = label(content, anchor === "end" ? sx - 3 : sx + 3, Math.max(sy - 4, plotTop + 11), { anchor, cls: "rc-step-label" });
      if (candidate.box.x0 >= left && plotOccupied.every((b) => !overlaps(candidate.box, b, GAP))) {
        plotOccupied.push(candidate.box);
        stepLabels.push({ ...candidate, step: i });
      }
    }
  }
  texts.push(...stepLabels);

  // Lifecycle stages: one marker per cluster of stages too close to tell apart, a count when
  // there are several, and a label naming the hooked ones in rows below, joined by a leader.
  const stageTop = plotBottom + 6;
  const markerY = stageTop + 9;
  const spacing = compact ? 8 : 20;
  const clusters = [];
  for (const stage of timeline.stages) {
    const sx = x(stage.minute);
    const last = clusters[clusters.length - 1];
    if (last && sx - last.x < spacing) last.stages.push(stage);
    else clusters.push({ x: sx, minute: stage.minute, stages: [stage] });
  }
  const markers = clusters.map((c) => {
    const hooked = c.stages.filter((s) => s.hooked);
    const count = c.stages.length;
    const half = compact ? 3 : count > 1 ? 8 : 6;
    return { ...c, hooked: hooked.length, count, box: { x0: c.x - half, x1: c.x + half, y0: markerY - 7, y1: markerY + 7 } };
  });
  const stageRows = compact ? 0 : 6;
  const stageRowHeight = 16;
  const stageLabelTop = markerY + 10;
  const stageOccupied = [];
  const stageName = (s) => `${s.stage}${s.step ? ` #${s.step}` : ""}`;
  const hookPlaced = placeAll(
    [...markers]
      .filter((m) => m.hooked > 0)
      .reverse()
      .map((m) => {
        const names = m.stages.filter((s) => s.hooked).map(stageName);
        const more = names.length - 1;
        const options =
          names.length === 1 ? [`${names[0]} (hook)`, names[0]] : [`${names.join(", ")} (hooks)`, `${names[0]} +${more} hook${more === 1 ? "" : "s"}`, `${names.length} hooks`];
        // Labels run rightwards from their marker, so that a label placed in a deeper row
        // leaves the leaders of the markers to its right clear; near the right edge a label
        // moves left only as far as it must, and its leader still meets it.
        // Every text where it belongs first (for every marker), then the shortest moved left first.
        return {
          marker: m,
          texts: [...options.map((content, rank) => ({ content, rank, shift: false })), ...[...options].map((content, rank) => ({ content, rank, shift: true })).reverse()],
          at({ content, shift }, row) {
            const baseline = stageLabelTop + 11 + row * stageRowHeight;
            const x0 = shift ? Math.max(Math.min(m.x - 4, width - 4 - textWidth(content, FONT.label, true)), 4) : Math.max(m.x - 4, 4);
            const l = label(content, x0, baseline, { cls: "rc-stage-label" });
            return { label: l, leader: { x0: m.x - 0.5, x1: m.x + 0.5, y0: markerY + 8, y1: l.box.y0 - 1 } };
          },
        };
      }),
    stageRows,
    stageOccupied,
    4,
    width - 4,
  );
  const stageLabels = hookPlaced.map((p) => ({ ...p.label, x: p.label.x, leader: { x: p.item.marker.x, y0: p.leader.y0, y1: p.leader.y1 }, minute: p.item.marker.minute }));
  texts.push(...stageLabels);

  // A Network Load Balancer's delay on a traffic-shift stage run (`delayMinutes`): a bar along
  // the stage lane and a band over the plot from the stage's minute to the end of its delay,
  // and a label in the stage rows joined to the bar's middle by a leader. The hooks' labels are
  // placed first, so a delay's label takes only the room they leave.
  const delays = timeline.stages.filter(hasDelay).map((s) => ({
    stage: s.stage,
    step: s.step ?? null,
    minute: s.minute,
    delayMinutes: s.delayMinutes,
    x0: x(s.minute),
    x1: x(s.minute + s.delayMinutes),
    label: null,
    leader: null,
  }));
  const delayPlaced = placeAll(
    [...delays].reverse().map((d) => {
      const mid = (d.x0 + d.x1) / 2;
      const minutes = formatMinutes(d.delayMinutes);
      const options = [`NLB delay ${minutes} min`, `NLB +${minutes} min`, `+${minutes} min`];
      return {
        delay: d,
        texts: [...options.map((content, rank) => ({ content, rank, shift: false })), ...[...options].map((content, rank) => ({ content, rank, shift: true })).reverse()],
        at({ content, shift }, row) {
          const baseline = stageLabelTop + 11 + row * stageRowHeight;
          const x0 = shift ? Math.max(Math.min(mid - 4, width - 4 - textWidth(content, FONT.label, true)), 4) : Math.max(mid - 4, 4);
          const l = label(content, x0, baseline, { cls: "rc-delay-label" });
          return { label: l, leader: { x0: mid - 0.5, x1: mid + 0.5, y0: markerY + 4, y1: l.box.y0 - 1 } };
        },
      };
    }),
    stageRows,
    stageOccupied,
    4,
    width - 4,
  );
  for (const p of delayPlaced) {
    p.item.delay.label = p.label;
    p.item.delay.leader = { x: (p.item.delay.x0 + p.item.delay.x1) / 2, y0: p.leader.y0, y1: p.leader.y1 };
    texts.push(p.label);
  }
  const stagePlaced = [...hookPlaced, ...delayPlaced];
  const usedStageRows = stagePlaced.length ? Math.max(...stagePlaced.map((p) => p.row)) + 1 : 0;
  const stageHeight = compact ? 12 : 18 + usedStageRows * stageRowHeight + 2;
  const stageLaneLabel = compact ? null : label("stages", left - 6, markerY + 4, { bold: false, anchor: "end", cls: "rc-axis-label" });
  if (stageLaneLabel) texts.push(stageLaneLabel);

  // Task lanes: old version, then new version, each scaled to the peak; the peak marked above.
  const peakRow = compact ? 4 : 16;
  const laneHeight = compact ? 14 : 26;
  const laneGap = 4;
  const laneTop = stageTop + stageHeight + peakRow;
  const peak = Math.max(timeline.peakTasks, 1);
  const lanes = [
    { key: "blueTasks", name: "old tasks", cls: "rc-blue" },
    { key: "greenTasks", name: "new tasks", cls: "rc-green" },
  ].map((lane, i) => {
    const top = laneTop + i * (laneHeight + laneGap);
    const segments = timeline.phases.map((phase) => {
      const count = phase[lane.key];
      const x0 = x(phase.startMinute);
      const x1 = x(phase.endMinute);
      const barHeight = (count / peak) * (laneHeight - 2);
      const content = String(count);
      const fits = !compact && textWidth(content, FONT.label, true) + 6 <= x1 - x0;
      return { x0, x1, count, barHeight, label: fits ? label(content, (x0 + x1) / 2, top + laneHeight / 2 + 4, { anchor: "middle", cls: "rc-lane-count" }) : null };
    });
    const name = compact ? null : label(lane.name, left - 6, top + laneHeight / 2 + 4, { bold: false, anchor: "end", cls: "rc-axis-label" });
    return { ...lane, top, height: laneHeight, segments, label: name };
  });
  for (const lane of lanes) {
    if (lane.label) texts.push(lane.label);
    for (const s of lane.segments) if (s.label) texts.push(s.label);
  }
  const peakPhase = timeline.phases.find((p) => p.blueTasks + p.greenTasks === timeline.peakTasks);
  let peakMark = null;
  if (peakPhase) {
    const px = x(peakPhase.startMinute);
    const content = `peak ${timeline.peakTasks} tasks`;
    const w = textWidth(content, FONT.label, true);
    const anchor = px + 7 + w > width - right ? "end" : "start";
    peakMark = { x: px, minute: peakPhase.startMinute, label: compact ? null : label(content, anchor === "end" ? px - 7 : px + 7, laneTop - 4, { anchor, cls: "rc-peak-label" }) };
    if (peakMark.label) texts.push(peakMark.label);
  }

  // The minute axis, with as many ticks as their labels leave room for.
  const axisTop = laneTop + 2 * laneHeight + laneGap + 4;
  const widest = textWidth(formatMinutes(total), FONT.label) + 12;
  const step = tickStep(total, Math.max(2, Math.floor(plotWidth / Math.max(widest, compact ? 34 : 44))));
  const ticks = [];
  for (let m = 0; m <= total + 1e-9; m += step) {
    let tickLabel = label(formatMinutes(m), x(m), axisTop + 16, { bold: false, anchor: "middle", cls: "rc-axis-label" });
    // A label at the right edge ends at its tick, to stay inside the chart.
    if (tickLabel.box.x1 > width - 2) tickLabel = label(tickLabel.text, x(m) + 2, tickLabel.y, { bold: false, anchor: "end", cls: "rc-axis-label" });
    ticks.push({ minute: m, x: x(m), label: tickLabel });
  }
  texts.push(...ticks.map((t) => t.label));
  const axisTitle = compact ? null : label("minutes from the start of the deployment", left + plotWidth, axisTop + 31, { bold: false, anchor: "end", cls: "rc-axis-title" });
  if (axisTitle && axisTitle.box.x0 >= 4) texts.push(axisTitle);
  const height = axisTop + (compact ? 20 : 38);

  return {
    width,
    height,
    compact,
    total,
    x,
    y,
    plot: { left, top: plotTop, width: plotWidth, height: plotHeight, right: left + plotWidth, bottom: plotBottom },
    header,
    bands: { top: bandTop, height: bandHeight },
    phases,
    traffic: { line, yTicks, stepLabels },
    rollback,
    stages: { top: stageTop, markerY, height: stageHeight, markers, labels: stageLabels, laneLabel: stageLaneLabel },
    /** One per stage run a Network Load Balancer delays: its minutes, x-range, label and leader. */
    delays,
    lanes,
    peak: peakMark,
    axis: { top: axisTop, ticks, title: axisTitle && axisTitle.box.x0 >= 4 ? axisTitle : null },
    /** Every text the chart draws, with its box: the overlap check's input. */
    texts,
  };
}
