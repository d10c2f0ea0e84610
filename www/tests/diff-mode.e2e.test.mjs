// End-to-end test of "Compare with…" in the built playground (www/dist) in Debian's chromium:
// the mode keeps the text as "before", the edited text is "after", the panel shows the diff's
// verdict, changes, both curves and problems, and the share link reopens both versions.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer, launch, openPage, screenshot, encodeHash, decodeHash, pasteConfig, settle } from "./harness.mjs";

const cases = new URL("../../tests/diff_cases/", import.meta.url);
const read = (path) => readFileSync(fileURLToPath(new URL(path, cases)), "utf8");
const canary5 = read("exposure-change/before.tfvars");
const canary50 = read("exposure-change/after.tfvars");
const broken = read("new-error/after.tfvars");

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

const panelText = (page) => page.$eval("#diff-result", (node) => node.innerText);

test("compare with the current version, edit it, and see what the change does", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, canary5);
  assert.equal(await page.$eval("#diff-toggle", (b) => b.textContent), "Compare with this version");
  assert.equal(await panelText(page), "", "nothing shown before the mode starts");

  await page.click("#diff-toggle");
  await settle(page);
  assert.match(await panelText(page), /No new errors, and the rollout does not change/);

  await pasteConfig(page, canary50);
  const text = await panelText(page);
  assert.match(text, /No new errors: 1 rollout figure changes/);
  assert.match(text, /first exposure rises from 5% to 50% of production/);
  assert.equal(await page.$$eval("#diff-result .diff-curve", (n) => n.map((c) => c.getAttribute("class")).join(" ")), "diff-curve diff-curve--after diff-curve diff-curve--before");
  await page.locator(".diff-panel").scrollIntoViewIfNeeded();
  await screenshot(page, "diff-mode-exposure");

  await pasteConfig(page, broken);
  assert.match(await panelText(page), /This change adds 1 error/);
  const newCodes = await page.$$eval("#diff-result .diff-problems .diag", (n) => n.map((d) => d.dataset.code));
  // The misspelt stage leaves the hook nothing to call, so nothing checks the canary any more
  // (tests/snapshots/diff_cases/new-error.snap says the same).
  assert.deepEqual(newCodes.sort(), ["no-behaviour-check", "unknown-attribute", "unknown-lifecycle-stage"]);
  await page.click("#diff-result .diag[data-code='unknown-lifecycle-stage']");
  assert.match(await page.evaluate(() => getSelection()?.toString() ?? ""), /TRAFIC/, "the editor selects the new problem");

  await page.click("#diff-toggle");
  await settle(page);
  assert.equal(await panelText(page), "");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the share link keeps both versions and reopens the comparison", async () => {
  const hash = encodeHash({ source: canary50, assumptions: {}, failAtMinute: null, example: null, before: canary5 });
  const { page, problems } = await openPage(browser.context, `${server.url}#${hash}`);
  await settle(page);
  assert.equal(await page.$eval("#diff-toggle", (b) => b.textContent), "Stop comparing");
  assert.match(await panelText(page), /first exposure rises from 5% to 50% of production/);
  await page.click("#copy-link");
  // The link is written once its compression (asynchronous) is done.
  await page.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  const state = decodeHash(await page.inputValue("#share-url"));
  assert.equal(state.before, canary5);
  assert.equal(state.source, canary50);
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});
