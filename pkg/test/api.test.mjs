// The package's surface: entry points, version, rules() and schema().
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esm from "ecs-rollout";
import * as web from "ecs-rollout/web";
import { PKG, REPO } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cjs = require("ecs-rollout");
const EXPORTS = ["analyze", "compare", "rules", "schema", "version"];

test("require and import give the same ready-to-call functions", () => {
  for (const name of EXPORTS) {
    assert.ok(name in cjs, `require lacks ${name}`);
    assert.equal(esm[name], cjs[name], `import and require differ on ${name}`);
  }
  assert.equal(typeof cjs.analyze, "function");
  assert.deepEqual(esm.rules(), cjs.rules());
});

test("the Node entry has a no-op default init so browser-style code runs unchanged", async () => {
  assert.equal(await esm.default(), undefined);
});

test("the web entry exports init, initSync and the same names", () => {
  assert.equal(typeof web.default, "function");
  assert.equal(typeof web.initSync, "function");
  for (const name of EXPORTS) assert.ok(name in web, `web lacks ${name}`);
  assert.ok(!("runCli" in web), "runCli is for the Node bin only");
});

test("version is the crate's and the package's version", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const cargo = readFileSync(join(REPO, "Cargo.toml"), "utf8").match(/^version = "(.*)"$/m)[1];
  assert.equal(cjs.version, cargo);
  assert.equal(pkg.version, cargo);
  assert.equal(web.version, cargo);
});

test("rules() lists every code once, in kebab-case, with a severity and a summary", () => {
  const rules = cjs.rules();
  assert.ok(rules.length >= 30, `only ${rules.length} rules`);
  const codes = rules.map((rule) => rule.code);
  assert.equal(new Set(codes).size, codes.length, "duplicate codes");
  for (const rule of rules) {
    assert.deepEqual(Object.keys(rule).sort(), ["code", "defaultSeverity", "summary"]);
    assert.match(rule.code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(["error", "warning", "info"].includes(rule.defaultSeverity), rule.code);
    assert.ok(rule.summary.length > 10 && !rule.summary.endsWith("."), rule.code);
  }
  for (const code of ["syntax-error", "unknown-variable", "canary-percent-out-of-range", "policy-violation"]) {
    assert.ok(codes.includes(code), `missing ${code}`);
  }
});

test("rules() returns a fresh array each call", () => {
  const first = cjs.rules();
  first.pop();
  assert.equal(cjs.rules().length, first.length + 1);
});

test("schema() is a draft 2020-12 JSON Schema for an object", () => {
  const schema = cjs.schema();
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema.type, "object");
});
