// The deployment circuit breaker's setting (on or off, with or without rollback) for the service
// drawn. The package's `Timeline` gives only `circuitBreakerThreshold`, the number of failed
// tasks at which ECS stops a deployment, which is null both when the breaker is off and when
// ECS applies no threshold to the strategy (canary and linear); it does not give the setting
// itself. The setting is read here from the diagnostics the package reports for it, which
// exist exactly when it is off or rolls nothing back: `circuit-breaker-disabled` (off, or absent
// where ECS's default is off) and `rollback-disabled` (on, without rollback). Pure functions of
// an `Analysis`, tested in Node.

const OFF = "circuit-breaker-disabled";
const NO_ROLLBACK = "rollback-disabled";

/** The Portkey module's variable for the gateway's breaker; the data service has its own. */
const GATEWAY_VARIABLE = "gateway_deployment_circuit_breaker";

/** Whether diagnostic `d` is about the service `picked` (from `pickService`) of `analysis`. */
function aboutService(d, analysis, picked) {
  if (analysis.input === "portkey-tfvars") {
    // The timeline is the gateway's: the data service's breaker is another service's.
    return typeof d.path === "string" && (d.path === GATEWAY_VARIABLE || d.path.startsWith(`${GATEWAY_VARIABLE}.`));
  }
  const services = Array.isArray(analysis.services) ? analysis.services : [];
  if (services.length <= 1) return true;
  const service = services[picked.index];
  if (!service) return false;
  if (service.range && d.range) return d.range.start.offset >= service.range.start.offset && d.range.end.offset <= service.range.end.offset;
  return typeof d.path === "string" && (d.path === service.name || d.path.startsWith(`${service.name}.`));
}

/**
 * The breaker's setting for the service drawn: `{ enable, rollback }`, or null when it cannot
 * be told (no timeline, or `rules` turns off one of the two diagnostics it is read from).
 * @param {object} analysis the package's `Analysis`
 * @param {{ index: number, timeline: object | null }} picked the service drawn (`pickService`)
 * @param {Record<string, string>} [rules] the rule levels the analysis ran with
 */
export function breakerSetting(analysis, picked, rules = {}) {
  if (!picked?.timeline) return null;
  if (rules[OFF] === "off" || rules[NO_ROLLBACK] === "off") return null;
  const about = (analysis.diagnostics ?? []).filter((d) => aboutService(d, analysis, picked));
  const enable = !about.some((d) => d.code === OFF);
  const rollback = enable && !about.some((d) => d.code === NO_ROLLBACK);
  return { enable, rollback };
}

/** The words the summary shows for a setting from `breakerSetting`. */
export function describeBreaker(setting, unknown = "its warnings are turned off here") {
  if (!setting) return { value: "not known", note: unknown };
  if (!setting.enable) return { value: "off", note: "failing tasks keep being replaced" };
  return { value: "on", note: setting.rollback ? "rollback on" : "rollback off" };
}

/**
 * The words the summary shows for the threshold at which ECS stops the deployment: the
 * timeline's number, or why there is none.
 */
export function describeThreshold(timeline, setting) {
  const threshold = timeline.circuitBreakerThreshold;
  if (threshold !== null && threshold !== undefined) return { value: String(threshold), note: "failed tasks stop it" };
  if (setting && !setting.enable) return { value: "none", note: "the breaker is off" };
  if (timeline.strategy === "CANARY" || timeline.strategy === "LINEAR") return { value: "none", note: "for canary/linear (see notes)" };
  return { value: "none", note: "see the notes" };
}
