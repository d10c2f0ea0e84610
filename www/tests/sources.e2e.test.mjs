// Issue #13 in the playground's browser build, which reads Portkey tfvars only (the other
// readers do not fit its 260 KB budget; see scripts/build-pkg.sh): a CloudFormation template
// pasted over the editor's text is detected as one and answered with `input-not-supported`,
// which says where to read it instead, while the last chart stays, marked stale.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, pasteConfig } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch({ origin: server.origin, viewport: { width: 1400, height: 900 } });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  "Resources:",
  "  Api:",
  "    Type: AWS::ECS::Service",
  "    Properties:",
  "      DesiredCount: 2",
  "",
].join("\n");

test("a pasted CloudFormation template is named, and the browser build says it does not read it", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, TEMPLATE);
  await page.waitForFunction(() => document.querySelector("#diagnostics")?.textContent.includes("input-not-supported"));
  const listed = await page.$eval("#diagnostics", (list) => list.textContent);
  assert.match(listed, /CloudFormation template, and this build of ecs-rollout does not read those/);
  assert.match(listed, /command line/);
  const stale = await page.$eval("#rollout-panel", (panel) => panel.dataset.stale);
  assert.equal(stale, "true", "the last chart stays, marked out of date");
  assert.ok(await page.$("#chart svg"), "the last chart is still drawn");
  assert.deepEqual(problems, []);
  await page.close();
});
