// The playground benchmark (`make bench-www`), measured in Debian's chromium with the page's own
// `performance` marks: keystroke → chart and diagnostics redrawn on the module's sample dev
// file (target: 95th percentile within one 16 ms frame), navigation → first chart, and the
// page's total transfer size gzipped (target: at most 400 KB). It prints figures; it does not
// fail on a missed target, since timings depend on the machine.

import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import zlib from "node:zlib";
import path from "node:path";
import { startServer, launch, openPage, WWW } from "../tests/harness.mjs";

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 120);
const source = await readFile(path.join(WWW, "examples/portkey-sample-dev.tfvars"), "utf8");
const hash = "v1." + zlib.deflateRawSync(Buffer.from(JSON.stringify({ source, assumptions: {}, failAtMinute: null }))).toString("base64url");

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(2)} ms`;

const server = await startServer();
const browser = await launch({ origin: server.origin });
try {
  // Navigation to first chart, a few cold loads.
  const firstChart = [];
  for (let i = 0; i < 5; i++) {
    const { page } = await openPage(browser.context, `${server.url}#${hash}`);
    firstChart.push(await page.evaluate(() => performance.getEntriesByName("first-chart")[0].startTime));
    await page.close();
  }

  // Transfer size: every file the page loaded, gzipped.
  server.served.length = 0;
  const { page, problems } = await openPage(browser.context, `${server.url}#${hash}`);
  const files = [...new Set(server.served)];
  let raw = 0;
  let gzipped = 0;
  const perFile = [];
  for (const file of files) {
    const body = await readFile(file);
    const gz = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzipped += gz;
    perFile.push(`  ${path.relative(path.join(WWW, "dist"), file).padEnd(44)} ${(body.length / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(7)} KB gzipped`);
  }

  // Keystrokes: type at the end of a line in the middle of the file, then delete it again.
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 90; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    if (i % 2 === 0) await page.keyboard.type("x");
    else await page.keyboard.press("Backspace");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  const { sync, frame, analyze } = await page.evaluate(() => {
    const keys = performance.getEntriesByName("keystroke");
    const done = performance.getEntriesByName("render-done");
    const analyzed = performance.getEntriesByName("analyze-done");
    const frames = performance.getEntriesByName("render-frame");
    const next = (list, t) => list.find((e) => e.startTime >= t);
    return {
      sync: keys.map((k) => next(done, k.startTime)).map((d, i) => (d ? d.startTime - keys[i].startTime : null)).filter((v) => v !== null),
      analyze: keys.map((k) => next(analyzed, k.startTime)).map((d, i) => (d ? d.startTime - keys[i].startTime : null)).filter((v) => v !== null),
      frame: keys.map((k) => next(frames, k.startTime)).map((d, i) => (d ? d.startTime - keys[i].startTime : null)).filter((v) => v !== null),
    };
  });
  if (problems.length) console.log("page problems:", problems);

  const version = await page.textContent("#version");
  console.log(`ecs-rollout playground benchmark (${version}, chromium headless, ${KEYSTROKES} keystrokes on portkey-sample-dev.tfvars)`);
  console.log(`keystroke → chart and diagnostics updated: p50 ${ms(percentile(sync, 50))}, p95 ${ms(percentile(sync, 95))}, max ${ms(Math.max(...sync))} (target p95 ≤ 16 ms: ${percentile(sync, 95) <= 16 ? "met" : "MISSED"})`);
  console.log(`  of which keystroke → analyze() returned: p50 ${ms(percentile(analyze, 50))}, p95 ${ms(percentile(analyze, 95))}`);
  console.log(`keystroke → next animation frame:        p50 ${ms(percentile(frame, 50))}, p95 ${ms(percentile(frame, 95))}`);
  console.log(`navigation → first chart:                 median ${ms(percentile(firstChart, 50))} over ${firstChart.length} cold loads`);
  console.log(`transfer size: ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped (target ≤ 400 KB: ${gzipped <= 400 * 1024 ? "met" : "MISSED"})`);
  console.log(perFile.join("\n"));
  if (browser.outside.length) console.log("requests to other hosts (blocked):", browser.outside);
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
