// A listener's header text says only what the timeline gives: the Portkey module's listeners have
// a port and a protocol; the other ECS sources' (Terraform, CloudFormation, the ECS API) have
// neither, and the chart must draw no "null" for them.

import test from "node:test";
import assert from "node:assert/strict";
import { chartGeometry, listenerText } from "../src/chart-geometry.js";
import { chartCases } from "./chart-cases.mjs";

test("a listener's text says only what is known", () => {
  assert.equal(listenerText("Production", { port: 443, protocol: "HTTPS" }), "Production listener :443 HTTPS");
  assert.equal(listenerText("Production", { port: null, protocol: null }), "Production listener (port not given)");
  assert.equal(listenerText("Test", { port: 8443, protocol: null }), "Test listener :8443");
  assert.equal(listenerText("Test", { port: null, protocol: "HTTP" }), "Test listener HTTP (port not given)");
});

test("a chart whose listeners have no port draws no 'null'", () => {
  const { timeline } = chartCases().find((c) => c.timeline.listeners?.test);
  const portless = { ...timeline, listeners: { production: { port: null, protocol: null }, test: { port: null, protocol: null } } };
  for (const width of [300, 880]) {
    const texts = chartGeometry(portless, { width }).texts;
    const header = texts.filter((t) => t.cls === "rc-listeners").map((t) => t.text);
    assert.deepEqual(header, ["Production listener (port not given)", "Test listener (port not given)"]);
    for (const t of texts) assert.doesNotMatch(t.text, /null|undefined/, `"${t.text}" at ${width}px`);
  }
});
