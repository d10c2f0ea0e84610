// Pins index.d.ts to the values the package really returns: real outputs are written out as
// `<literal> satisfies Analysis` (so an extra or a missing property fails), a small consumer
// uses the API, and `tsc --noEmit --strict` must accept both and reject a deliberately bad one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, compare, rules, schema } from "ecs-rollout";
import { sampleFiles, typeCheck } from "./helpers.mjs";

const literal = (value) => JSON.stringify(value, null, 2);
const HEADER = 'import type { Analysis, Comparison, RuleInfo } from "ecs-rollout";\n';

const CONSUMER = `
import init, { analyze, compare, rules, schema, policySchema, version, runCli, hover, completions, type Analysis, type Options, type Policy, type HoverHelp, type CompletionHelp } from "ecs-rollout";
import webInit, { analyze as webAnalyze, initSync, observed as webObserved, initObserved, type Diagnostic, type Observed } from "ecs-rollout/web";
await init();
await initObserved();
const record: Observed = await webObserved("{}", { assumptions: { hookMinutes: 5 } });
const calibrated: number | undefined = record.calibratedAssumptions?.scaleUpMinutes;
const options: Options = { format: "hcl", assumptions: { hookMinutes: 5 }, rules: { "no-bake-time": "off" }, policy: { environments: { prod: { minBakeMinutes: 10 } } } };
const analysis: Analysis = analyze("x = 1", options);
const first: Diagnostic | undefined = analysis.diagnostics[0];
const text: string | undefined = first?.range ? "x = 1".slice(first.range.start.offset, first.range.end.offset) : undefined;
const minutes: number | undefined = analysis.timeline?.phases.at(-1)?.endMinute;
const rows: number = compare("x = 1").rows.length;
const codes: string[] = rules().map((rule) => rule.code);
const cli: number = runCli(["--help"], () => "", false).exitCode;
const s: object = schema();
const ps: object = policySchema();
const policy: Policy = { allowedStrategies: ["CANARY"], maxFirstExposurePercent: 10, environments: { dev: { requireCircuitBreakerRollback: false } } };
analyze("x = 1", { policy });
const v: string = version;
const help: HoverHelp | null = hover("x = 1", 0);
const named: string[] = completions("x = 1", 0, { input: "portkey-tfvars" }).map((item: CompletionHelp) => item.insert);
void help; void named;
void calibrated; void webInit; void webAnalyze; void initSync; void text; void minutes; void rows; void codes; void cli; void s; void ps; void v;
export {};
`;

const CJS_CONSUMER = `
import ecs = require("ecs-rollout");
const analysis: ecs.Analysis = ecs.analyze("x = 1", { failAtMinute: 3 });
const record: ecs.Observed = ecs.observed("{}");
void record;
const rows: ecs.ComparisonRow[] = ecs.compare("x = 1").rows;
const version: string = ecs.version;
void analysis; void rows; void version;
export {};
`;

test("the consumer and rules()/schema() outputs type-check, and a wrong literal does not", () => {
  const good = typeCheck({
    "consumer.mts": CONSUMER,
    "consumer.cts": CJS_CONSUMER,
    "rules.mts": `${HEADER}export const all = ${literal(rules())} satisfies RuleInfo[];\n`,
  });
  assert.ok(good.ok, good.output);
  const extra = { ...rules()[0], extra: 1 };
  const bad = typeCheck({ "bad.mts": `${HEADER}export const x = ${literal([extra])} satisfies RuleInfo[];\n` });
  assert.ok(!bad.ok, "tsc accepted an excess property");
  assert.match(bad.output, /extra/);
});

test("every sample's analyze() and compare() output satisfies Analysis and Comparison", () => {
  const samples = [...sampleFiles(), { name: "syntax error", source: "gateway_config = {\n" }];
  const body = samples
    .map(({ source }, i) => [
      `export const analysis${i} = ${literal(analyze(source))} satisfies Analysis;`,
      `export const comparison${i} = ${literal(compare(source))} satisfies Comparison;`,
    ].join("\n"))
    .join("\n");
  const result = typeCheck({ "outputs.mts": HEADER + body + "\n" });
  assert.ok(result.ok, result.output);
});
