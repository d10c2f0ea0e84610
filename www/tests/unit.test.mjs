// Unit tests of the page's pure modules in Node: the share-link codec, the schema reader,
// the editor's position scanner and the chart's read-out helpers.

import test from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";

// url-state.js calls history.replaceState only from createHashWriter; give Node a stand-in.
globalThis.history = { calls: [], replaceState(_s, _t, url) { this.calls.push(url); } };

const { encodeState, decodeState, validateState, createHashWriter, MAX_SOURCE_CHARS } = await import("../src/url-state.js");
const { childrenAt, docAt, itemValuesAt } = await import("../src/schema-docs.js");
const { hclContext } = await import("../src/editor.js");
const { greenPercentAt, phaseAt, readoutAt, formatMinutes, phaseLabel } = await import("../src/chart.js");

const rawHash = (value) => "v1." + zlib.deflateRawSync(Buffer.from(typeof value === "string" ? value : JSON.stringify(value))).toString("base64url");

test("a state survives encode and decode, Unicode included", async () => {
  const state = { source: 'a = "é—🚀"\n# ünïcode\n', assumptions: { scaleUpMinutes: 7, hookMinutes: 0.5 }, failAtMinute: 12, example: "doc-linear" };
  const hash = await encodeState(state);
  assert.match(hash, /^v1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeState(`#${hash}`), state);
});

test("the NLB delay and the load balancer's kind are kept in the link", async () => {
  const state = { source: "create_lb = true\n", assumptions: { nlbShiftDelayMinutes: 0, loadBalancerType: "network" }, failAtMinute: null, example: null };
  assert.deepEqual(await decodeState(`#${await encodeState(state)}`), state);
});

test("the encoding is raw deflate in base64url, readable without the page", async () => {
  const hash = await encodeState({ source: "x = 1", assumptions: {}, failAtMinute: null });
  const json = JSON.parse(zlib.inflateRawSync(Buffer.from(hash.slice(3), "base64url")).toString());
  assert.equal(json.source, "x = 1");
});

test("an empty hash is no state", async () => {
  assert.equal(await decodeState(""), null);
  assert.equal(await decodeState("#"), null);
});

const hostile = [
  ["not a playground link", "#hello"],
  ["characters outside base64url", "#v1.<script>alert(1)</script>"],
  ["bytes that do not inflate", "#v1.AAAAAAAA"],
  ["JSON that is not an object", `#${rawHash("[1,2,3]")}`],
  ["a source that is not a string", `#${rawHash({ source: 42 })}`],
  ["an assumption that is not a number", `#${rawHash({ source: "", assumptions: { scaleUpMinutes: "3" } })}`],
  ["a load balancer kind that is not one of the two", `#${rawHash({ source: "", assumptions: { loadBalancerType: "<b>gateway</b>" } })}`],
  ["a load balancer kind that is a number", `#${rawHash({ source: "", assumptions: { loadBalancerType: 1 } })}`],
  ["an NLB delay that is text", `#${rawHash({ source: "", assumptions: { nlbShiftDelayMinutes: "network" } })}`],
  ["a negative failure minute", `#${rawHash({ source: "", failAtMinute: -1 })}`],
  ["text that is not JSON", `#${rawHash("{not json")}`],
  ["a source over the size limit", `#${rawHash({ source: "x".repeat(MAX_SOURCE_CHARS + 1) })}`],
  ["a decompression bomb", `#${rawHash(`{"source":"${" ".repeat(5 * 1024 * 1024)}"}`)}`],
];
for (const [name, hash] of hostile) {
  test(`a link with ${name} is refused with a reason`, async () => {
    await assert.rejects(decodeState(hash), (error) => error instanceof Error && error.message.length > 0 && !/undefined/.test(error.message));
  });
}

test("unknown fields are dropped and an odd example id is ignored", () => {
  const state = validateState({ source: "a = 1", assumptions: { scaleUpMinutes: 2, evil: 1 }, extra: "<b>", example: "<img>" });
  assert.deepEqual(state, { source: "a = 1", assumptions: { scaleUpMinutes: 2 }, failAtMinute: null, example: null });
});

/** A clock and timer the test moves by hand: `advanceTo` runs each timer due, in order. */
function manualClock() {
  let time = 0;
  const timers = [];
  return {
    now: () => time,
    schedule(run, ms) {
      timers.push({ at: time + ms, run });
      return timers.length;
    },
    async advanceTo(until) {
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers.length || timers[0].at > until) break;
        const { at, run } = timers.shift();
        time = at;
        await run();
      }
      time = until;
    },
  };
}

test("the hash writer writes at most once per interval and ends on the latest state", async () => {
  history.calls.length = 0;
  const clock = manualClock();
  const write = createHashWriter({ intervalMs: 100, now: clock.now, schedule: clock.schedule });
  // A state every 10 ms for 200 ms: written at once, then once per interval with the latest.
  for (let i = 0; i < 20; i++) {
    write({ source: `n = ${i}` });
    await clock.advanceTo((i + 1) * 10);
  }
  await clock.advanceTo(1000);
  const written = await Promise.all(history.calls.map(decodeState));
  assert.deepEqual(
    written.map((state) => state.source),
    ["n = 0", "n = 9", "n = 19"],
  );
});
const schema = {
  type: "object",
  properties: {
    create_lb: { type: "boolean", description: "Create a load balancer.\n\nMore text.", $comment: "Default: false" },
    hook: {
      type: ["object", "null"],
      properties: {
        stages: { type: ["array", "null"], items: { enum: ["A_STAGE", "B_STAGE"] } },
        named: { type: "array", items: { anyOf: [{ const: "C_STAGE", description: "What happens at C.\n\nMore." }, { const: "D_STAGE" }] } },
      },
    },
    gateway_deployment_configuration: {
      anyOf: [{ $ref: "#/$defs/deployment" }, { type: "null" }],
      description: "Deployment strategy.",
    },
  },
  $defs: {
    deployment: {
      type: "object",
      properties: {
        enable_blue_green: { type: "boolean", description: "Blue/green switch." },
        canary_configuration: { oneOf: [{ type: "object", properties: { canary_percent: { description: "Share first." } } }, { type: "null" }] },
      },
    },
  },
};

test("the schema reader finds variables, attributes through $ref and anyOf, and first-paragraph docs", () => {
  assert.deepEqual(childrenAt(schema, []).map((c) => c.name), ["create_lb", "hook", "gateway_deployment_configuration"]);
  assert.equal(docAt(schema, ["create_lb"]), "Create a load balancer.");
  assert.equal(childrenAt(schema, [])[0].note, "Default: false");
  assert.deepEqual(itemValuesAt(schema, ["hook", "stages"]), [
    { name: "A_STAGE", doc: "" },
    { name: "B_STAGE", doc: "" },
  ]);
  assert.deepEqual(itemValuesAt(schema, ["hook", "named"]), [
    { name: "C_STAGE", doc: "What happens at C." },
    { name: "D_STAGE", doc: "" },
  ]);
  assert.deepEqual(itemValuesAt(schema, ["create_lb"]), []);
  assert.deepEqual(childrenAt(schema, ["gateway_deployment_configuration"]).map((c) => c.name), ["enable_blue_green", "canary_configuration"]);
  assert.equal(docAt(schema, ["gateway_deployment_configuration", "canary_configuration", "canary_percent"]), "Share first.");
  assert.deepEqual(childrenAt(schema, ["nope"]), []);
});

test("the editor's scanner knows the object path, lists and strings around a position", () => {
  const text = 'gateway_deployment_configuration = {\n  canary_configuration = {\n    ca\n  }\n}\nhook = {\n  lifecycle_hook_stages = ["PRE_", "x"]\n}\n# a { comment\nlast';
  const at = (needle, delta = 0) => text.indexOf(needle) + delta;
  assert.deepEqual(hclContext(text, at("    ca") + 6).path, ["gateway_deployment_configuration", "canary_configuration"]);
  const inStage = hclContext(text, at("PRE_") + 4);
  assert.equal(inStage.inString, true);
  assert.equal(inStage.listKey, "lifecycle_hook_stages");
  const end = hclContext(text, text.length);
  assert.equal(end.depth, 0);
  assert.deepEqual(end.path, []);
});

const timeline = {
  strategy: "LINEAR",
  totalMinutes: 20,
  trafficSteps: [{ minute: 0, greenPercent: 0 }, { minute: 3, greenPercent: 50 }, { minute: 9, greenPercent: 100 }],
  phases: [
    { name: "SCALE_UP", startMinute: 0, endMinute: 3, greenPercent: 0, blueTasks: 2, greenTasks: 2 },
    { name: "STEP_BAKE", startMinute: 3, endMinute: 9, greenPercent: 50, blueTasks: 2, greenTasks: 2, step: 1 },
    { name: "CLEAN_UP", startMinute: 9, endMinute: 20, greenPercent: 100, blueTasks: 0, greenTasks: 2 },
  ],
  stages: [{ stage: "PRODUCTION_TRAFFIC_SHIFT", minute: 3, hooked: true, step: 1 }],
};

test("the read-out gives the traffic split, phase and tasks at a minute", () => {
  assert.equal(greenPercentAt(timeline, 2.9), 0);
  assert.equal(greenPercentAt(timeline, 3), 50);
  assert.equal(greenPercentAt(timeline, 25), 100);
  assert.equal(phaseAt(timeline, 20).name, "CLEAN_UP");
  const r = readoutAt(timeline, 3);
  assert.deepEqual([r.greenPercent, r.bluePercent, r.blueTasks, r.greenTasks, r.phase, r.stages], [50, 50, 2, 2, "Step bake 1", ["PRODUCTION_TRAFFIC_SHIFT"]]);
  assert.equal(formatMinutes(0.1 + 0.2), "0.3");
  assert.equal(phaseLabel({ name: "ROLLBACK" }), "Rollback");
});
