// The browser entry's observed() (contract section 10), run in Node on the browser's own .wasm
// files: it loads its second .wasm only when asked, gives exactly what Node's observed() gives
// for every deployment record of the repository, rejects misuse with a TypeError that leaves
// its instance usable, and retries a load that failed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { observed as nodeObserved, initObserved as nodeInitObserved } from "ecs-rollout";
import * as web from "ecs-rollout/web";
import { PKG, REPO } from "./helpers.mjs";

const RECORDS = join(REPO, "tests", "fixtures", "deployment-record");
const records = readdirSync(RECORDS)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, source: readFileSync(join(RECORDS, name), "utf8") }));
const OBSERVED_WASM = join(PKG, "dist", "web", "ecs_rollout_full_bg.wasm");
const MAIN_WASM = join(PKG, "dist", "web", "ecs_rollout_bg.wasm");

// Node's fetch cannot read the file: URL the glue resolves by default, so every load here is
// given the bytes, as a host that serves the .wasm elsewhere gives its URL.

test("the second .wasm has observed and the main one has not", () => {
  const exports = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
  assert.ok(exports(OBSERVED_WASM).includes("observed"));
  assert.ok(!exports(MAIN_WASM).includes("observed"), "the main browser .wasm carries observed: its budget has no room for it");
});

test("a load that fails rejects, and the next one is tried afresh", async () => {
  await assert.rejects(web.initObserved(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])));
  await web.initObserved(readFileSync(OBSERVED_WASM));
  // Loaded now: a later call keeps the first load and ignores its argument.
  await web.initObserved(new Uint8Array([1, 2, 3]));
});

for (const { name, source } of records) {
  test(`the browser's observed() on ${name} is Node's`, async () => {
    const result = web.observed(source);
    assert.ok(result instanceof Promise);
    assert.deepEqual(await result, nodeObserved(source));
  });
}

test("options reach the browser's observed() as they reach Node's", async () => {
  const options = { assumptions: { scaleUpMinutes: 7, hookMinutes: 2 } };
  for (const { source } of records) assert.deepEqual(await web.observed(source, options), nodeObserved(source, options));
});

test("misuse rejects with the TypeError Node throws, and the next call works", async () => {
  for (const [source, options] of [[42, undefined], ["{}", { assumptions: { hookMinutes: -1 } }], ["{}", { unknownOption: true }]]) {
    let nodeError = null;
    try {
      nodeObserved(source, options);
    } catch (error) {
      nodeError = error;
    }
    assert.ok(nodeError instanceof TypeError);
    await assert.rejects(web.observed(source, options), (error) => error instanceof TypeError && error.message === nodeError.message);
  }
  assert.equal((await web.observed(records[0].source)).deployments.length, 1);
});

test("Node's initObserved() is a no-op, so code written for browsers runs there too", async () => {
  assert.equal(await nodeInitObserved(), undefined);
});
