// Unit tests (Node) of the web component's pure parts: reading attributes into analyze options,
// dedenting text content, and the code view's token and severity maps.

import test from "node:test";
import assert from "node:assert/strict";
import { ASSUMPTION_ATTRIBUTES, dedent, parseRules, readOptions, safePlaygroundUrl } from "../src/component/attributes.js";
import { tokenKinds, severityRanks } from "../src/component/code-view.js";
import { ASSUMPTION_KEYS } from "../src/url-state.js";

const attrs = (map) => (name) => (name in map ? map[name] : null);

test("every share-link assumption has a kebab-case attribute", () => {
  assert.deepEqual(ASSUMPTION_ATTRIBUTES, [
    ["scale-up-minutes", "scaleUpMinutes"],
    ["hook-minutes", "hookMinutes"],
    ["drain-minutes", "drainMinutes"],
    ["bake-time-minutes", "bakeTimeMinutes"],
    ["minimum-healthy-percent", "minimumHealthyPercent"],
    ["maximum-percent", "maximumPercent"],
    ["nlb-shift-delay-minutes", "nlbShiftDelayMinutes"],
    ["load-balancer-type", "loadBalancerType"],
  ]);
  assert.deepEqual(ASSUMPTION_ATTRIBUTES.map(([, key]) => key), ASSUMPTION_KEYS);
});

const dedentCases = [
  ["indented block", "\n    a = 1\n    b = {\n      c = 2\n    }\n  ", "a = 1\nb = {\n  c = 2\n}\n"],
  ["blank lines inside keep their place", "\n  a = 1\n\n  b = 2\n", "a = 1\n\nb = 2\n"],
  ["CRLF becomes LF", "\r\n  a = 1\r\n  b = 2\r\n", "a = 1\nb = 2\n"],
  ["nothing but space", "  \n\t\n ", ""],
  ["no indentation", "a = 1", "a = 1\n"],
  ["a less indented line bounds the rest", "    a = 1\n  b = 2\n", "  a = 1\nb = 2\n"],
];
for (const [name, input, expected] of dedentCases) {
  test(`dedent: ${name}`, () => assert.equal(dedent(input), expected));
}

test("attributes become assumptions, a failure minute and rules", () => {
  const { assumptions, failAtMinute, rules, problems } = readOptions(
    attrs({ "hook-minutes": "4", "maximum-percent": " 150 ", "fail-at-minute": "12.5", snippet: "", rules: "no-bake-time=error" }),
    new Set(["no-bake-time", "missing-required-variable"]),
  );
  assert.deepEqual(assumptions, { hookMinutes: 4, maximumPercent: 150 });
  assert.equal(failAtMinute, 12.5);
  assert.deepEqual(rules, { "missing-required-variable": "off", "no-bake-time": "error" });
  assert.deepEqual(problems, []);
});

test("the NLB delay is a number and the load balancer's kind one of two words", () => {
  const good = readOptions(attrs({ "nlb-shift-delay-minutes": "0", "load-balancer-type": " network " }), null);
  assert.deepEqual(good.assumptions, { nlbShiftDelayMinutes: 0, loadBalancerType: "network" });
  assert.deepEqual(good.problems, []);
  const bad = readOptions(attrs({ "nlb-shift-delay-minutes": "ten", "load-balancer-type": "gateway" }), null);
  assert.deepEqual(bad.assumptions, {});
  assert.equal(bad.problems.length, 2);
  assert.match(bad.problems[0], /nlb-shift-delay-minutes/);
  assert.match(bad.problems[1], /^The load-balancer-type attribute is "gateway", not one of application, network, so the default is used$/);
});

test("an explicit rule overrides what snippet turns off", () => {
  const { rules } = readOptions(attrs({ snippet: "", rules: "missing-required-variable=warning" }), null);
  assert.deepEqual(rules, { "missing-required-variable": "warning" });
});

const badNumbers = ["", "abc", "-1", "NaN", "Infinity", "1e999"];
for (const value of badNumbers) {
  test(`a bad number "${value}" is ignored and reported`, () => {
    const { assumptions, failAtMinute, problems } = readOptions(attrs({ "drain-minutes": value, "fail-at-minute": value }), null);
    assert.deepEqual(assumptions, {});
    assert.equal(failAtMinute, null);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /drain-minutes/);
    assert.match(problems[1], /fail-at-minute/);
  });
}

test("rules: malformed entries, unknown levels and unknown codes are reported, the rest kept", () => {
  const { rules, problems } = parseRules("a-code=off, bogus b-code=loud c-code=info", new Set(["a-code", "b-code"]));
  assert.deepEqual(rules, { "a-code": "off" });
  assert.equal(problems.length, 3);
  assert.match(problems[0], /"bogus" is not CODE=LEVEL/);
  assert.match(problems[1], /"loud"/);
  assert.match(problems[2], /"c-code", which is not a diagnostic code/);
});

test("tokens: comments, strings, numbers, keywords, names and punctuation", () => {
  const source = 'name = "x # y" # note\nn = -1.5e3\nb = [true, null]\n';
  const kinds = tokenKinds(source);
  const kindAt = (text, from = 0) => kinds[source.indexOf(text, from)];
  assert.equal(kindAt("name"), "name");
  assert.equal(kindAt('"x # y"'), "string");
  assert.equal(kinds[source.indexOf("# y")], "string", "a # inside a string is not a comment");
  assert.equal(kindAt("# note"), "comment");
  assert.equal(kindAt("-1.5e3"), "number");
  assert.equal(kindAt("true"), "keyword");
  assert.equal(kindAt("null"), "keyword");
  assert.equal(kindAt("["), "punct");
  assert.equal(kindAt("n =", 5), "name");
  assert.equal(kinds.length, source.length);
});

test("severity ranks: the worst severity wins and an empty range marks one character", () => {
  const source = "abcdef\n";
  const range = (a, b) => ({ start: { offset: a }, end: { offset: b } });
  const ranks = severityRanks(source, [
    { severity: "warning", range: range(0, 4) },
    { severity: "error", range: range(2, 3) },
    { severity: "info", range: range(5, 5) },
    { severity: "error", range: null },
  ]);
  assert.deepEqual([...ranks.slice(0, 7)], [2, 2, 3, 2, 0, 1, 0]);
});

// Issue 21: the `playground` attribute (or the page's meta) can only lead to a web page.
const PLAYGROUND_URLS = [
  ["an https address", "https://docs.example/playground/", "https://docs.example/playground/"],
  ["an http address", "http://localhost:8080/", "http://localhost:8080/"],
  ["a relative path", "../playground/", "https://docs.example/playground/"],
  ["javascript:", "javascript:alert(1)", null],
  ["JavaScript: in capitals, with blanks", "  JavaScript:alert(1)", null],
  ["data:", "data:text/html,<script>alert(1)</script>", null],
  ["file:", "file:///etc/passwd", null],
  ["empty", "", null],
  ["no URL at all", "http://[::1", null],
];
for (const [name, target, expected] of PLAYGROUND_URLS) {
  test(`the playground link for ${name}`, () => {
    assert.equal(safePlaygroundUrl(target, "https://docs.example/guide/page.html")?.href ?? null, expected);
  });
}
