// Resource bounds at the npm boundary (issue 8): the timeline stays small whatever the
// configuration, wasm memory stops growing across 100,000 analyze calls in one instance, and
// analyze time grows linearly with input size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { REPO } from "./helpers.mjs";

// The wasm-bindgen glue keeps its instance private; catch it as it is constructed so the test
// can read the instance's exported `memory`. The package is imported only after this hook.
const instances = [];
const OriginalInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(OriginalInstance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    instances.push(instance);
    return instance;
  },
});
const { analyze, compare } = await import("ecs-rollout");
WebAssembly.Instance = OriginalInstance;

const PAGE = 64 * 1024;
const EXAMPLE = readFileSync(join(REPO, "tests", "fixtures", "examples", "production.tfvars"), "utf8");
const service = (tasks) => `gateway_config = { desired_task_count = ${tasks}, cpu = 256, memory = 512, gateway_port = 1, mcp_port = 2 }\n`;

test("the package's instance exports one wasm memory", () => {
  assert.equal(instances.length, 1);
  assert.ok(instances[0].exports.memory instanceof WebAssembly.Memory);
});

test("rolling with 5000 tasks and 1% headroom stays small and says it merged the waves", () => {
  for (const [minimumHealthyPercent, maximumPercent] of [
    [99, 100],
    [100, 101],
    [99.9, 100], // rounds to 100/100: one extra task at a time, 10,000 waves
  ]) {
    for (const failAtMinute of [undefined, 0, 17, 1000]) {
      const analysis = analyze(service(5000), { assumptions: { minimumHealthyPercent, maximumPercent }, failAtMinute });
      const { timeline } = analysis;
      assert.ok(timeline, `${minimumHealthyPercent}/${maximumPercent}: a timeline`);
      assert.ok(timeline.phases.length <= 50, `${timeline.phases.length} phases`);
      assert.ok(timeline.trafficSteps.length <= 200, `${timeline.trafficSteps.length} traffic steps`);
      assert.ok(JSON.stringify(analysis).length < 64 * 1024, "the whole result is under 64 KB");
      if (failAtMinute === undefined) {
        const merged = timeline.notes.map((note) => /ECS would run (\d+) rolling waves here; they are shown merged/.exec(note)).find(Boolean);
        assert.ok(merged && Number(merged[1]) > timeline.phases.length, timeline.notes.join("\n"));
      }
    }
  }
  // 10,000 tasks is over ECS's 5000 per service: reported, and no timeline is drawn.
  const over = analyze(service(10000), { assumptions: { minimumHealthyPercent: 99, maximumPercent: 100 } });
  assert.ok(over.diagnostics.some((d) => d.code === "invalid-task-count"));
  assert.equal(over.timeline, null);
  const rows = compare(service(5000), { assumptions: { minimumHealthyPercent: 99, maximumPercent: 100 } }).rows;
  assert.ok(JSON.stringify(rows).length < 16 * 1024);
});

test("wasm memory stops growing across 100,000 analyze calls", () => {
  const memory = instances[0].exports.memory;
  // A mix of what an editor sends: the example as typed (every prefix length class), broken
  // text, JSON, a failure simulation and a 100 KB file.
  const big = EXAMPLE + "# padding\n".repeat(10_000);
  const inputs = [
    [EXAMPLE, undefined],
    [EXAMPLE.slice(0, EXAMPLE.length >> 1), undefined],
    ["gateway_config = {\n", undefined],
    ['{"create_lb": true, "gateway_deployment_configuration": {"enable_blue_green": true}}', { format: "json" }],
    [EXAMPLE, { failAtMinute: 7, assumptions: { hookMinutes: 3 } }],
    [service(5000), { assumptions: { minimumHealthyPercent: 99, maximumPercent: 100 } }],
  ];
  const calls = 100_000;
  const warmUp = 5_000;
  const sizes = [];
  let diagnostics = 0;
  for (let i = 0; i < calls; i++) {
    const [source, options] = i % 1000 === 999 ? [big, undefined] : inputs[i % inputs.length];
    diagnostics += analyze(source, options).diagnostics.length;
    if ((i + 1) % warmUp === 0) sizes.push(memory.buffer.byteLength);
  }
  const afterWarmUp = sizes[1];
  const last = sizes[sizes.length - 1];
  console.log(`memory after ${warmUp * 2} calls: ${afterWarmUp / PAGE} pages; after ${calls}: ${last / PAGE} pages`);
  assert.ok(diagnostics > calls, "the calls did real work");
  assert.equal(last, afterWarmUp, `memory grew from ${afterWarmUp / PAGE} to ${last / PAGE} pages: ${sizes.map((s) => s / PAGE).join(", ")}`);
  assert.ok(last < 64 * 1024 * 1024, `${last / PAGE} pages is more than 64 MiB`);
});

// Growth with input size, shape by shape, is measured by `make bench` (bench/bench.mjs, "growth
// by shape"), never by a timed test here.
