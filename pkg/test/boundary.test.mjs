// Misuse at the JS boundary throws a TypeError naming the bad argument, and never breaks the
// instance: every case is followed by calls that must still work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, compare, rules, runCli } from "ecs-rollout";

const circular = {};
circular.self = circular;
let deep = {};
for (let i = 0; i < 40; i++) deep = { rules: deep };
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();

/** [what the caller passed, options (or a full argument list), the message expected]. */
const SOURCE_CASES = [
  ["a number as source", [42], /^source must be a string, got a number$/],
  ["undefined source", [], /^source must be a string, got undefined$/],
  ["null source", [null], /^source must be a string, got null$/],
  ["an object as source", [{ toString: () => "x" }], /^source must be a string, got an object$/],
  ["a String wrapper as source", [new String("x")], /^source must be a string, got an object$/],
];

const OPTION_CASES = [
  ["options as a string", "fast", /^options must be an object, got a string$/],
  ["options as an array", [1], /^options must be an object, got an array$/],
  ["options as a function", () => {}, /^options must be an object, got a function$/],
  ["an unknown option", { hookMinutes: 1 }, /^options has no option named "hookMinutes" \(expected .*assumptions/],
  ["an unknown assumption", { assumptions: { hookMinute: 1 } }, /^options\.assumptions has no option named "hookMinute" \(expected .*hookMinutes/],
  ["an unknown policy field", { policy: { maxMinutes: 1 } }, /^options\.policy has no option named "maxMinutes"/],
  ["a mistyped format", { format: 5 }, /^options\.format must be a string, got 5$/],
  ["an unknown format", { format: "yaml" }, /^options\.format must be "hcl" or "json", got "yaml"$/],
  ["assumptions as a number", { assumptions: 3 }, /^options\.assumptions must be an object, got 3$/],
  ["assumptions as an array", { assumptions: [1, 2, 3, 4, 5, 6] }, /^options\.assumptions must be an object, got an array$/],
  ["a string assumption", { assumptions: { hookMinutes: "5" } }, /^options\.assumptions\.hookMinutes must be a number, got "5"$/],
  ["a negative assumption", { assumptions: { hookMinutes: -1 } }, /^options\.assumptions\.hookMinutes must be a number of 0 or more, not -1$/],
  ["a NaN assumption", { assumptions: { scaleUpMinutes: NaN } }, /^options\.assumptions\.scaleUpMinutes must be a finite number, got NaN$/],
  ["an infinite assumption", { assumptions: { drainMinutes: Infinity } }, /^options\.assumptions\.drainMinutes must be a finite number, got Infinity$/],
  ["a negative failAtMinute", { failAtMinute: -0.5 }, /^options\.failAtMinute must be a number of 0 or more, not -0\.5$/],
  ["a bigint failAtMinute", { failAtMinute: 3n }, /^options\.failAtMinute must be plain data, got a bigint$/],
  ["an unknown rule code", { rules: { "no-such-code": "off" } }, /^options\.rules\.no-such-code is not a diagnostic code/],
  ["an unknown rule level", { rules: { "syntax-error": "loud" } }, /^options\.rules\.syntax-error must be one of "off", "info", "warning", "error", got "loud"$/],
  ["an unknown strategy in policy", { policy: { allowedStrategies: ["FAST"] } }, /^options\.policy\.allowedStrategies\[0\] must be one of "ROLLING", .*got "FAST"$/],
  ["a negative policy number", { policy: { maxTotalMinutes: -5 } }, /^options\.policy\.maxTotalMinutes must be a non-negative number, not -5$/],
  ["a mistyped environment policy", { policy: { environments: { prod: { minBakeMinutes: "x" } } } }, /^options\.policy\.environments\.prod\.minBakeMinutes must be a number, got "x"$/],
  ["a throwing getter", { assumptions: { get hookMinutes() { throw new Error("boom"); } } }, /^options\.assumptions\.hookMinutes could not be read: boom$/],
  ["a getter throwing a non-Error", { get format() { throw 7; } }, /^options\.format could not be read: a number was thrown$/],
  ["a Proxy whose ownKeys trap throws", new Proxy({}, { ownKeys() { throw new Error("no keys"); } }), /^options could not be read: no keys$/],
  ["a Proxy whose get trap throws", new Proxy({ format: "hcl" }, { get() { throw new Error("no get"); } }), /^options\.format could not be read: no get$/],
  ["a revoked Proxy", revoked, /^options could not be read: /],
  ["a circular object", circular, /^options\.self\.self.* is nested too deeply \(is it circular\?\)$/],
  ["a deeply nested object", deep, /is nested too deeply/],
  ["a huge sparse array", { policy: { requiredLifecycleStages: new Array(2 ** 32 - 1) } }, /^options\.policy\.requiredLifecycleStages has 4294967295 items, more than the 100000 allowed$/],
];

function assertStillWorks() {
  assert.ok(rules().length > 0);
  assert.throws(() => analyze(1), TypeError);
}

for (const [what, args, message] of SOURCE_CASES) {
  test(`analyze and compare: ${what} is a TypeError`, () => {
    assert.throws(() => analyze(...args), (error) => error instanceof TypeError && message.test(error.message));
    assert.throws(() => compare(...args), (error) => error instanceof TypeError && message.test(error.message));
    assertStillWorks();
  });
}

for (const [what, options, message] of OPTION_CASES) {
  test(`analyze and compare: ${what} is a TypeError`, () => {
    for (const fn of [analyze, compare]) {
      assert.throws(
        () => fn("", options),
        (error) => {
          assert.ok(error instanceof TypeError, `${fn.name} threw ${error}`);
          assert.match(error.message, message);
          return true;
        },
      );
    }
    assertStillWorks();
  });
}

test("a thousand TypeErrors in a row leave the instance working", () => {
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => analyze("", { assumptions: { get hookMinutes() { throw new Error("x"); } } }), TypeError);
  }
  assertStillWorks();
});

test("runCli: misuse of its arguments is a TypeError", () => {
  const cases = [
    [["check"], "read", true, /^readFile must be a function, got a string$/],
    ["check", () => "", true, /^argv must be an array of strings, got a string$/],
    [["check", 3], () => "", true, /^argv\[1\] must be a string, got a number$/],
    [["check"], () => "", "yes", /^color must be a boolean, got a string$/],
  ];
  for (const [argv, readFile, color, message] of cases) {
    assert.throws(() => runCli(argv, readFile, color), (error) => error instanceof TypeError && message.test(error.message));
  }
  assertStillWorks();
});

// These need the analyzer core: valid options are accepted and analysis runs.
const VALID_OPTIONS = [
  undefined,
  null,
  {},
  { format: undefined, assumptions: { hookMinutes: undefined } },
  { format: "hcl", failAtMinute: 0, rules: { "unknown-variable": "off" } },
  { assumptions: { scaleUpMinutes: 0, hookMinutes: 2.5, drainMinutes: 1, bakeTimeMinutes: 0, minimumHealthyPercent: 50, maximumPercent: 200 } },
  { policy: { allowedStrategies: ["CANARY"], environments: { prod: { minBakeMinutes: 10 } } } },
  { [Symbol("ignored")]: 1 },
  Object.create({ inheritedIgnored: 1 }),
  new Proxy({ format: "hcl" }, {}),
];

for (const [index, options] of VALID_OPTIONS.entries()) {
  test(`valid options #${index} are accepted`, () => {
    const analysis = analyze("environment = \"dev\"\n", options);
    assert.ok(Array.isArray(analysis.diagnostics));
    assert.ok(Array.isArray(compare("environment = \"dev\"\n", options).rows));
  });
}

test("a rules object with more entries than there are codes is refused before any entry is read", () => {
  let reads = 0;
  const entries = {};
  for (let number = 0; number < 100_000; number += 1) entries[`code-${number}`] = "off";
  const rules = new Proxy(entries, {
    get(target, key) {
      reads += 1;
      return target[key];
    },
    getOwnPropertyDescriptor(target, key) {
      reads += 1;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  assert.throws(() => analyze("x = 1\n", { rules }), (error) => {
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /^options\.rules has 100000 entries, more than the \d+ diagnostic codes/);
    return true;
  });
  assert.equal(reads, 0, "entries read before refusing");
});
