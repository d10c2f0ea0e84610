// The web component's benchmark (`make bench-www` runs it after the playground's): the size of
// dist/ecs-rollout-timeline.js, gzipped, against its budget (60 KB beyond the .wasm), the .wasm
// beside it, and the time from navigation until a bare page's two elements and the guide's
// elements have all drawn, in Debian's chromium. It prints figures and exits non-zero only
// when the size budget is missed (timings depend on the machine).

import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { startServer, launch, DIST } from "../tests/harness.mjs";

const BUDGET = 60 * 1024;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const size = async (file) => {
  const body = await readFile(path.join(DIST, file));
  return { raw: body.length, gzipped: gzipSync(body, { level: 9 }).length };
};

const js = await size("ecs-rollout-timeline.js");
const wasm = await size("ecs-rollout-timeline.wasm");

const BARE = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="../ecs-rollout-timeline.js"></script>
<ecs-rollout-timeline snippet>create_lb = true
gateway_deployment_configuration = { enable_blue_green = true }</ecs-rollout-timeline>
<ecs-rollout-timeline snippet>create_lb = true
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = { step_bake_time_in_minutes = 5, step_percent = 20 }
}</ecs-rollout-timeline>`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startServer();
const browser = await launch({ origin: server.origin });
const allDrawn = () =>
  customElements.get("ecs-rollout-timeline") &&
  [...document.querySelectorAll("ecs-rollout-timeline")].every((e) => ["ready", "invalid"].includes(e.shadowRoot?.querySelector(".frame")?.dataset.state));
async function timeToDrawn(url, route) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.context.newPage();
    if (route) await page.route(url, (r) => r.fulfill({ contentType: "text/html", body: route }));
    await page.goto(url);
    await page.waitForFunction(allDrawn, undefined, { timeout: 20000, polling: 5 });
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return median(times);
}
let bare;
let guide;
let count;
try {
  bare = await timeToDrawn(`${server.url}bench/bare.html`, BARE);
  guide = await timeToDrawn(`${server.url}guide.html`);
  const page = await browser.context.newPage();
  await page.goto(`${server.url}guide.html`);
  count = await page.$$eval("ecs-rollout-timeline", (all) => all.length);
  await page.close();
} finally {
  await browser.close();
  await server.close();
}

console.log("ecs-rollout web component (dist/ecs-rollout-timeline.js + .wasm, chromium headless)");
console.log(`ecs-rollout-timeline.js    ${kb(js.raw).padStart(9)}  ${kb(js.gzipped).padStart(8)} gzipped (budget ${kb(BUDGET)} beyond the .wasm: ${js.gzipped <= BUDGET ? "met" : "MISSED"})`);
console.log(`ecs-rollout-timeline.wasm  ${kb(wasm.raw).padStart(9)}  ${kb(wasm.gzipped).padStart(8)} gzipped (fetched once per page)`);
console.log(`navigation → both elements of a bare page drawn: median ${bare.toFixed(0)} ms over 5 cold loads`);
console.log(`navigation → all ${count} elements of guide.html drawn: median ${guide.toFixed(0)} ms over 5 cold loads`);
if (js.gzipped > BUDGET) process.exitCode = 1;
