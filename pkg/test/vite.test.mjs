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
  const wasmName = assets.find((name) => name.endsWith(".wasm"));
  assert.ok(wasmName, `no .wasm among ${assets.join(", ")}`);
  assert.deepEqual(
    readFileSync(join(outDir, "assets", wasmName)),
    readFileSync(join(PKG, "dist", "web", "ecs_rollout_bg.wasm")),
  );
  const bundle = assets.filter((name) => name.endsWith(".js")).map((name) => readFileSync(join(outDir, "assets", name), "utf8")).join("\n");
  assert.ok(bundle.includes(wasmName), "the bundle does not reference the emitted .wasm");
  assert.ok(!bundle.includes("require("), "the browser bundle pulled in the CommonJS Node glue");
});
