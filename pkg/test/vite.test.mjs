// A Vite app can import the package: the production build succeeds, emits the package's .wasm
// byte for byte, and the bundle loads it through a URL relative to itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { PKG } from "./helpers.mjs";

const APP = join(PKG, "test", "vite-app");
const VITE = join(APP, "node_modules", "vite", "bin", "vite.js");

test("a Vite build of an app importing ecs-rollout succeeds and ships the .wasm", () => {
  assert.ok(existsSync(VITE), "vite is not installed: run `make pkg-test-deps` (npm ci in pkg/test/vite-app)");
  const outDir = mkdtempSync(join(tmpdir(), "ecs-rollout-vite-"));
  const build = spawnSync(process.execPath, [VITE, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: APP,
    encoding: "utf8",
  });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  const assets = readdirSync(join(outDir, "assets"));
  const wasmName = assets.find((name) => name.startsWith("ecs_rollout_bg") && name.endsWith(".wasm"));
  assert.ok(wasmName, `no .wasm among ${assets.join(", ")}`);
  assert.deepEqual(
    readFileSync(join(outDir, "assets", wasmName)),
    readFileSync(join(PKG, "dist", "web", "ecs_rollout_bg.wasm")),
  );
  const bundle = assets.filter((name) => name.endsWith(".js")).map((name) => readFileSync(join(outDir, "assets", name), "utf8")).join("\n");
  assert.ok(bundle.includes(wasmName), "the bundle does not reference the emitted .wasm");
  assert.ok(!bundle.includes("require("), "the browser bundle pulled in the CommonJS Node glue");

  // observed() (issue 26): its .wasm is emitted too, and only a chunk of its own names it, which
  // the entry loads with a dynamic import, so a page that reads no record never fetches it.
  const observedWasm = assets.find((name) => name.startsWith("ecs_rollout_full_bg") && name.endsWith(".wasm"));
  assert.ok(observedWasm, `no observed .wasm among ${assets.join(", ")}`);
  assert.deepEqual(
    readFileSync(join(outDir, "assets", observedWasm)),
    readFileSync(join(PKG, "dist", "web", "ecs_rollout_full_bg.wasm")),
  );
  const chunks = assets.filter((name) => name.endsWith(".js")).map((name) => ({ name, code: readFileSync(join(outDir, "assets", name), "utf8") }));
  const naming = chunks.filter((chunk) => chunk.code.includes(observedWasm));
  assert.equal(naming.length, 1, `the observed .wasm is named by ${naming.map((c) => c.name).join(", ") || "no chunk"}`);
  const entry = chunks.find((chunk) => chunk.code.includes(wasmName));
  assert.notEqual(entry.name, naming[0].name, "the observed glue is in the entry chunk");
  assert.ok(new RegExp(`import\\(["'\`]\\./${naming[0].name.replaceAll(".", "\\.")}["'\`]\\)`).test(entry.code), "the entry does not load the observed chunk with a dynamic import");
});
