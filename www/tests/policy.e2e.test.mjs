// End-to-end tests of the Policy panel in Debian's chromium, against the built playground
// (www/dist): a pasted or picked policy adds its violations to the diagnostics, it travels in
// the share link, and an invalid one is explained inline and never applied in part.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startServer, launch, openPage, screenshot, WWW, encodeHash, decodeHash, axeSource as readAxe, settle, pasteConfig, downloaded } from "./harness.mjs";

const axeSource = await readAxe();
const STRICT = await readFile(path.join(WWW, "examples/policies/strict-production.json"), "utf8");
const RELAXED = await readFile(path.join(WWW, "examples/policies/relaxed-development.json"), "utf8");

let server;
let browser;
before(async () => {
  server = await startServer(undefined, "/sub/path/");
  browser = await launch({ origin: server.origin });
});
after(async () => {
  await browser?.close();
  await server?.close();
});


/** A production blue/green service: clean for the built-in checks, against the strict policy. */
const PROD_BLUE_GREEN = 'environment = "prod"\ncreate_lb = true\n\ngateway_deployment_configuration = {\n  enable_blue_green = true\n}\n';

/** Replaces the policy text as a paste would (one input event). */
async function pastePolicy(page, text) {
  await page.fill("#policy-input", text);
  await settle(page);
}

const codes = (page) => page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.dataset.code));
const diagnosticsText = (page) => page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.textContent));
const policyStatus = (page) => page.textContent("#policy-status");

test("a pasted policy turns a passing config into a failing one", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, PROD_BLUE_GREEN);
  assert.equal(await page.$$eval("#diagnostics .diag--error", (n) => n.length), 0, "passes the built-in checks");
  assert.match(await policyStatus(page), /^No policy/);

  // The strict example as one line, as it might come from a chat message.
  await pastePolicy(page, JSON.stringify(JSON.parse(STRICT)));
  const violations = page.locator('#diagnostics .diag[data-code="policy-violation"]');
  assert.equal(await violations.count(), 2, `codes: ${await codes(page)}`);
  assert.match(await violations.first().innerText(), /policy `allowedStrategies`[\s\S]*blue\/green/);
  assert.match(await page.textContent("#diag-count"), /2 errors/);
  assert.match(await policyStatus(page), /^Applied: 2 policy violations/);
  assert.match(await policyStatus(page), /Checked against the top-level rules: the policy has none for environment `prod`\.$/);
  assert.equal(await page.getAttribute("#policy-status", "data-state"), "applied");
  assert.equal(await page.getAttribute('[data-policy-example="strict-production"]', "aria-pressed"), "false", "a copy with other spacing is not marked as the example");
  // Underlined in the editor like any diagnostic, on the attribute that decides it.
  assert.ok(await page.locator(".cm-lintRange-error", { hasText: "enable_blue_green" }).count(), "underlined in the editor");
  await page.locator(".policy-panel").scrollIntoViewIfNeeded();
  await screenshot(page, "11-policy-violations", { fullPage: true });

  // Clicking the violation moves the cursor to it.
  await violations.first().click();
  assert.match(await page.locator(".cm-activeLine").innerText(), /enable_blue_green/);

  // The same file in dev gets the strict example's dev overrides: no violation.
  await pasteConfig(page, PROD_BLUE_GREEN.replace('"prod"', '"dev"'));
  assert.ok(!(await codes(page)).includes("policy-violation"));
  assert.match(await policyStatus(page), /^Applied: this config meets the policy\. Checked against the rules for environment `dev`, over the top-level ones\.$/);

  await page.click("#policy-clear");
  await settle(page);
  assert.equal(await page.inputValue("#policy-input"), "");
  assert.match(await policyStatus(page), /^No policy/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the example policies are picked with one click", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.selectOption("#examples", "portkey-sample-prod");
  await settle(page);
  const before = (await codes(page)).filter((code) => code === "policy-violation").length;
  assert.equal(before, 0);

  await page.click('[data-policy-example="strict-production"]');
  await settle(page);
  assert.equal(await page.inputValue("#policy-input"), STRICT);
  assert.equal(await page.getAttribute('[data-policy-example="strict-production"]', "aria-pressed"), "true");
  assert.ok((await codes(page)).includes("policy-violation"), "the production sample breaks the strict policy");

  await page.click('[data-policy-example="relaxed-development"]');
  await settle(page);
  assert.equal(await page.inputValue("#policy-input"), RELAXED);
  assert.equal(await page.getAttribute('[data-policy-example="strict-production"]', "aria-pressed"), "false");
  assert.equal(await page.getAttribute('[data-policy-example="relaxed-development"]', "aria-pressed"), "true");
  assert.match(await policyStatus(page), /^Applied/);

  // A circuit breaker without rollback breaks even the relaxed policy, with a quick fix.
  await pasteConfig(page, 'gateway_deployment_circuit_breaker = {\n  enable   = true\n  rollback = false\n}\n');
  assert.deepEqual((await codes(page)).filter((code) => code === "policy-violation"), ["policy-violation"]);
  await page.locator(".cm-lintRange-error", { hasText: "false" }).first().hover();
  const action = page.locator(".cm-tooltip-lint .cm-diagnosticAction", { hasText: "rollback = true" }).first();
  await action.waitFor({ timeout: 5000 });
  await action.click();
  await settle(page);
  assert.ok(!(await codes(page)).includes("policy-violation"), "the fix satisfies the policy");
  assert.match(await policyStatus(page), /meets the policy/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#policy-schema")]);
  const schema = JSON.parse((await downloaded(download)).toString("utf8"));
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.ok(schema.properties.allowedStrategies);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a share link carries the policy, and old links without one still open", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, PROD_BLUE_GREEN);
  const policy = '{ "allowedStrategies": ["CANARY"], "minBakeMinutes": 5 }';
  await pastePolicy(page, policy);
  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  const link = await page.inputValue("#share-url");
  const state = decodeHash(link);
  assert.equal(state.policy, policy);
  assert.equal(state.source, PROD_BLUE_GREEN);

  const { page: reopened, problems: reopenedProblems } = await openPage(browser.context, link);
  assert.equal(await reopened.inputValue("#policy-input"), policy);
  assert.deepEqual((await codes(reopened)).filter((code) => code === "policy-violation"), ["policy-violation"]);
  assert.equal(await reopened.isVisible("#notice"), false);
  await reopened.click("#copy-link");
  await reopened.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  assert.deepEqual(decodeHash(await reopened.inputValue("#share-url")), state);

  // Clearing the policy leaves it out of the link.
  await reopened.click("#policy-clear");
  await settle(reopened);
  await reopened.click("#copy-link");
  await reopened.waitForFunction((old) => document.getElementById("share-url").value !== old, link);
  assert.ok(!("policy" in decodeHash(await reopened.inputValue("#share-url"))));

  // A link from before the policy panel: no policy, no notice.
  const old = { source: PROD_BLUE_GREEN, assumptions: { scaleUpMinutes: 3 }, failAtMinute: null, example: null };
  const { page: legacy, problems: legacyProblems } = await openPage(browser.context, `${server.url}#${encodeHash(old)}`);
  assert.equal(await legacy.isVisible("#notice"), false);
  assert.equal(await legacy.inputValue("#policy-input"), "");
  assert.equal(await legacy.inputValue("#assumption-scaleUpMinutes"), "3");
  assert.match(await legacy.textContent("#policy-status"), /^No policy/);
  assert.ok(!(await codes(legacy)).includes("policy-violation"));

  // A link whose policy is not text is refused whole, like any broken link.
  const { page: broken, problems: brokenProblems } = await openPage(browser.context, `${server.url}#${encodeHash({ ...old, policy: { allowedStrategies: ["CANARY"] } })}`);
  assert.equal(await broken.isVisible("#notice"), true);
  assert.match(await broken.textContent("#notice-text"), /could not be opened \(the link's policy is not text\)/);
  assert.equal(await broken.inputValue("#policy-input"), "");

  assert.deepEqual([...problems, ...reopenedProblems, ...legacyProblems, ...brokenProblems], []);
  for (const p of [page, reopened, legacy, broken]) await p.close();
});

/** [what, policy text, what the inline message must say]. */
const INVALID = [
  ["broken JSON", '{ "allowedStrategies": ["CANARY"', /^Not applied: Not valid JSON: /],
  ["a list instead of an object", '["CANARY"]', /^Not applied: A policy is a JSON object/],
  ["a string where a list belongs", '{ "allowedStrategies": "CANARY" }', /^Not applied: policy\.allowedStrategies must be an array, got "CANARY"/],
  ["an unknown field", '{ "maxMinutes": 30 }', /^Not applied: policy has no option named "maxMinutes"/],
  ["an out-of-range percentage", '{ "maxFirstExposurePercent": 500 }', /^Not applied: policy\.maxFirstExposurePercent must be from 0\.1 to 100, not 500/],
  ["an unknown stage", '{ "requiredLifecycleStages": ["POST_DEPLOY"] }', /^Not applied: policy\.requiredLifecycleStages\[0\] names `POST_DEPLOY`/],
  // One enforceable rule that the config breaks, next to an invalid one: nothing is applied.
  ["a good rule next to a bad one", '{ "allowedStrategies": ["CANARY"], "environments": { "prod": { "minBakeMinutes": -1 } } }', /^Not applied: policy\.environments\.prod\.minBakeMinutes/],
];

test("an invalid policy is explained inline and the analysis runs without it", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, PROD_BLUE_GREEN);
  const withoutPolicy = await diagnosticsText(page);
  for (const [what, text, message] of INVALID) {
    await pastePolicy(page, text);
    assert.match(await policyStatus(page), message, what);
    assert.match(await policyStatus(page), /The analysis runs without the policy\.$/, what);
    assert.equal(await page.getAttribute("#policy-status", "data-state"), "invalid", what);
    assert.equal(await page.getAttribute("#policy-input", "aria-invalid"), "true", what);
    assert.deepEqual(await diagnosticsText(page), withoutPolicy, `${what}: never half-applied`);
    assert.equal(await page.isVisible("#notice"), false, `${what}: no page-level error`);
  }
  await page.locator(".policy-panel").screenshot({ path: path.join(WWW, "test-artifacts", "12-policy-invalid.png") });
  // Correcting the text applies it at once.
  await pastePolicy(page, '{ "allowedStrategies": ["CANARY"] }');
  assert.equal(await page.getAttribute("#policy-input", "aria-invalid"), null);
  assert.deepEqual((await codes(page)).filter((code) => code === "policy-violation"), ["policy-violation"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("policy text from a link is shown as text, never as markup", async () => {
  const policy = '<img src=x onerror="document.title=\'owned\'"></textarea><script>document.title="owned"</script>';
  const { page, problems } = await openPage(browser.context, `${server.url}#${encodeHash({ source: PROD_BLUE_GREEN, policy })}`);
  assert.equal(await page.inputValue("#policy-input"), policy);
  assert.equal(await page.$(".policy-panel img, main script"), null);
  assert.notEqual(await page.title(), "owned");
  assert.match(await policyStatus(page), /^Not applied: Not valid JSON/);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const theme of ["light", "dark"]) {
  test(`axe finds no serious or critical violation in the policy panel (${theme})`, async () => {
    const ctx = await launch({ origin: server.origin, colorScheme: theme });
    try {
      const { page } = await openPage(ctx.context, server.url);
      for (const text of [STRICT, '{ "maxFirstExposurePercent": 500 }']) {
        await pastePolicy(page, text);
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(".policy-panel", { resultTypes: ["violations"] }));
        const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`), []);
      }
    } finally {
      await ctx.close();
    }
  });
}

test("no request left the local server during the policy tests", () => {
  assert.deepEqual(browser.outside, []);
});
