// Issue #13's sources through the npm package: a Terraform file, a CloudFormation template (YAML)
// and ECS API JSON, each from test/fixtures/, read with `options.input` named and detected: the
// kind read, every service by name, and the one mistake located on its own line. A kind the
// analyzer does not read is a TypeError naming `options.input`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "ecs-rollout";
import { PKG } from "./helpers.mjs";
import { checkAnalysis } from "./contract-checks.mjs";

const fixture = (name) => readFileSync(join(PKG, "test", "fixtures", name), "utf8");

/** The 1-based line of the first line of `source` that contains `text`. */
const lineOf = (source, text) => source.split("\n").findIndex((line) => line.includes(text)) + 1;

const CASES = [
  {
    file: "terraform-two-services.tf",
    input: "terraform",
    names: ["aws_ecs_service.gateway", "aws_ecs_service.data"],
    mistake: "canary_percent              = 200",
  },
  {
    file: "cloudformation-two-services.yaml",
    input: "cloudformation",
    names: ["GatewayService", "DataService"],
    mistake: "CanaryPercent: 200",
  },
  {
    file: "ecs-api-describe-services.json",
    input: "ecs-api",
    names: ["portkey-gateway", "portkey-data-service"],
    mistake: '"canaryPercent": 200',
  },
];

for (const { file, input, names, mistake } of CASES) {
  test(`${file}: read as ${input}, named or detected, two services and the percent located`, () => {
    const source = fixture(file);
    const named = analyze(source, { input });
    const detected = analyze(source);
    assert.deepEqual(detected, named, "detection reads it as the same kind");
    assert.equal(named.input, input);
    checkAnalysis(source, named);
    assert.equal(named.services.length, 2);
    assert.deepEqual(named.services.map((s) => s.name), names);
    // Each service is located where it is declared, in source order.
    assert.ok(named.services[0].range.start.line < named.services[1].range.start.line);

    const found = named.diagnostics.filter((d) => d.code === "canary-percent-out-of-range");
    assert.equal(found.length, 1, JSON.stringify(named.diagnostics.map((d) => d.code)));
    const [diagnostic] = found;
    assert.equal(diagnostic.severity, "error");
    assert.equal(diagnostic.range.start.line, lineOf(source, mistake), "on the line that sets the percent");
    assert.equal(source.slice(diagnostic.range.start.offset, diagnostic.range.end.offset), "200", "the range is the value");

    // The gateway's canary cannot be deployed, so it has no timeline; the data service rolls.
    assert.equal(named.strategy, "CANARY");
    assert.equal(named.services[0].strategy, "CANARY");
    assert.equal(named.services[0].timeline, null);
    assert.equal(named.timeline, null, "the top-level timeline is the first service's");
    assert.equal(named.services[1].strategy, "ROLLING");
    assert.ok(named.services[1].timeline, "the data service has a timeline");
    // These sources give no listener ports.
    const { listeners } = named.services[1].timeline;
    if (listeners) assert.equal(listeners.production.port, null);
  });
}

test("a source read as another kind than it is gives that kind's reading, not the detected one", () => {
  const analysis = analyze(fixture("cloudformation-two-services.yaml"), { input: "portkey-tfvars" });
  assert.equal(analysis.input, "portkey-tfvars");
  assert.ok(analysis.diagnostics.some((d) => d.severity === "error"), "YAML is not a tfvars file");
});

test("options.input that is not a kind is a TypeError naming options.input", () => {
  for (const input of ["nonsense", "CloudFormation", 3, true]) {
    assert.throws(
      () => analyze("", { input }),
      (error) => error instanceof TypeError && /options\.input|\binput\b/.test(error.message),
      `input ${JSON.stringify(input)}`,
    );
  }
  try {
    analyze("", { input: "nonsense" });
  } catch (error) {
    assert.match(error.message, /options\.input/);
  }
});
