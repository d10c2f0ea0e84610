// Unit tests, in Node, of the policy panel's text check (against the real package, through its
// Node entry) and of the policy in the share-link state.

import test from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { readFileSync } from "node:fs";
import { analyze } from "ecs-rollout";

const { checkPolicyText, describePolicyStatus } = await import("../src/policy-panel.js");
const { encodeState, decodeState, validateState, MAX_POLICY_CHARS } = await import("../src/url-state.js");

const validate = (policy) => analyze("", { policy });
const example = (name) => readFileSync(new URL(`../examples/policies/${name}.json`, import.meta.url), "utf8");
const rawHash = (value) => "v1." + zlib.deflateRawSync(Buffer.from(JSON.stringify(value))).toString("base64url");

test("blank text is no policy and no error", () => {
  for (const text of ["", "  \n\t"]) {
    const checked = checkPolicyText(text, validate);
    assert.equal(checked.policy, null);
    assert.equal(checked.error, null);
    assert.match(describePolicyStatus(checked, 0), /^No policy/);
  }
});

test("both example files are valid policies", () => {
  for (const name of ["strict-production", "relaxed-development"]) {
    const checked = checkPolicyText(example(name), validate);
    assert.equal(checked.error, null, name);
    assert.deepEqual(checked.policy, JSON.parse(example(name)));
    assert.match(describePolicyStatus(checked, 0), /meets the policy/);
    assert.match(describePolicyStatus(checked, 1), /^Applied: 1 policy violation,/);
    assert.match(describePolicyStatus(checked, 3), /^Applied: 3 policy violations,/);
  }
});

test("the status names the rules that applied, as the core reports them", () => {
  const checked = checkPolicyText(example("strict-production"), validate);
  const unset = analyze("project_name = \"gateway\"\n", { policy: checked.policy });
  assert.equal(unset.policy.environment, "dev");
  assert.equal(unset.policy.environmentSet, false);
  assert.equal(unset.policy.environmentRules, true);
  assert.equal(
    describePolicyStatus(checked, 0, unset.policy),
    "Applied: this config meets the policy. Checked against the rules for environment `dev` " +
      "(the module's default: the file does not set `environment`), over the top-level ones.",
  );
  const qa = analyze('environment = "qa"\n', { policy: checked.policy });
  assert.match(describePolicyStatus(checked, 1, qa.policy), /1 policy violation, .* Checked against the top-level rules: the policy has none for environment `qa`\.$/);
  assert.equal(analyze('environment = "qa"\n').policy, undefined, "no policy, no scope");
});

const INVALID = [
  ["{", /^Not valid JSON: /],
  ["null", /^A policy is a JSON object/],
  ['"CANARY"', /^A policy is a JSON object/],
  ["[]", /^A policy is a JSON object/],
  ['{ "allowedStrategies": "CANARY" }', /^policy\.allowedStrategies must be an array, got "CANARY"$/],
  ['{ "minBakeMinutes": 1441 }', /^policy\.minBakeMinutes must be from 0 to 1440, not 1441$/],
  ['{ "environments": { "qa": { "requiredLifecycleStages": ["SCALE_UP"] } } }', /^policy\.environments\.qa\.requiredLifecycleStages\[0\] names `SCALE_UP`, a stage that cannot carry a hook$/],
  ['{ "allowedStrategies": ["CANARY"], "bogus": 1 }', /^policy has no option named "bogus"/],
];

for (const [text, message] of INVALID) {
  test(`${text} is refused whole with a message`, () => {
    const checked = checkPolicyText(text, validate);
    assert.equal(checked.policy, null);
    assert.match(checked.error, message);
    assert.match(describePolicyStatus(checked, 0), /^Not applied: .*\. The analysis runs without the policy\.$/);
  });
}

test("only a TypeError means an invalid policy; anything else is a bug and propagates", () => {
  assert.throws(() => checkPolicyText("{}", () => { throw new RangeError("boom"); }), RangeError);
});

test("the policy text round-trips through the share link, and is left out when empty", async () => {
  const state = { source: "x = 1\n", assumptions: {}, failAtMinute: null, example: null, policy: example("strict-production") };
  assert.deepEqual(await decodeState(await encodeState(state)), state);
  const empty = await encodeState({ ...state, policy: "" });
  const json = JSON.parse(zlib.inflateRawSync(Buffer.from(empty.slice(3), "base64url")).toString());
  assert.ok(!("policy" in json));
  assert.ok(!("policy" in (await decodeState(empty))));
});

test("a link from before the policy panel decodes as before", async () => {
  const old = { source: "x = 1\n", assumptions: { hookMinutes: 2 }, failAtMinute: 3, example: "doc-linear" };
  assert.deepEqual(await decodeState(rawHash(old)), old);
  assert.deepEqual(validateState({ ...old, policy: null }), old);
});

test("a link's policy must be text of a sane size", async () => {
  await assert.rejects(decodeState(rawHash({ source: "", policy: { maxTotalMinutes: 1 } })), /the link's policy is not text/);
  await assert.rejects(decodeState(rawHash({ source: "", policy: 5 })), /the link's policy is not text/);
  await assert.rejects(decodeState(rawHash({ source: "", policy: " ".repeat(MAX_POLICY_CHARS + 1) })), /the link's policy is too large/);
  assert.equal(validateState({ source: "", policy: "{ not json" }).policy, "{ not json", "checked when applied, not here");
});
