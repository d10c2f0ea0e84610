// `make bench`: one table of what the npm package costs. Sizes of the .wasm and glue (gzipped),
// Node load time (import to first result), median analyze time in wasm against
// @cdktf/hcl2json merely parsing the same file, native against wasm, and growth 1 KB → 1 MB
// with the 1 MB / 100 KB ratio.
// A step that fails (for example while the analyzer is unfinished) shows `n/a` and why.
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parse as hcl2json } from "@cdktf/hcl2json";
import { linearRows } from "./linear.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// The Portkey module's own dev sample when the real-file corpus sits beside the repository (it is
// read there, never committed), else the full-size file of the same shape the CLI cases use.
const REAL_SAMPLE = join(ROOT, "..", "shared", "corpus", "real", "portkey", "dev.tfvars");
const SAMPLE = process.env.BENCH_FILE ?? (existsSync(REAL_SAMPLE) ? REAL_SAMPLE : join(ROOT, "tests", "cli_files", "dev.tfvars"));
const BUDGET = 286720;
const rows = [];
const row = (what, value, note = "") => rows.push([what, value, note]);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const us = (micros) => (micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${micros.toFixed(1)} µs`);
const failure = (error) => `n/a (${String(error.message ?? error).split("\n")[0].slice(0, 60)})`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median microseconds of each of `fns`, timed in turn (one call of each per round, at least
 *  `rounds` rounds or about `ms` milliseconds), after a warm-up of up to 200 calls or 200 ms of
 *  each so that V8 has compiled the wasm's hot functions with its optimising tier (as a
 *  long-running tool or page would have). Timed in turn, a ratio between them is measured in
 *  one stretch of time, so that a busy moment of the machine slows both sides of it alike. */
async function timeInterleaved(fns, { rounds = 15, ms = 1000 } = {}) {
  for (const fn of fns) {
    const warmUntil = performance.now() + 200;
    for (let i = 0; i < 200 && performance.now() < warmUntil; i++) await fn();
  }
  const samples = fns.map(() => []);
  const deadline = performance.now() + ms;
  while (samples[0].length < rounds || (performance.now() < deadline && samples[0].length < 1000)) {
    for (const [index, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      samples[index].push((performance.now() - start) * 1000);
    }
  }
  return samples.map(median);
}

/** Median microseconds of `fn` alone, over about half a second (at least 5 runs). */
async function time(fn) {
  const [micros] = await timeInterleaved([fn], { rounds: 5, ms: 500 });
  return micros;
}

// Sizes.
for (const [name, path] of [
  [".wasm (web)", "pkg/dist/web/ecs_rollout_bg.wasm"],
  [".wasm+CLI (node)", "pkg/dist/node/ecs_rollout_bg.wasm"],
  ["JS glue (web)", "pkg/dist/web/ecs_rollout.js"],
  ["JS glue (node)", "pkg/dist/node/ecs_rollout.js"],
]) {
  const bytes = readFileSync(join(ROOT, path));
  // Measured as `make size` measures the budget (GNU gzip -9); zlib's level 9 comes out about
  // 2 KB larger on this file, which would make the two disagree on the same build.
  const gzipped = execFileSync("gzip", ["-9", "-c", join(ROOT, path)], { maxBuffer: 64 << 20 }).length;
  // The budget is for what a browser downloads; Node's build also carries the command line.
  const note = name === ".wasm (web)" ? `${kb(bytes.length)} raw; budget ${kb(BUDGET)} ${gzipped <= BUDGET ? "ok" : "EXCEEDED"}` : `${kb(bytes.length)} raw`;
  row(`size of ${name}, gzipped`, kb(gzipped), note);
}

// Load time: a fresh Node process, from before the import to the first analyze() result. One
// process varies by some milliseconds on a busy machine, so the row is the median of 21.
{
  const script = `
    const start = performance.now();
    const { analyze } = await import(${JSON.stringify(join(ROOT, "pkg", "index.mjs"))});
    let note = "";
    try { analyze(${JSON.stringify(existsSync(SAMPLE) ? readFileSync(SAMPLE, "utf8") : "")}); }
    catch (error) { note = "analyze threw: " + error.message; }
    console.log(JSON.stringify({ ms: performance.now() - start, note }));`;
  const loads = [];
  let note = "";
  for (let i = 0; i < 21; i++) {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    const result = JSON.parse(run.stdout);
    loads.push(result.ms);
    note = result.note;
  }
  row("Node: import to first analyze()", `${median(loads).toFixed(1)} ms`, note ? `n/a: ${note.slice(0, 50)}` : "median of 21 fresh processes");
}

const { analyze } = await import(join(ROOT, "pkg", "index.mjs"));
const source = existsSync(SAMPLE) ? readFileSync(SAMPLE, "utf8") : null;
const sampleName = SAMPLE.split("/").slice(-1)[0];
let wasmMicros = null;
// The figures issue 23's budgets are about, filled in as they are measured.
const figures = {};
if (!source) {
  row("analyze (wasm)", "n/a", `${SAMPLE} not found`);
} else {
  try {
    wasmMicros = await time(() => analyze(source));
    row(`analyze ${sampleName} (wasm, median)`, us(wasmMicros), `${kb(source.length)} input`);
  } catch (error) {
    row(`analyze ${sampleName} (wasm, median)`, failure(error));
  }
  figures.hcl2json = await time(() => hcl2json(sampleName, source));
  row(`@cdktf/hcl2json parse only (median)`, us(figures.hcl2json), "parsing, no checks");

  const native = spawnSync(join(ROOT, "target", "release", "examples", "bench_native"), [SAMPLE, "200"], { encoding: "utf8" });
  const nativeMicros = Number(/median_us=([\d.]+)/.exec(native.stdout)?.[1]);
  const nativeJsonMicros = Number(/median_json_us=([\d.]+)/.exec(native.stdout)?.[1]);
  if (native.status === 0 && nativeMicros) {
    figures.native = nativeMicros;
    figures.nativeJson = nativeJsonMicros;
    row(`analyze ${sampleName} (native, median)`, us(nativeMicros), "the analysis alone");
    // The wasm export also turns the analysis into JSON with UTF-16 positions; compare like
    // with like.
    const ratio = wasmMicros ? `wasm/native = ${(wasmMicros / nativeJsonMicros).toFixed(2)}×` : "";
    row(`analyze + contract JSON (native, median)`, us(nativeJsonMicros), ratio);
  } else {
    row(`analyze ${sampleName} (native, median)`, failure(native.stderr.trim().split("\n").find((l) => l.includes("panicked")) ?? native.stderr));
  }
}

// The other ECS sources (contract section 7), from the fixtures: the same analysis path with
// their readers, in Node's wasm and natively (the browser build leaves these readers out).
for (const fixture of [
  "tests/fixtures/terraform/canary-service.tf",
  "tests/fixtures/cloudformation/two-services-tags.yaml",
  "tests/fixtures/cloudformation/ranges.json",
  "tests/fixtures/ecs-api/describe-services.json",
]) {
  const file = join(ROOT, fixture);
  const name = fixture.split("/").slice(-2).join("/");
  if (!existsSync(file)) {
    row(`analyze ${name}`, "n/a", "not found");
    continue;
  }
  const text = readFileSync(file, "utf8");
  try {
    const micros = await time(() => analyze(text));
    const native = spawnSync(join(ROOT, "target", "release", "examples", "bench_native"), [file, "200"], { encoding: "utf8" });
    const nativeMicros = Number(/median_us=([\d.]+)/.exec(native.stdout)?.[1]);
    const services = analyze(text).services.length;
    row(`analyze ${name} (wasm, median)`, us(micros), `${kb(text.length)}, ${services} service(s); native ${nativeMicros ? us(nativeMicros) : "n/a"}`);
  } catch (error) {
    row(`analyze ${name} (wasm, median)`, failure(error));
  }
}

// Growth: the sample (or nothing) followed by attribute blocks with unique names, 1 KB to 1 MB.
// The four sizes are timed in turn, so that their ratios come from one stretch of time.
const base = source ?? "";
const growth = new Map();
const sizes = [1024, 10 * 1024, 100 * 1024, 1024 * 1024];
const texts = sizes.map((target) => {
  let text = base.length < target ? base : "";
  for (let i = 0; text.length < target; i++) {
    text += `extra_setting_${i} = {\n  name    = "value-${i}"\n  count   = ${i}\n  enabled = true\n}\n`;
  }
  return text;
});
try {
  const micros = await timeInterleaved(texts.map((text) => () => analyze(text)));
  for (const [index, target] of sizes.entries()) {
    growth.set(target, micros[index]);
    row(`growth: analyze ${kb(texts[index].length)}`, us(micros[index]));
  }
  figures.megabyte = growth.get(1024 * 1024);
} catch (error) {
  row("growth: analyze", failure(error));
}

// Linear time means about ×10 from 100 KB to 1 MB.
if (growth.has(100 * 1024) && growth.has(1024 * 1024)) {
  const ratio = growth.get(1024 * 1024) / growth.get(100 * 1024);
  row("growth: 1 MB / 100 KB", `×${ratio.toFixed(1)}`, `linear is ×10; ${ratio < 25 ? "ok" : "NOT LINEAR"}`);
}

// Growth by shape: input shapes that stress different stages (suggestions for unknown
// variables, comments, duplicates, one long list or string, many fixes, JSON), 100 KB against
// 1 MB of each, in one run. Linear is ×10; quadratic would be ×100.
const SHAPES = [
  ["unknown variables", (i) => `extra_setting_${i} = { name = "value-${i}", count = ${i} }\n`],
  ["comments", (i) => `# comment line ${i} with some text to make it longer\n`],
  ["duplicate variables", () => `create_lb = true\n`],
  ["one long list", (i) => (i === 0 ? "availability_zones = [" : `"az-${i}", `)],
  ["one long string", (i) => (i === 0 ? 'project_name = "' : "abcdefghij")],
  ["fixable mistakes", (i) => `gateway_lifecycle_hook = { enable_lifecycle_hook = true, lifecycle_hook_stages = ["PRE_SCALE_UP_${i}"] }\n`],
  ["JSON", (i) => (i === 0 ? '{"x0": 0' : `, "x${i}": [${i}, "${i}"]`)],
];
function grow(bytes, unit) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join("");
}
for (const [shape, unit] of SHAPES) {
  try {
    const [smallText, largeText] = [grow(100 * 1024, unit), grow(1024 * 1024, unit)];
    const [small, large] = await timeInterleaved([() => analyze(smallText), () => analyze(largeText)]);
    const ratio = large / small;
    row(`growth by shape: ${shape}, 1 MB / 100 KB`, `×${ratio.toFixed(1)}`, `${us(small)} → ${us(large)}; ${ratio < 25 ? "ok" : "NOT LINEAR"}`);
  } catch (error) {
    row(`growth by shape: ${shape}`, failure(error));
  }
}

// Linear everywhere (issue 21, point 4): bench/linear.mjs.
await linearRows(row);

// Issue 23's inputs: the sample with 300 misspelt variable names after it (about 22 KB), and
// the sample with one fixable mistake (a misspelt name the sample does not set), each natively
// and in Node's wasm, against the sample alone in the same run.
function nativeMedian(text, runs) {
  const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-bench-"));
  const file = join(dir, "input.tfvars");
  writeFileSync(file, text);
  const run = spawnSync(join(ROOT, "target", "release", "examples", "bench_native"), [file, String(runs)], { encoding: "utf8" });
  return Number(/median_us=([\d.]+)/.exec(run.stdout)?.[1]) || null;
}
if (source) {
  const separator = source.endsWith("\n") ? "" : "\n";
  let misspelt = source + separator;
  for (let i = 1; i <= 300; i++) misspelt += `gateway_lifecycle_hook_${i} = {}\n`;
  const oneFix = `${source}${separator}tls_certificate_ar = ""\n`;
  try {
    figures.misspeltWasm = await time(() => analyze(misspelt));
    figures.oneFixWasm = await time(() => analyze(oneFix));
    figures.oneFixFixes = analyze(oneFix).diagnostics.reduce((sum, d) => sum + d.fixes.length, 0) - analyze(source).diagnostics.reduce((sum, d) => sum + d.fixes.length, 0);
    figures.cleanWasm = await time(() => analyze(source));
    figures.misspeltNative = nativeMedian(misspelt, 100);
    figures.oneFixNative = nativeMedian(oneFix, 200);
    figures.cleanNative = nativeMedian(source, 200);
    row(`analyze ${sampleName} + 300 misspelt names (${kb(misspelt.length)}), wasm`, us(figures.misspeltWasm), `native ${figures.misspeltNative ? us(figures.misspeltNative) : "n/a"}`);
    row(`analyze ${sampleName} + one fixable mistake, wasm`, us(figures.oneFixWasm), `native ${figures.oneFixNative ? us(figures.oneFixNative) : "n/a"}; ${figures.oneFixFixes} fix offered`);
  } catch (error) {
    row("analyze the misspelt and one-fix files", failure(error));
  }
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ["what", "value", "note"][i].length));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
console.log(line(["what", "value", "note"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));

// One table of issue 23's budgets: each one, the figure measured above and whether it holds.
// (The language server's budgets are printed by bench_lsp after this table; the page's by
// `make bench-www`.)
const budgets = [];
const budget = (what, limit, value, format, holds) =>
  budgets.push([what, limit, value == null || Number.isNaN(value) ? "n/a" : format(value), value == null || Number.isNaN(value) ? "n/a" : holds(value) ? "pass" : "MISS"]);
const times = (value) => `${value.toFixed(2)}×`;
const ratio = (a, b) => (a && b ? a / b : null);
budget("300 misspelt names (22 KB) / clean 12 KB, wasm, same run", "≤ 6×", ratio(figures.misspeltWasm, figures.cleanWasm), times, (v) => v <= 6);
budget("300 misspelt names (22 KB) / clean 12 KB, native, same run", "≤ 6×", ratio(figures.misspeltNative, figures.cleanNative), times, (v) => v <= 6);
budget("300 misspelt names (22 KB), Node's wasm", "≤ 10 ms", figures.misspeltWasm, us, (v) => v <= 10_000);
budget("one fixable mistake / the same file without, wasm", "≤ 1.5×", ratio(figures.oneFixWasm, figures.cleanWasm), times, (v) => v <= 1.5);
budget("one fixable mistake / the same file without, native", "≤ 1.5×", ratio(figures.oneFixNative, figures.cleanNative), times, (v) => v <= 1.5);
budget(`native analyze of ${sampleName} (${source ? kb(source.length) : "?"})`, "≤ 100 µs", figures.native, us, (v) => v <= 100);
budget("analyze 1 MB (wasm)", "≤ 300 ms", figures.megabyte, us, (v) => v <= 300_000);
budget("growth 1 MB / 100 KB", "≤ 11×", ratio(growth.get(1024 * 1024), growth.get(100 * 1024)), times, (v) => v <= 11);
budget("wasm / native (analyze + contract JSON)", "≤ 1.5×", ratio(wasmMicros, figures.nativeJson), times, (v) => v <= 1.5);
budget("@cdktf/hcl2json parse / analyze (wasm)", "≥ 10×", ratio(figures.hcl2json, wasmMicros), times, (v) => v >= 10);
{
  const bytes = execFileSync("gzip", ["-9", "-c", join(ROOT, "pkg/dist/web/ecs_rollout_bg.wasm")], { maxBuffer: 64 << 20 }).length;
  budget("browser .wasm, gzipped", "≤ 280 KB", bytes, kb, (v) => v <= BUDGET);
}
const budgetWidths = [0, 1, 2, 3].map((i) => Math.max(...budgets.map((r) => r[i].length), ["budget", "limit", "measured", "verdict"][i].length));
const budgetLine = (cells) => `| ${cells.map((cell, i) => cell.padEnd(budgetWidths[i])).join(" | ")} |`;
console.log("");
console.log(budgetLine(["budget (issue 23)", "limit", "measured", "verdict"]));
console.log(`|${budgetWidths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of budgets) console.log(budgetLine(r));
