// Issue #24 in Node: when a change makes the editor hold another document (`replacesDocument`),
// and the circuit breaker's setting read for the service drawn
// (`breakerSetting`), apart from the threshold the timeline gives (`describeThreshold`), on the
// package's real analyses.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ChangeSet } from "@codemirror/state";
import { analyze } from "ecs-rollout";
import { WWW } from "./harness.mjs";

const { replacesDocument } = await import("../src/editor.js");
const { breakerSetting, describeBreaker, describeThreshold } = await import("../src/breaker.js");
const { pickService } = await import("../src/services.js");

const example = (file) => readFileSync(path.join(WWW, "examples", file), "utf8");

const change = (oldLength, spec) => ChangeSet.of(spec, oldLength);

test("a change replaces the document when less than half of the old text survives it", () => {
  // Select all and paste.
  assert.equal(replacesDocument(change(1000, { from: 0, to: 1000, insert: "x".repeat(900) })), true);
  // Text arriving in an empty editor.
  assert.equal(replacesDocument(change(0, { from: 0, insert: "create_lb = true\n" })), true);
  // A cut of nearly everything.
  assert.equal(replacesDocument(change(1000, { from: 0, to: 600 })), true);
  // A keystroke, a pasted line, a fix that rewrites a value: edits of the same document.
  assert.equal(replacesDocument(change(1000, { from: 500, insert: "a" })), false);
  assert.equal(replacesDocument(change(1000, { from: 10, to: 40, insert: "y".repeat(2000) })), false);
  assert.equal(replacesDocument(change(1000, [{ from: 10, to: 12, insert: "20" }, { from: 900, to: 905, insert: "true" }])), false);
  // Exactly half kept is still the same document.
  assert.equal(replacesDocument(change(1000, { from: 0, to: 500, insert: "z" })), false);
  assert.equal(replacesDocument(change(1000, { from: 0, to: 501, insert: "z" })), true);
  assert.equal(replacesDocument(ChangeSet.empty(100)), false);
});

const CANARY = `create_lb = true
lb_type   = "application"

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_percent              = 10
    canary_bake_time_in_minutes = 5
  }
}
`;
const LINEAR = CANARY.replace(/canary_configuration = \{[^}]*\}/, "linear_configuration = {\n    step_percent              = 25\n    step_bake_time_in_minutes = 2\n  }");
const BLUE_GREEN = `create_lb = true\nlb_type = "application"\n\ngateway_deployment_configuration = {\n  enable_blue_green = true\n}\n`;
const breaker = (enable, rollback) => `\ngateway_deployment_circuit_breaker = {\n  enable   = ${enable}\n  rollback = ${rollback}\n}\n`;

/** The summary's two breaker figures for `source`, as the playground computes them. */
function figures(source, { service = null, ...options } = {}) {
  const analysis = analyze(source, options);
  const picked = pickService(analysis, service);
  assert.ok(service === null || picked.name === service, `the service ${service} is drawn`);
  const setting = breakerSetting(analysis, picked, options.rules ?? {});
  return { setting, shown: describeBreaker(setting), threshold: describeThreshold(picked.timeline, setting), timeline: picked.timeline };
}

test("canary and linear with the breaker and rollback on: the setting is on, the threshold none (see notes)", () => {
  for (const [name, base] of [["canary", CANARY], ["linear", LINEAR]]) {
    const { setting, shown, threshold, timeline } = figures(base + breaker(true, true));
    assert.equal(timeline.circuitBreakerThreshold, null, `${name}: the package gives no threshold`);
    assert.deepEqual(setting, { enable: true, rollback: true }, name);
    assert.deepEqual(shown, { value: "on", note: "rollback on" }, name);
    assert.deepEqual(threshold, { value: "none", note: "for canary/linear (see notes)" }, name);
    assert.ok(timeline.notes.some((n) => /canary and linear it shows no breaker threshold/.test(n)), `${name}: the notes explain it`);
  }
});

test("rollback off, the breaker off, and the module's default when the variable is left out", () => {
  assert.deepEqual(figures(CANARY + breaker(true, false)).shown, { value: "on", note: "rollback off" });
  const off = figures(CANARY + breaker(false, false));
  assert.deepEqual(off.shown.value, "off");
  assert.deepEqual(off.threshold, { value: "none", note: "the breaker is off" });
  // Left out, the module sends its default: on, with rollback.
  assert.deepEqual(figures(CANARY).setting, { enable: true, rollback: true });
  const blueGreen = figures(BLUE_GREEN + breaker(true, true));
  assert.deepEqual(blueGreen.threshold, { value: String(blueGreen.timeline.circuitBreakerThreshold), note: "failed tasks stop it" });
  assert.ok(blueGreen.timeline.circuitBreakerThreshold > 0);
  const blueGreenOff = figures(BLUE_GREEN + breaker(false, false));
  assert.equal(blueGreenOff.shown.value, "off");
  assert.equal(blueGreenOff.threshold.value, "none");
});

test("the data service's breaker is not the gateway's", () => {
  const source = `${CANARY}${breaker(true, true)}\ndataservice_deployment_circuit_breaker = {\n  enable   = false\n  rollback = false\n}\n`;
  const analysis = analyze(source);
  assert.ok(analysis.diagnostics.some((d) => d.code === "circuit-breaker-disabled"), "the data service's breaker is reported off");
  assert.deepEqual(figures(source).setting, { enable: true, rollback: true });
});

test("with two services, the setting is the picked service's own", () => {
  const template = example("cloudformation-two-services.yaml");
  const at = template.indexOf("  DataService:");
  assert.ok(at > 0, "the example's second service");
  const [gateway, data] = [template.slice(0, at), template.slice(at)];
  const written = "        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: true\n";
  assert.ok(gateway.includes(written) && data.includes(written), "both services write a breaker");
  const changed = gateway + data.replace(written, written.replace("Rollback: true", "Rollback: false"));
  assert.deepEqual(figures(changed, { service: "GatewayService" }).setting, { enable: true, rollback: true });
  assert.deepEqual(figures(changed, { service: "DataService" }).setting, { enable: true, rollback: false });
  const withoutBreaker = gateway.replace(written, "") + data;
  // ECS's own default, where a template says nothing, is off.
  assert.deepEqual(figures(withoutBreaker, { service: "GatewayService" }).setting, { enable: false, rollback: false });
  assert.deepEqual(figures(withoutBreaker, { service: "DataService" }).setting, { enable: true, rollback: true });
});

test("when rules turn the breaker's warnings off, the setting is not known rather than guessed", () => {
  const rules = { "rollback-disabled": "off" };
  const { setting, shown } = figures(CANARY + breaker(true, false), { rules });
  assert.equal(setting, null);
  assert.equal(shown.value, "not known");
  assert.equal(breakerSetting(analyze("create_lb = ["), { index: -1, timeline: null }), null, "no timeline, no setting");
});
