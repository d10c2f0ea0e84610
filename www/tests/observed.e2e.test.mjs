// End-to-end test of a deployment record in the built playground (www/dist) in Debian's chromium
// (issue 26): the first load fetches only the main .wasm (and stays within its transfer budget);
// a pasted record fetches the second one, `observed`'s, and the page draws the chosen
// deployment's plan and, beside it, what happened: both traffic curves on one chart, the
// difference per phase, the record's checks in the problems list, and the calibrated
// assumptions, which a button applies to the What-if inputs. Record text is hostile: it is shown
// as text, never as markup.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launch, openPage, screenshot, pasteConfig, waitForLink, DIST, ARTIFACTS } from "./harness.mjs";

const records = new URL("../../tests/fixtures/deployment-record/", import.meta.url);
const read = (name) => readFileSync(fileURLToPath(new URL(name, records)), "utf8");
const several = read("several-deployments.json");
const canary = read("canary-rolled-back-by-alarm.json");
const blueGreen = read("blue-green-successful.json");

const OBSERVED_WASM = /ecs_rollout_full_bg-[^/]*\.wasm$/;
/** Every file that reads or draws a record: the second .wasm, its glue, and the view's code and styles. */
const RECORD_CODE = /\/assets\/(ecs_rollout_full|observed)/;

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch({ origin: server.origin });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Records every request the page makes, by URL. */
function recordRequests(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

/** Waits until the record view shows deployment `id`. */
const waitForDeployment = (page, id) => page.waitForSelector(`#record-view .observed[data-deployment="${id}"]`, { timeout: 15000 });

test("the first load fetches no observed .wasm; a pasted record does, and is drawn beside its plan", async () => {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  const requests = recordRequests(page);
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15000 });
  await page.waitForSelector("#chart svg");
  assert.deepEqual(requests.filter((url) => RECORD_CODE.test(url)), [], "the first load fetched the record's code");
  assert.equal(await page.$eval("#record", (node) => node.hidden), true);

  // What the first load transferred, gzipped as a server would send it: printed, for the
  // report (bench/bench.mjs holds it to its target).
  const local = [...new Set(requests.filter((url) => url.startsWith(server.origin)))];
  let transferred = 0;
  for (const url of local) {
    const file = new URL(url).pathname === "/" ? "index.html" : decodeURIComponent(new URL(url).pathname.slice(1));
    transferred += gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
  }
  console.log(`first load: ${local.length} files, ${transferred} bytes gzipped`);

  await pasteConfig(page, several);
  await waitForDeployment(page, "Cc3");
  assert.equal(requests.filter((url) => OBSERVED_WASM.test(url)).length, 1, "the observed .wasm is fetched once");
  assert.ok(requests.some((url) => /\/assets\/observed-panel-[^/]*\.js$/.test(url)), "the record's view was not loaded");
  assert.equal(await page.$eval("#input-kind", (node) => node.textContent), "ECS deployment record (detected)");
  assert.equal(await page.$eval("#record-status", (node) => node.textContent), "");

  // The chosen deployment (the newest by default) among the three, its plan in the chart.
  assert.equal(await page.$eval("#deployment-picker", (node) => node.hidden), false);
  assert.deepEqual(await page.$$eval("#deployment option", (options) => options.map((o) => o.value)), ["Aa1", "Bb2", "Cc3"]);
  assert.equal(await page.$eval("#deployment", (select) => select.value), "Cc3");
  assert.equal(await page.$eval("#service-picker", (node) => node.hidden), true);
  assert.match(await page.$eval("#chart svg > title", (node) => node.textContent), /^Plan of deployment Cc3: Blue\/green rollout over 5\.5 minutes/);
  assert.equal(await page.$eval("#chart svg", (svg) => svg.dataset.totalMinutes), "5.5");

  // Beside it: what happened, the plan and the record's curve on one chart.
  const view = await page.$eval("#record-view", (node) => node.innerText);
  assert.match(view, /Blue\/green deployment, SUCCESSFUL: took 23\.2 min; its plan: 5\.5 min \(\+17\.7\)\./);
  assert.deepEqual(await page.$$eval("#record-view .diff-curve", (nodes) => nodes.map((n) => n.getAttribute("class"))), ["diff-curve diff-curve--after", "diff-curve diff-curve--before"]);
  assert.deepEqual(
    await page.$$eval("#record-view .observed-phases tbody tr", (rows) => rows.map((row) => [...row.cells].map((c) => c.textContent))),
    [
      ["Scale up", "2.5", "20.1", "+17.6"],
      ["Bake time", "2", "2", "0"],
      ["Clean up", "1", "1.1", "+0.1"],
    ],
  );
  // The record's checks are the problems; the main analyzer's refusal of the kind is not.
  const codes = await page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.dataset.code));
  assert.deepEqual(codes, ["deployment-slower-than-planned"]);
  assert.match(await page.$eval("#diagnostics", (node) => node.innerText), /most of the extra time went in SCALE_UP/);

  // The calibrated assumptions, as the object to copy, and applied to What if.
  assert.deepEqual(JSON.parse(await page.$eval(".observed-assumptions", (node) => node.textContent)), { assumptions: { scaleUpMinutes: 4, drainMinutes: 1 } });
  await page.locator("#record").scrollIntoViewIfNeeded();
  await screenshot(page, "observed-record");
  await page.locator("#rollout-panel").screenshot({ path: path.join(ARTIFACTS, "observed-record-panel.png") });
  await page.click(".observed-apply");
  await page.waitForSelector('#chart svg[data-total-minutes="7"]', { timeout: 15000 });
  assert.equal(await page.inputValue("#assumption-scaleUpMinutes"), "4");
  assert.equal(await page.inputValue("#assumption-drainMinutes"), "1");
  assert.match(await page.$eval("#record-view", (node) => node.innerText), /its plan: 7 min/);

  // Another deployment of the record.
  await page.selectOption("#deployment", "Aa1");
  await waitForDeployment(page, "Aa1");
  assert.match(await page.$eval("#chart svg > title", (node) => node.textContent), /^Plan of deployment Aa1:/);
  assert.equal(await page.$eval("#deployment", (select) => select.value), "Aa1");
  // The share link keeps the record and the deployment chosen.
  const state = await waitForLink(page, (s) => s.deployment === "Aa1");
  assert.equal(state.source, several);
  const shared = await openPage(browser.context, page.url());
  await waitForDeployment(shared.page, "Aa1");
  assert.equal(await shared.page.$eval("#deployment", (select) => select.value), "Aa1");
  assert.deepEqual(shared.problems, []);
  await shared.page.close();

  // A configuration again: the record's view goes, and the analyzer draws as before.
  await page.selectOption("#examples", { index: 1 });
  await page.waitForFunction(() => document.querySelector("#record").hidden);
  assert.equal(await page.$eval("#deployment-picker", (node) => node.hidden), true);
  assert.doesNotMatch(await page.$eval("#chart svg > title", (node) => node.textContent), /^Plan of deployment/);
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});

test("a rolled-back deployment is marked where the rollback started, with its reason", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, canary);
  await waitForDeployment(page, "Qv8sLm2NcWz1");
  assert.equal(await page.$eval("#deployment-picker", (node) => node.hidden), true, "one deployment needs no picker");
  assert.equal(await page.$eval("#record-view .diff-marker-label", (node) => node.textContent), "rollback at 11.2");
  assert.match(await page.$eval(".observed-reason", (node) => node.textContent), /^Rolled back: Service deployment rolled back because of alarm\(s\): orders-5xx-rate\.$/);
  assert.deepEqual(await page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.dataset.code)), ["deployment-rolled-back"]);
  assert.match(await page.$eval(".observed-calibration", (node) => node.textContent), /None: no deployment of the record finished/);
  assert.equal(await page.$$eval(".observed-apply", (nodes) => nodes.length), 0);
  // The curve of what happened stops at the rollback, on the canary's 10%.
  const points = await page.$eval("#record-view .diff-curve--after", (node) => node.getAttribute("points"));
  const marker = await page.$eval("#record-view .diff-marker", (node) => Number(node.getAttribute("x1")));
  const last = points.trim().split(" ").at(-1).split(",").map(Number);
  assert.ok(Math.abs(last[0] - marker) < 0.01, `the curve ends at x ${last[0]}, the rollback at ${marker}`);
  await page.locator("#record").screenshot({ path: path.join(ARTIFACTS, "observed-rolled-back.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("record text is shown as text, never as markup", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const hostile = JSON.parse(blueGreen);
  const deployment = hostile.serviceDeployments[0];
  deployment.statusReason = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  hostile.services[0].events.push({ id: "x1", createdAt: deployment.startedAt, message: '<script>window.__pwned=2</script><a href="javascript:alert(1)">link</a>' });
  await pasteConfig(page, JSON.stringify(hostile, null, 2));
  await waitForDeployment(page, deployment.serviceDeploymentArn.split("/").at(-1));
  assert.equal(await page.$eval(".observed-reason", (node) => node.textContent), 'Reason: <img src=x onerror="window.__pwned=1"><b>bold</b>');
  await page.click(".observed-events summary");
  assert.match(await page.$eval(".observed-event-table", (node) => node.textContent), /<script>window\.__pwned=2<\/script><a href="javascript:alert\(1\)">link<\/a>/);
  assert.equal(await page.$$eval("#record-view img, #record-view script, #record-view a, #record-view b:not(.observed-reason > b:first-child)", (nodes) => nodes.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a record's plan opens as tables, and the strategies are not compared for it", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, blueGreen);
  await waitForDeployment(page, "Xk2mPq7RtYv3");
  // Both are drawn on the details' `toggle` event, which comes after the click: wait for it.
  await page.click("#table-details summary");
  await page.locator("#timeline-table", { hasText: "Scale up" }).waitFor();
  await page.click("#compare-details summary");
  await page.locator("#compare", { hasText: "The strategies are compared" }).waitFor();
  assert.match(await page.$eval("#compare", (node) => node.textContent), /^The strategies are compared for a configuration\./);
  assert.deepEqual(problems, []);
  await page.close();
});
