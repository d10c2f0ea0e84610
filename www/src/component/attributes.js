// Reading the element's inputs: its text content (dedented, so indentation inside the HTML
// does not shift columns), and its attributes turned into `analyze` options. Pure functions of
// strings, so Node tests can run them; every attribute the component cannot use becomes a
// plain-language problem shown in the component instead of an exception.

import { ASSUMPTION_KEYS, LOAD_BALANCER_TYPES, isWordAssumption } from "../url-state.js";
import { INPUT_KINDS, isInputKind } from "../input-kind.js";

/** `scaleUpMinutes` → `scale-up-minutes`: one attribute per assumption of the share link. */
export const ASSUMPTION_ATTRIBUTES = ASSUMPTION_KEYS.map((key) => [key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), key]);

const LEVELS = new Set(["off", "info", "warning", "error"]);

/**
 * Removes the leading and trailing blank lines and the indentation every other line shares,
 * so a config indented to match the surrounding HTML reads as the file it stands for.
 */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && lines[0].trim() === "") lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines.length ? `${lines.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join("\n")}\n` : "";
}

/** A non-negative number from an attribute value, or a reason it is not one. */
export function readNumber(name, value) {
  if (value === null) return { value: null, problem: null };
  const text = value.trim();
  const number = text === "" ? NaN : Number(text);
  if (!Number.isFinite(number) || number < 0) {
    return { value: null, problem: `The ${name} attribute is "${value}", not a number of zero or more, so it is ignored` };
  }
  return { value: number, problem: null };
}

/** One of the load balancer kinds from an attribute value, or a reason it is not one. */
export function readLoadBalancerType(name, value) {
  if (value === null) return { value: null, problem: null };
  const text = value.trim();
  if (LOAD_BALANCER_TYPES.includes(text)) return { value: text, problem: null };
  return { value: null, problem: `The ${name} attribute is "${value}", not one of ${LOAD_BALANCER_TYPES.join(", ")}, so the default is used` };
}

/**
 * Parses `rules="missing-required-variable=off unknown-variable=error"` (spaces or commas
 * between entries, like the command line's `--rule CODE=LEVEL`). Unknown codes and levels are
 * left out and reported; `knownCodes` is the analyzer's `rules()` list, or null to skip that check.
 */
export function parseRules(value, knownCodes) {
  const rules = {};
  const problems = [];
  if (value === null) return { rules, problems };
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(entry);
    if (!match) {
      problems.push(`The rules attribute entry "${entry}" is not CODE=LEVEL, so it is ignored`);
    } else if (!LEVELS.has(match[2])) {
      problems.push(`The rules attribute gives "${match[1]}" the level "${match[2]}"; levels are off, info, warning and error`);
    } else if (knownCodes && !knownCodes.has(match[1])) {
      problems.push(`The rules attribute names "${match[1]}", which is not a diagnostic code, so it is ignored`);
    } else {
      rules[match[1]] = match[2];
    }
  }
  return { rules, problems };
}

/**
 * The `analyze` options an element's attributes ask for.
 * @param {(name: string) => string | null} attribute reads one attribute
 * @param {Set<string> | null} knownCodes
 * @returns {{ assumptions: object, failAtMinute: number | null, rules: object, input: string | null, service: string | null, problems: string[] }}
 */
export function readOptions(attribute, knownCodes) {
  const problems = [];
  const assumptions = {};
  for (const [name, key] of ASSUMPTION_ATTRIBUTES) {
    const read = isWordAssumption(key) ? readLoadBalancerType : readNumber;
    const { value, problem } = read(name, attribute(name));
    if (problem) problems.push(problem);
    if (value !== null) assumptions[key] = value;
  }
  const fail = readNumber("fail-at-minute", attribute("fail-at-minute"));
  if (fail.problem) problems.push(fail.problem);
  // A docs snippet is an excerpt of a larger file: the variables it leaves out are not missing.
  const snippetRules = attribute("snippet") !== null ? { "missing-required-variable": "off" } : {};
  const parsed = parseRules(attribute("rules"), knownCodes);
  problems.push(...parsed.problems);
  // `input` names the kind of source (the package's `options.input`); without it, it is detected.
  let input = null;
  const kind = attribute("input");
  if (kind !== null && kind.trim() !== "") {
    if (isInputKind(kind.trim())) input = kind.trim();
    else problems.push(`The input attribute is "${kind}", not one of ${INPUT_KINDS.map((k) => k.value).join(", ")}, so the kind is detected from the text`);
  }
  // `service` names the service drawn when the source declares several; the first by default.
  const named = attribute("service");
  const service = named !== null && named.trim() !== "" ? named.trim() : null;
  return { assumptions, failAtMinute: fail.value, rules: { ...snippetRules, ...parsed.rules }, input, service, problems };
}

/**
 * `target` resolved against `base` when it leads to a web page: an http: or https: address, or
 * one relative to such a page. Anything else (`javascript:`, `data:`, `file:`, a string that is
 * no URL) gives no link, so an attribute can never make "Open in playground" run script.
 */
export function safePlaygroundUrl(target, base) {
  if (!target) return null;
  let url;
  try {
    url = new URL(target, base);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}
