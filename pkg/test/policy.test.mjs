// Organisation policy (contract section 6) through the JS API and the npx bin: violations as
// diagnostics, a policy that cannot be enforced refused whole with a TypeError naming the field,
// policySchema() as a draft 2020-12 schema that agrees with the package, and `--policy FILE`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import * as esm from "ecs-rollout";
import * as web from "ecs-rollout/web";
import { analyze, compare, policySchema, rules } from "ecs-rollout";
import { REPO, runBin, typeCheck } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cjs = require("ecs-rollout");

/** The two example policies the playground offers, also meant for the docs. */
const POLICY_DIR = join(REPO, "www", "examples", "policies");
const EXAMPLES = {
  "strict-production": JSON.parse(readFileSync(join(POLICY_DIR, "strict-production.json"), "utf8")),
  "relaxed-development": JSON.parse(readFileSync(join(POLICY_DIR, "relaxed-development.json"), "utf8")),
};

/** A blue/green service: no built-in error, but blue/green shifts all production traffic at once. */
const blueGreen = (environment) =>
  `environment = "${environment}"\ncreate_lb = true\n\ngateway_deployment_configuration = {\n  enable_blue_green = true\n}\n`;

const policyViolations = (analysis) => analysis.diagnostics.filter((d) => d.code === "policy-violation");
const errors = (analysis) => analysis.diagnostics.filter((d) => d.severity === "error");

test("policySchema is exported by require, import and the web entry", () => {
  assert.equal(typeof cjs.policySchema, "function");
  assert.equal(esm.policySchema, cjs.policySchema);
  assert.equal(typeof web.policySchema, "function");
  assert.ok(!("policySchema" in cjs.policySchema()), "a plain object comes back");
});

test("a policy turns a passing config into a failing one, each violation on its deciding attribute", () => {
  const source = blueGreen("prod");
  const without = analyze(source);
  assert.deepEqual(errors(without), [], "the config passes the built-in checks");
  const analysis = analyze(source, { policy: EXAMPLES["strict-production"] });
  const violations = policyViolations(analysis);
  const rulesNamed = violations.map((d) => d.message.match(/^policy `(\w+)`/)?.[1]).sort();
  assert.deepEqual(rulesNamed, ["allowedStrategies", "maxFirstExposurePercent"]);
  for (const violation of violations) {
    assert.equal(violation.severity, "error");
    assert.ok(violation.help && violation.help.length > 10, "help says how to comply");
    assert.ok(violation.range, `${violation.message}: located in the file`);
    const text = source.slice(violation.range.start.offset, violation.range.end.offset);
    assert.match(text, /enable_blue_green|gateway_deployment_configuration|true/, violation.message);
  }
  assert.match(violations[0].message, /blue\/green/);
  // Everything else is unchanged: the policy only adds diagnostics.
  const others = analysis.diagnostics.filter((d) => d.code !== "policy-violation");
  assert.deepEqual(others, without.diagnostics);
  assert.deepEqual(analysis.timeline, without.timeline);
});

test("the environment merge comes through the JS API", () => {
  const policy = EXAMPLES["strict-production"];
  assert.deepEqual(policyViolations(analyze(blueGreen("dev"), { policy })), [], "dev overrides allow blue/green");
  const staging = policyViolations(analyze(blueGreen("staging"), { policy }));
  assert.deepEqual(staging, [], "staging allows blue/green at any first exposure");
  const unlisted = policyViolations(analyze(blueGreen("qa"), { policy }));
  assert.equal(unlisted.length, 2, "an environment without overrides gets the top-level rules");
});

test("the relaxed example catches a circuit breaker without rollback, with a fix", () => {
  const source = 'environment = "dev"\n\ngateway_deployment_circuit_breaker = {\n  enable   = true\n  rollback = false\n}\n';
  const [violation, ...rest] = policyViolations(analyze(source, { policy: EXAMPLES["relaxed-development"] }));
  assert.deepEqual(rest, []);
  assert.match(violation.message, /requireCircuitBreakerRollback/);
  assert.equal(source.slice(violation.range.start.offset, violation.range.end.offset), "false");
  assert.deepEqual(violation.fixes.map((fix) => fix.edits.map((edit) => edit.newText)), [["true"]]);
});

/** Policies that cannot be enforced: [what, policy, the message expected]. */
const BAD_POLICIES = [
  ["a string where a list belongs", { allowedStrategies: "CANARY" }, /^options\.policy\.allowedStrategies must be an array, got "CANARY"$/],
  ["an unknown field", { maxMinutes: 30 }, /^options\.policy has no option named "maxMinutes"/],
  ["an unknown strategy", { allowedStrategies: ["CANARY", "BIG_BANG"] }, /^options\.policy\.allowedStrategies\[1\] must be one of "ROLLING", .*got "BIG_BANG"$/],
  ["no strategy at all", { allowedStrategies: [] }, /^options\.policy\.allowedStrategies must name at least one strategy$/],
  ["a percentage over 100", { maxFirstExposurePercent: 500 }, /^options\.policy\.maxFirstExposurePercent must be from 0\.1 to 100, not 500$/],
  ["a zero percentage", { maxFirstExposurePercent: 0 }, /^options\.policy\.maxFirstExposurePercent must be from 0\.1 to 100, not 0$/],
  ["a bake longer than ECS allows", { minBakeMinutes: 2000 }, /^options\.policy\.minBakeMinutes must be from 0 to 1440, not 2000$/],
  ["a boolean as a number", { maxTotalMinutes: true }, /^options\.policy\.maxTotalMinutes must be a number, got true$/],
  ["a string as a boolean", { requireCircuitBreakerRollback: "yes" }, /^options\.policy\.requireCircuitBreakerRollback must be a boolean, got "yes"$/],
  ["an unknown stage name", { requiredLifecycleStages: ["PRE_SCALE_UP", "POST_DEPLOY"] }, /^options\.policy\.requiredLifecycleStages\[1\] names `POST_DEPLOY`, which is not an ECS lifecycle stage$/],
  ["a stage that cannot carry a hook", { requiredLifecycleStages: ["BAKE_TIME"] }, /^options\.policy\.requiredLifecycleStages\[0\] names `BAKE_TIME`, a stage that cannot carry a hook$/],
  ["a bad value inside an environment", { environments: { prod: { maxFirstExposurePercent: 500 } } }, /^options\.policy\.environments\.prod\.maxFirstExposurePercent must be from 0\.1 to 100, not 500$/],
  ["an unknown stage inside an environment", { environments: { prod: { requiredLifecycleStages: ["NOPE"] } } }, /^options\.policy\.environments\.prod\.requiredLifecycleStages\[0\] names `NOPE`/],
  ["a negative number inside an environment", { environments: { prod: { maxTotalMinutes: -1 } } }, /^options\.policy\.environments\.prod\.maxTotalMinutes must be a non-negative number, not -1$/],
  ["nested environments", { environments: { prod: { environments: {} } } }, /^options\.policy\.environments\.prod\.environments cannot nest/],
  ["an unknown field inside an environment", { environments: { prod: { minBake: 5 } } }, /^options\.policy\.environments\.prod has no option named "minBake"/],
];

for (const [what, policy, message] of BAD_POLICIES) {
  test(`a policy with ${what} is a TypeError naming the field, never half-applied`, () => {
    const source = blueGreen("prod");
    const before = analyze(source);
    for (const fn of [analyze, compare]) {
      assert.throws(
        () => fn(source, { policy }),
        (error) => {
          assert.ok(error instanceof TypeError, `${fn.name} threw ${error}`);
          assert.match(error.message, message);
          return true;
        },
      );
    }
    // The instance still works and holds nothing of the refused policy.
    assert.deepEqual(analyze(source), before);
    assert.equal(policyViolations(analyze(source, { policy: EXAMPLES["strict-production"] })).length, 2);
  });
}

test("policySchema() is a valid draft 2020-12 schema that agrees with the package", () => {
  const schema = policySchema();
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.notEqual(policySchema(), schema, "a fresh object each call");
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);
  for (const [name, policy] of Object.entries(EXAMPLES)) {
    assert.ok(validate(policy), `${name}: ${ajv.errorsText(validate.errors)}`);
    assert.doesNotThrow(() => analyze("", { policy }), name);
  }
  for (const [what, policy] of BAD_POLICIES) {
    assert.equal(validate(policy), false, `the schema accepts a policy with ${what}`);
  }
  // Every field of contract section 6, and every strategy name, is in the schema.
  assert.deepEqual(Object.keys(schema.properties).sort(), [
    "allowedStrategies", "environments", "maxFirstExposurePercent", "maxTotalMinutes",
    "minBakeMinutes", "requireCircuitBreakerRollback", "requiredLifecycleStages",
  ]);
  assert.deepEqual(schema.properties.allowedStrategies.items.enum, ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"]);
  // Each hookable stage the schema lists is one the package accepts.
  for (const stage of schema.properties.requiredLifecycleStages.items.enum) {
    assert.doesNotThrow(() => analyze("", { policy: { requiredLifecycleStages: [stage] } }), stage);
  }
});

test("the example policies and a mistyped one against the Policy type", () => {
  const header = 'import type { Policy } from "ecs-rollout";\nimport { policySchema } from "ecs-rollout/web";\nconst schema: object = policySchema();\nvoid schema;\n';
  const good = typeCheck({
    "good.mts": header + Object.entries(EXAMPLES).map(([name, policy], i) => `export const p${i} = ${JSON.stringify(policy)} satisfies Policy; // ${name}\n`).join(""),
    "cjs.cts": 'import ecs = require("ecs-rollout");\nconst policy: ecs.Policy = { maxTotalMinutes: 30 };\nconst schema: object = ecs.policySchema();\nvoid policy; void schema;\nexport {};\n',
  });
  assert.ok(good.ok, good.output);
  const bad = typeCheck({ "bad.mts": `${header}export const p = { allowedStrategies: "CANARY" } satisfies Policy;\n` });
  assert.ok(!bad.ok, "tsc accepted a string as allowedStrategies");
  assert.match(bad.output, /not assignable to type 'StrategyName\[\]'/);
  const nested = typeCheck({ "nested.mts": `${header}export const p = { environments: { prod: { environments: {} } } } satisfies Policy;\n` });
  assert.ok(!nested.ok, "tsc accepted nested environments");
});

const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-policy-"));
const write = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test("check --policy FILE: violations and exit 1, in text and SARIF", () => {
  const config = write("prod.tfvars", blueGreen("prod"));
  const policy = join(POLICY_DIR, "strict-production.json");
  assert.equal(runBin(["check", config]).exitCode, 0, "the config alone passes");
  const text = runBin(["check", "--policy", policy, config]);
  assert.equal(text.exitCode, 1, text.stderr);
  assert.match(text.stdout, /error\[policy-violation\]: policy `allowedStrategies`/);
  assert.match(text.stdout, /error\[policy-violation\]: policy `maxFirstExposurePercent`/);
  const sarif = runBin(["check", "--policy", policy, "--format", "sarif", config]);
  assert.equal(sarif.exitCode, 1, sarif.stderr);
  const results = JSON.parse(sarif.stdout).runs[0].results.filter((r) => r.ruleId === "policy-violation");
  assert.equal(results.length, 2);
  // The same file in dev passes under the same policy.
  const dev = write("dev.tfvars", blueGreen("dev"));
  assert.equal(runBin(["check", "--policy", policy, dev]).exitCode, 0);
});

/** Invalid policy files: [file text, what stderr must name]. */
const BAD_FILES = [
  ['{ "allowedStrategies": "CANARY" }', /allowedStrategies/],
  ['{ "maxFirstExposurePercent": 500 }', /maxFirstExposurePercent/],
  ['{ "maxMinutes": 30 }', /maxMinutes/],
  ['{ "requiredLifecycleStages": ["POST_DEPLOY"] }', /requiredLifecycleStages\[0\].*POST_DEPLOY/],
  ['{ "environments": { "prod": { "minBakeMinutes": "five" } } }', /environments\.prod\.minBakeMinutes/],
  ['{ "allowedStrategies": ["CANARY"', /invalid policy file/],
];

for (const [index, [text, named]] of BAD_FILES.entries()) {
  test(`check --policy with an invalid file #${index} exits 2 naming the bad field`, () => {
    const config = write("ok.tfvars", blueGreen("prod"));
    const policy = write(`bad-${index}.json`, text);
    const { exitCode, stdout, stderr } = runBin(["check", "--policy", policy, config]);
    assert.equal(exitCode, 2);
    assert.equal(stdout, "", "nothing is checked with a policy that cannot be applied");
    assert.match(stderr, /invalid policy file/);
    assert.match(stderr, named);
  });
}

test("policy-schema prints the same schema as policySchema()", () => {
  const { exitCode, stdout } = runBin(["policy-schema"]);
  assert.equal(exitCode, 0);
  assert.deepEqual(JSON.parse(stdout), policySchema());
  assert.ok(rules().some((rule) => rule.code === "policy-violation"));
});
