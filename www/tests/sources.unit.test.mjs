// Issue #13's sources in Node: the listener header without a port (Terraform, CloudFormation and
// the ECS API give none), the service a view picks, the kind label, the component's `input` and
// `service` attributes, and the share link's source kind and service.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyze } from "ecs-rollout";
import { WWW } from "./harness.mjs";

globalThis.history = { replaceState() {} };

const { chartGeometry, listenerText } = await import("../src/chart-geometry.js");
const { pickService, serviceChoices } = await import("../src/services.js");
const { inputLabel, isInputKind, INPUT_KINDS } = await import("../src/input-kind.js");
const { readOptions } = await import("../src/component/attributes.js");
const { encodeState, decodeState, validateState } = await import("../src/url-state.js");
const { chartCases } = await import("./chart-cases.mjs");

const example = (file) => readFileSync(path.join(WWW, "examples", file), "utf8");
const headerTexts = (g) => g.texts.filter((t) => t.cls === "rc-listeners").map((t) => t.text);

test("a listener's text says only what is known", () => {
  assert.equal(listenerText("Production", { port: 443, protocol: "HTTPS" }), "Production listener :443 HTTPS");
  assert.equal(listenerText("Production", { port: null, protocol: null }), "Production listener (port not given)");
  assert.equal(listenerText("Test", { port: 8443, protocol: null }), "Test listener :8443");
  assert.equal(listenerText("Test", { port: null, protocol: "HTTP" }), "Test listener HTTP (port not given)");
  assert.equal(listenerText("Production", {}), "Production listener (port not given)");
});

test("a chart whose listeners have no port draws no 'null' and still agrees with its layout rules", () => {
  const { timeline } = chartCases().find((c) => c.timeline.listeners?.test) ?? chartCases().find((c) => c.timeline.listeners);
  const portless = { ...timeline, listeners: { production: { port: null, protocol: null }, test: timeline.listeners.test ? { port: null, protocol: null } : null } };
  for (const width of [300, 880]) {
    const g = chartGeometry(portless, { width });
    const header = headerTexts(g);
    assert.equal(header[0], "Production listener (port not given)");
    if (portless.listeners.test) assert.equal(header[1], "Test listener (port not given)");
    for (const t of g.texts) assert.doesNotMatch(t.text, /null|undefined/, `"${t.text}" at ${width}px`);
  }
});

test("the ECS API example's timeline has listeners without ports, and the chart says so", () => {
  const analysis = analyze(example("ecs-api-describe-services.json"));
  assert.equal(analysis.input, "ecs-api");
  assert.ok(analysis.timeline, "the example has a timeline");
  const g = chartGeometry(analysis.timeline, { width: 880 });
  for (const t of headerTexts(g)) assert.doesNotMatch(t, /null|undefined/);
  if (analysis.timeline.listeners?.production.port === null) assert.equal(headerTexts(g)[0], "Production listener (port not given)");
});

test("pickService: the named service, else the first; one service is the analysis itself", () => {
  const analysis = analyze(example("cloudformation-two-services.yaml"));
  assert.equal(analysis.input, "cloudformation");
  assert.deepEqual(serviceChoices(analysis), ["GatewayService", "DataService"]);
  const first = pickService(analysis, null);
  assert.equal(first.index, 0);
  assert.deepEqual(first.timeline, analysis.timeline, "top-level timeline is services[0]'s");
  const second = pickService(analysis, "DataService");
  assert.equal(second.index, 1);
  assert.equal(second.strategy, "LINEAR");
  assert.deepEqual(second.timeline, analysis.services[1].timeline);
  const missing = pickService(analysis, "Nope");
  assert.equal(missing.index, 0);
  assert.equal(missing.found, false);
  const single = analyze(example("terraform-canary.tf"));
  assert.deepEqual(serviceChoices(single), []);
  assert.deepEqual(pickService(single, null).timeline, single.timeline);
  assert.equal(pickService({ services: [], strategy: null, timeline: null }, null).index, -1);
});

test("the kind label names the kind and whether it was detected", () => {
  assert.equal(inputLabel("cloudformation", null), "CloudFormation template (detected)");
  assert.equal(inputLabel("terraform", "terraform"), "Terraform aws_ecs_service (chosen)");
  assert.ok(isInputKind("ecs-api"));
  assert.ok(!isInputKind("yaml"));
  assert.deepEqual(INPUT_KINDS.map((k) => k.value), ["portkey-tfvars", "terraform", "cloudformation", "ecs-api", "ecs-deployment-record"]);
});

test("every bundled example is read as its own kind, with a timeline and no error", () => {
  for (const [file, kind] of [["terraform-canary.tf", "terraform"], ["cloudformation-two-services.yaml", "cloudformation"], ["ecs-api-describe-services.json", "ecs-api"]]) {
    const analysis = analyze(example(file));
    assert.equal(analysis.input, kind, file);
    assert.ok(analysis.timeline, `${file} has a timeline`);
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === "error").map((d) => d.code), [], `${file} has no error`);
    for (const service of analysis.services) assert.ok(service.timeline, `${file}: ${service.name} has a timeline`);
  }
});

test("the component's input and service attributes", () => {
  const attrs = (map) => (name) => (name in map ? map[name] : null);
  assert.equal(readOptions(attrs({}), null).input, null);
  assert.equal(readOptions(attrs({}), null).service, null);
  assert.equal(readOptions(attrs({ input: "cloudformation" }), null).input, "cloudformation");
  const wrong = readOptions(attrs({ input: "yaml" }), null);
  assert.equal(wrong.input, null);
  assert.match(wrong.problems[0], /input attribute is "yaml"/);
  assert.equal(readOptions(attrs({ service: " DataService " }), null).service, "DataService");
});

test("the share link keeps the source kind and the service, and old links stay as they were", async () => {
  const state = { source: "x", assumptions: {}, failAtMinute: null, example: null, input: "cloudformation", service: "DataService" };
  assert.deepEqual(await decodeState(await encodeState(state)), state);
  const old = validateState({ source: "x", assumptions: {}, failAtMinute: null, example: null });
  assert.ok(!("input" in old) && !("service" in old), "a link without them decodes as before");
  assert.throws(() => validateState({ source: "x", input: "yaml" }), /source kind/);
  assert.throws(() => validateState({ source: "x", service: 3 }), /service name/);
});
