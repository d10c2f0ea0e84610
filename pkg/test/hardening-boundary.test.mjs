// Hostile calls at the JS boundary (issue 8): every exported function, called with every kind of
// bad argument, either returns a valid result or throws a clean TypeError (never a wasm trap, a
// RangeError or a panic message), and the same instance keeps giving the same answers after it.
// Also: lone UTF-16 surrogates in the source, and inputs at and over the 8 MiB limit.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as pkg from "ecs-rollout";

const { analyze, compare, diff, rules, schema, runCli, version } = pkg;
// Present once the policy issue lands; every check below covers it then too.
const policySchema = pkg.policySchema;

const SAMPLE = 'create_lb = true\ngateway_deployment_configuration = {\n  enable_blue_green = true\n}\nlb_type = 5\n';
const BASELINE = {
  analyze: JSON.stringify(analyze(SAMPLE)),
  compare: JSON.stringify(compare(SAMPLE)),
  rules: JSON.stringify(rules()),
  schema: JSON.stringify(schema()),
  cli: JSON.stringify(runCli(["check", "a.tfvars", "--format", "json"], () => SAMPLE, false)),
};

/** The instance gives exactly the answers it gave before any hostile call. */
function assertInstanceUnharmed(after) {
  assert.equal(JSON.stringify(analyze(SAMPLE)), BASELINE.analyze, `analyze changed after ${after}`);
  assert.equal(JSON.stringify(compare(SAMPLE)), BASELINE.compare, `compare changed after ${after}`);
  assert.equal(JSON.stringify(rules()), BASELINE.rules, `rules changed after ${after}`);
  assert.equal(JSON.stringify(schema()), BASELINE.schema, `schema changed after ${after}`);
  assert.equal(JSON.stringify(runCli(["check", "a.tfvars", "--format", "json"], () => SAMPLE, false)), BASELINE.cli);
}

const throwingEverything = () =>
  new Proxy(
    {},
    Object.fromEntries(
      ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "defineProperty", "set", "deleteProperty", "isExtensible", "preventExtensions", "apply", "construct"].map(
        (trap) => [trap, () => { throw new Error(`trap ${trap}`); }],
      ),
    ),
  );

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const throwingGetters = () => {
  const object = {};
  for (const key of ["format", "assumptions", "failAtMinute", "rules", "policy", "length", "0", "toString", "valueOf"]) {
    Object.defineProperty(object, key, { enumerable: true, get() { throw new Error(`getter ${key}`); } });
  }
  object[Symbol.toPrimitive] = () => { throw new Error("toPrimitive"); };
  return object;
};

const throwingToString = () => ({ toString() { throw new Error("toString"); }, valueOf() { throw new Error("valueOf"); } });

/** Every kind of argument the issue lists, built fresh for each call. */
const HOSTILE = [
  ["undefined", () => undefined],
  ["null", () => null],
  ["0", () => 0],
  ["-0", () => -0],
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["1e308", () => 1e308],
  ["a bigint", () => 10n],
  ["true", () => true],
  ["a symbol", () => Symbol("x")],
  ["an empty string", () => ""],
  ["an empty object", () => ({})],
  ["an empty array", () => []],
  ["a function", () => () => "x"],
  ["a Date", () => new Date(0)],
  ["a typed array", () => new Uint8Array([0x7b, 0x7d])],
  ["an object whose getters throw", throwingGetters],
  ["an object whose toString throws", throwingToString],
  ["a Proxy whose every trap throws", throwingEverything],
  ["a revoked Proxy", revokedProxy],
  ["an array Proxy", () => new Proxy(["check"], {})],
  ["a frozen object", () => Object.freeze({ format: "hcl" })],
  ["an object without prototype", () => Object.assign(Object.create(null), { format: "json" })],
  ["a lone surrogate", () => "\uD800"],
  ["a 9 MiB string", () => "#".repeat(9 * 1024 * 1024)],
];

/** Calls `fn`; it must return or throw a TypeError with a plain message. */
function callSafely(name, fn) {
  try {
    return { value: fn() };
  } catch (error) {
    assert.ok(error instanceof TypeError, `${name} threw ${error?.constructor?.name}: ${error?.message ?? error}`);
    assert.ok(typeof error.message === "string" && error.message.length > 0, `${name}: empty message`);
    assert.doesNotMatch(error.message, /unreachable|panicked|RuntimeError|wasm/i, `${name}: ${error.message}`);
    return { error };
  }
}

const isDiff = (value) => value && Array.isArray(value.changes) && Array.isArray(value.newDiagnostics) && "before" in value;
const isAnalysis = (value) => value && Array.isArray(value.diagnostics) && "timeline" in value && "strategy" in value;

const FUNCTIONS = [
  ["analyze(x)", (x) => analyze(x), isAnalysis],
  ["analyze(source, x)", (x) => analyze(SAMPLE, x), isAnalysis],
  ["analyze(x, x)", (x) => analyze(x, x), isAnalysis],
  ["compare(x)", (x) => compare(x), (value) => Array.isArray(value?.rows) && value.rows.length === 4],
  ["compare(source, x)", (x) => compare(SAMPLE, x), (value) => Array.isArray(value?.rows)],
  ["diff(x, source)", (x) => diff(x, SAMPLE), isDiff],
  ["diff(source, x)", (x) => diff(SAMPLE, x), isDiff],
  ["diff(source, source, x)", (x) => diff(SAMPLE, SAMPLE, x), isDiff],
  ["rules(x)", (x) => rules(x), (value) => Array.isArray(value) && value.length > 20],
  ["schema(x)", (x) => schema(x), (value) => value && typeof value.properties === "object"],
  ["runCli(x)", (x) => runCli(x), isCliOutput],
  ["runCli(x, reader, false)", (x) => runCli(x, () => SAMPLE, false), isCliOutput],
  ["runCli(argv, x, false)", (x) => runCli(["check", "a.tfvars"], x, false), isCliOutput],
  ["runCli(argv, reader returning x, false)", (x) => runCli(["check", "a.tfvars"], () => x, false), isCliOutput],
  ["runCli(argv, reader, x)", (x) => runCli(["check", "a.tfvars"], () => SAMPLE, x), isCliOutput],
  ["runCli([x], reader, false)", (x) => runCli([x], () => SAMPLE, false), isCliOutput],
  ["runCli(['check', x], reader, false)", (x) => runCli(["check", x], () => SAMPLE, false), isCliOutput],
];
if (typeof policySchema === "function") {
  FUNCTIONS.push(["policySchema(x)", (x) => policySchema(x), (value) => value && typeof value === "object"]);
}

function isCliOutput(value) {
  return value && typeof value.stdout === "string" && typeof value.stderr === "string" && Number.isInteger(value.exitCode);
}

test("version is a plain semver string", () => {
  assert.equal(typeof version, "string");
  assert.match(version, /^\d+\.\d+\.\d+$/);
});

for (const [call, fn, isValid] of FUNCTIONS) {
  test(`${call}: every hostile argument gives a valid result or a TypeError`, () => {
    let results = 0;
    let typeErrors = 0;
    for (const [what, make] of HOSTILE) {
      const outcome = callSafely(`${call} with ${what}`, () => fn(make()));
      if ("value" in outcome) {
        assert.ok(isValid(outcome.value), `${call} with ${what} returned ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
        results++;
      } else {
        typeErrors++;
      }
    }
    assert.equal(results + typeErrors, HOSTILE.length);
    assertInstanceUnharmed(call);
  });
}

test("the expected outcome for the main cases: strings are analysed, everything else is a TypeError", () => {
  for (const [what, make] of HOSTILE) {
    const value = make();
    if (typeof value === "string") {
      assert.ok(isAnalysis(analyze(value)), what);
    } else {
      assert.throws(() => analyze(value), TypeError, what);
    }
  }
  // Options that are not an object (or undefined/null) are refused; plain objects are read.
  assert.throws(() => analyze(SAMPLE, 5), TypeError);
  assert.throws(() => analyze(SAMPLE, throwingGetters()), /could not be read: getter/);
  assert.throws(() => analyze(SAMPLE, throwingEverything()), /could not be read: trap/);
  assert.throws(() => analyze(SAMPLE, revokedProxy()), /could not be read/);
  assertInstanceUnharmed("the main cases");
});

test("a reader that throws, or returns something other than a string, is a clean failure of the command", () => {
  const failing = runCli(["check", "a.tfvars"], () => { throw new Error("disk on fire"); }, false);
  assert.equal(failing.exitCode, 2);
  assert.match(failing.stderr, /cannot read `a\.tfvars`: disk on fire/);
  for (const returned of [undefined, null, 42, {}, throwingToString(), revokedProxy()]) {
    const outcome = callSafely("runCli with a bad reader", () => runCli(["check", "a.tfvars"], () => returned, false));
    if ("value" in outcome) assert.equal(outcome.value.exitCode, 2, `reader returned ${typeof returned}`);
  }
  assertInstanceUnharmed("bad readers");
});

test("inputs at and over the 8 MiB limit: input-too-large, never a throw", () => {
  const limit = 8 * 1024 * 1024;
  const at = "create_lb = true\n" + "#".repeat(limit - 17);
  assert.equal(Buffer.byteLength(at), limit);
  assert.ok(!analyze(at).diagnostics.some((d) => d.code === "input-too-large"));
  const codes = (source) => analyze(source).diagnostics.map((d) => d.code);
  assert.deepEqual(codes(at + "#"), ["input-too-large"]);
  assert.deepEqual(codes("#".repeat(9 * 1024 * 1024)), ["input-too-large"]);
  // The limit is in UTF-8 bytes: 3 Mi characters of "€" are 9 MiB.
  assert.deepEqual(codes("€".repeat(3 * 1024 * 1024)), ["input-too-large"]);
  assert.equal(compare("#".repeat(9 * 1024 * 1024)).rows.length, 4);
  assertInstanceUnharmed("huge inputs");
});

test("nesting 100,000 deep is a syntax error inside the wasm stack, not a trap", () => {
  const depth = 100_000;
  for (const source of [
    `x = ${"[".repeat(depth)}${"]".repeat(depth)}\n`,
    `x = ${"{a = ".repeat(depth)}1${"}".repeat(depth)}\n`,
    `x = ${"(".repeat(depth)}1${")".repeat(depth)}\n`,
    `{"x": ${"[".repeat(depth)}${"]".repeat(depth)}}`,
    `x = 1${" + 1".repeat(depth)}\n`,
  ]) {
    const codes = analyze(source).diagnostics.map((d) => d.code);
    assert.ok(codes.includes("syntax-error"), codes.join(","));
  }
  assertInstanceUnharmed("deep nesting");
});

/** Every range lies inside the JS string, and slices to what the test expects where it says. */
function checkRanges(source, analysis) {
  for (const diagnostic of analysis.diagnostics) {
    const ranges = [diagnostic.range, ...diagnostic.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range)), ...(diagnostic.related ?? []).map((r) => r.range)];
    for (const range of ranges.filter(Boolean)) {
      assert.ok(0 <= range.start.offset && range.start.offset <= range.end.offset && range.end.offset <= source.length, `${diagnostic.code}: ${JSON.stringify(range)} in ${source.length}`);
      assert.ok(range.start.line >= 1 && range.start.column >= 1);
    }
  }
}

test("lone UTF-16 surrogates: nothing throws, and source.slice(range) still finds the text", () => {
  const cases = [
    // [source, code, the text its range must slice to]
    ["project_name = \"a\uD800b\"\nlb_type = 5\n", "module-validation-failed", "5"],
    ["# \uDC00 comment\nlb_type = 5\n", "module-validation-failed", "5"],
    ["# \uDC00\uD800 reversed pair\nlb_type = 5\n", "module-validation-failed", "5"],
    ["x\uD800y = 1\n", "syntax-error", "\uD800"],
    ["lb_type = 5\n# trailing \uD83D", "module-validation-failed", "5"],
    ["{\"lb_type\": 5, \"project_name\": \"\uDFFF\"}", "module-validation-failed", "5"],
    ["project_name = \"\uD83D\uDE80\" # a real pair\nlb_type = 5\n", "module-validation-failed", "5"],
  ];
  for (const [source, code, text] of cases) {
    const analysis = analyze(source);
    checkRanges(source, analysis);
    const diagnostic = analysis.diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `${JSON.stringify(source)}: no ${code} in ${analysis.diagnostics.map((d) => d.code)}`);
    const { start, end } = diagnostic.range;
    assert.equal(source.slice(start.offset, end.offset), text, JSON.stringify(source));
    compare(source);
    const cli = runCli(["check", "x.tfvars", "--format", "json"], () => source, false);
    assert.ok(cli.exitCode === 0 || cli.exitCode === 1, cli.stderr);
  }
  assertInstanceUnharmed("lone surrogates");
});

test("control characters, NUL, BOM and every line ending pass the boundary", () => {
  for (const source of ["\0", "\u0000x = 1\n", "\uFEFF", "\uFEFF{\"create_lb\": true}", "\r", "\r\n\r\n", "a\u0007 = 1", "\u2028\u2029", "\uFFFF\uFFFE"]) {
    const analysis = analyze(source);
    checkRanges(source, analysis);
  }
  assertInstanceUnharmed("control characters");
});
