// What a deployment record shows, as data for the page and the web component to draw: the
// package's `observed` result (contract section 10) turned into the plan's and the record's
// traffic curves for one chart (diff-mode.js's), the per-phase differences as table rows, a
// label for each deployment and the calibrated assumptions as the text a reader copies. Pure
// functions, tested in Node (tests/observed-view.unit.test.mjs); they compute no rollout, only
// move the plan's own traffic steps to the times the record shows.

import { formatMinutes, phaseLabel, strategyName } from "./chart-geometry.js";

/** The input kind the analyzer names a deployment record by (contract section 10). */
export const RECORD_KIND = "ecs-deployment-record";

/** Statuses after which the deployment's traffic no longer followed its plan to the end. */
const CUT_SHORT = new Set(["STOPPED", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED"]);

/** Whether an analysis says its text is a deployment record (which the main .wasm does not read). */
export function isRecord(analysis) {
  return analysis?.input === RECORD_KIND;
}

/**
 * The stretches of a deployment's plan with the minutes the record shows for each: a stretch
 * whose ends the record does not show keeps its planned length. Each is
 * `{ planStart, planEnd, start, end, known }`, contiguous from minute 0.
 */
export function stretches(deployment) {
  const out = [];
  let plan = 0;
  let seen = 0;
  for (const stretch of deployment?.phases ?? []) {
    const known = typeof stretch.observedMinutes === "number";
    const length = known ? stretch.observedMinutes : stretch.plannedMinutes;
    out.push({ planStart: plan, planEnd: plan + stretch.plannedMinutes, start: seen, end: seen + length, known });
    plan += stretch.plannedMinutes;
    seen += length;
  }
  return out;
}

/** A plan minute moved to the record's time, stretch by stretch (linearly inside one). */
export function retimeMinute(list, minute) {
  for (const s of list) {
    if (minute > s.planEnd) continue;
    const span = s.planEnd - s.planStart;
    return span > 0 ? s.start + ((minute - s.planStart) * (s.end - s.start)) / span : s.start;
  }
  const last = list.at(-1);
  return last ? last.end + (minute - last.planEnd) : minute;
}

/**
 * The two curves of one deployment, in the shape `diffChartGeometry` takes: `plan` (its traffic
 * steps and length) and `observed` (the plan's steps moved to the record's times, ending where
 * the record says the deployment stopped or rolled back), with the minute of that cut
 * (`cut`, or null) and why (`cutBy`: "rollback", "stopped", or null). Null without a plan.
 */
export function deploymentCurves(deployment) {
  const plan = deployment?.plan;
  if (!plan) return null;
  const list = stretches(deployment);
  const rollbackMinute = typeof deployment.rollback?.minute === "number" ? deployment.rollback.minute : null;
  const observedMinutes = typeof deployment.observedMinutes === "number" ? deployment.observedMinutes : null;
  let cut = null;
  let cutBy = null;
  if (rollbackMinute !== null) {
    cut = rollbackMinute;
    cutBy = "rollback";
  } else if (CUT_SHORT.has(deployment.status) && observedMinutes !== null) {
    cut = observedMinutes;
    cutBy = deployment.status.startsWith("ROLLBACK") ? "rollback" : "stopped";
  }
  const planEnd = retimeMinute(list, plan.totalMinutes);
  const endMinute = cut ?? observedMinutes ?? planEnd;
  const trafficSteps = plan.trafficSteps
    .map((step) => ({ minute: step.minute === 0 ? 0 : retimeMinute(list, step.minute), greenPercent: step.greenPercent }))
    .filter((step) => step.minute <= endMinute);
  return {
    plan: { trafficSteps: plan.trafficSteps, totalMinutes: plan.totalMinutes },
    observed: { trafficSteps, totalMinutes: Math.max(observedMinutes ?? 0, endMinute), endMinute },
    cut,
    cutBy,
  };
}

/** The short id of a deployment: the last part of its ARN. */
export function deploymentId(deployment) {
  const arn = String(deployment?.serviceDeploymentArn ?? "");
  return arn.split("/").at(-1) || arn;
}

/** "Cc3 · 2025-05-07 08:00 UTC · SUCCESSFUL": one deployment, for a menu (record text, shown as text). */
export function deploymentLabel(deployment) {
  const started = typeof deployment.startedAt === "string" ? deployment.startedAt.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC") : "not started";
  return `${deploymentId(deployment)} · ${started} · ${deployment.status}`;
}

/** Minutes with a sign, for a difference: "+4.8", "-1", "0". */
export function signedMinutes(minutes) {
  const text = formatMinutes(minutes);
  return minutes > 0 && text !== "0" ? `+${text}` : text;
}

/** One sentence on what the deployment took against its plan. */
export function durationSentence(deployment) {
  const strategy = deployment.strategy ? `${strategyName(deployment.strategy)} deployment` : "Deployment";
  const took = typeof deployment.observedMinutes === "number" ? `took ${formatMinutes(deployment.observedMinutes)} min` : "has no recorded end";
  const planned = typeof deployment.plannedMinutes === "number" ? `; its plan: ${formatMinutes(deployment.plannedMinutes)} min` : "; no plan could be built from its settings";
  const both = typeof deployment.observedMinutes === "number" && typeof deployment.plannedMinutes === "number";
  const difference = both ? ` (${signedMinutes(deployment.observedMinutes - deployment.plannedMinutes)})` : "";
  return `${strategy}, ${deployment.status}: ${took}${planned}${difference}.`;
}

/** The per-phase rows: phases, planned, observed and difference, as display text. */
export function phaseRows(deployment) {
  return (deployment?.phases ?? []).map((stretch) => ({
    phases: stretch.phases.map((name) => phaseLabel({ name })).join(" + "),
    planned: formatMinutes(stretch.plannedMinutes),
    observed: typeof stretch.observedMinutes === "number" ? formatMinutes(stretch.observedMinutes) : "not in the record",
    difference: typeof stretch.differenceMinutes === "number" ? signedMinutes(stretch.differenceMinutes) : "",
  }));
}

/** The text a reader copies into their options: `{ "assumptions": { ... } }`, or null with none. */
export function assumptionsText(calibrated) {
  if (!calibrated || !Object.keys(calibrated).length) return null;
  return JSON.stringify({ assumptions: calibrated }, null, 2);
}

/**
 * Which deployment to draw: the one whose id (the ARN's last part) or ARN is `chosen`, else the
 * newest (deployments come oldest first). -1 when there is none.
 */
export function pickDeployment(observed, chosen) {
  const list = observed?.deployments ?? [];
  if (!list.length) return -1;
  const found = list.findIndex((d) => d.serviceDeploymentArn === chosen || deploymentId(d) === chosen);
  return found === -1 ? list.length - 1 : found;
}

/**
 * The circuit breaker's setting a record's deployment ran with (`{ enable, rollback }`), read
 * from the record's own `deploymentConfiguration` (only its two booleans), or null when the text
 * is not JSON or does not say. The package's `observed` gives the breaker's record (failures
 * against the threshold), not the setting.
 */
export function recordBreaker(source, serviceDeploymentArn) {
  let record;
  try {
    record = JSON.parse(source);
  } catch {
    return null;
  }
  const list = Array.isArray(record?.serviceDeployments) ? record.serviceDeployments : [];
  const breaker = list.find((d) => d?.serviceDeploymentArn === serviceDeploymentArn)?.deploymentConfiguration?.deploymentCircuitBreaker;
  if (typeof breaker?.enable !== "boolean") return null;
  return { enable: breaker.enable, rollback: breaker.rollback === true };
}

/** Why a record's breaker setting is not known, for the summary. */
export const RECORD_BREAKER_UNKNOWN = "the record does not say";
