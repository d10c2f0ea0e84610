// The figures beside the chart and the same timeline as accessible tables. Pure functions of a
// contract `Timeline`: each returns a new element.

import { formatMinutes, hasDelay, phaseLabel, strategyName } from "./chart-geometry.js";
import { describeBreaker, describeThreshold } from "./breaker.js";

export { strategyName };

/** The first traffic shift: share and minute, or null when traffic never moves. */
export function firstExposure(timeline) {
  const step = timeline.trafficSteps.find((s) => s.greenPercent > 0);
  return step ? { percent: step.greenPercent, minute: step.minute } : null;
}

function figure(list, label, value, note) {
  const wrap = document.createElement("div");
  wrap.className = "figure";
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  if (note) {
    const small = document.createElement("small");
    small.textContent = note;
    dd.append(document.createElement("br"), small);
  }
  wrap.append(dt, dd);
  list.append(wrap);
}

/**
 * Summary figures: strategy, total minutes, first exposure, peak tasks, the circuit breaker's
 * setting (`breaker`, from `breakerSetting`: `{ enable, rollback }` or null when not known) and,
 * apart from it, the threshold where ECS applies one. `breakerUnknown` says why the setting is
 * not known, when the default reason (its warnings turned off) is not the one.
 */
export function renderSummary(timeline, breaker, { breakerUnknown } = {}) {
  const list = document.createElement("dl");
  list.className = "figures";
  figure(list, "Strategy", strategyName(timeline.strategy));
  figure(list, "Total", `${formatMinutes(timeline.totalMinutes)} min`);
  const first = firstExposure(timeline);
  figure(list, "First exposure", first ? `${first.percent}%` : "none", first ? `at minute ${formatMinutes(first.minute)}` : undefined);
  figure(list, "Peak tasks", String(timeline.peakTasks), `desired ${timeline.desiredCount}`);
  const setting = describeBreaker(breaker, breakerUnknown);
  figure(list, "Circuit breaker", setting.value, setting.note);
  const threshold = describeThreshold(timeline, breaker);
  figure(list, "Breaker threshold", threshold.value, threshold.note);
  if (timeline.rollback) {
    const rb = timeline.rollback;
    if (rb.restoredMinute === null) {
      figure(list, "Failed, not rolled back", `at ${formatMinutes(rb.atMinute)} min`, `${rb.trigger}, ${rb.greenPercentAtFailure}% stays on new`);
    } else {
      figure(list, "Rolled back", `${formatMinutes(rb.restoredMinute)} min`, `${rb.trigger}, ${rb.greenPercentAtFailure}% exposed`);
    }
  }
  return list;
}

function table(caption, headers, rows, className) {
  const t = document.createElement("table");
  t.className = className;
  const cap = document.createElement("caption");
  cap.textContent = caption;
  const thead = document.createElement("thead");
  const hr = document.createElement("tr");
  for (const h of headers) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    hr.append(th);
  }
  thead.append(hr);
  const tbody = document.createElement("tbody");
  for (const row of rows) {
    const tr = document.createElement("tr");
    row.forEach((cell, i) => {
      const td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.scope = "row";
      td.textContent = String(cell);
      tr.append(td);
    });
    tbody.append(tr);
  }
  t.append(cap, thead, tbody);
  return t;
}

/** The timeline as tables: phases, traffic changes and lifecycle stages. */
export function renderTimelineTables(timeline) {
  const wrap = document.createElement("div");
  wrap.className = "timeline-tables";
  const delayed = timeline.stages.some(hasDelay);
  const stageName = (s) => `${s.stage}${s.step ? ` (shift ${s.step})` : ""}`;
  wrap.append(
    table(
      "Phases",
      ["Phase", "From minute", "To minute", "New version share", "Old tasks", "New tasks"],
      timeline.phases.map((p) => [phaseLabel(p), formatMinutes(p.startMinute), formatMinutes(p.endMinute), `${p.greenPercent}%`, p.blueTasks, p.greenTasks]),
      "data-table",
    ),
    table(
      "Production traffic changes",
      ["Minute", "New version share", "Old version share"],
      timeline.trafficSteps.map((s) => [formatMinutes(s.minute), `${s.greenPercent}%`, `${Math.round((100 - s.greenPercent) * 10) / 10}%`]),
      "data-table",
    ),
    // A column for a Network Load Balancer's delay only when some stage run has one.
    delayed
      ? table(
          "Lifecycle stages",
          ["Stage", "Minute", "Calls the hook", "Network Load Balancer delay"],
          timeline.stages.map((s) => [stageName(s), formatMinutes(s.minute), s.hooked ? "yes" : "no", hasDelay(s) ? `${formatMinutes(s.delayMinutes)} min, to minute ${formatMinutes(s.minute + s.delayMinutes)}` : ""]),
          "data-table",
        )
      : table("Lifecycle stages", ["Stage", "Minute", "Calls the hook"], timeline.stages.map((s) => [stageName(s), formatMinutes(s.minute), s.hooked ? "yes" : "no"]), "data-table"),
  );
  return wrap;
}

export { table as renderTable };

/** The analyzer's remarks on what the model assumed for this deployment (`timeline.notes`). */
export function renderNotes(timeline) {
  const notes = Array.isArray(timeline.notes) ? timeline.notes.filter((n) => typeof n === "string" && n) : [];
  if (!notes.length) return null;
  const list = document.createElement("ul");
  list.className = "notes";
  for (const note of notes) {
    const item = document.createElement("li");
    item.textContent = note;
    list.append(item);
  }
  return list;
}
