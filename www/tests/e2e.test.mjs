// End-to-end tests of the built playground (www/dist) in Debian's chromium. Each test opens
// its own page; all share one local server and one fresh browser profile. Screenshots of the
// main views go to www/test-artifacts/.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { analyze } from "ecs-rollout";
import { startServer, launch, openPage, screenshot, WWW, encodeHash, decodeHash, axeSource as readAxe, settle, pasteConfig, waitForLink, downloaded } from "./harness.mjs";

const axeSource = await readAxe();

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


async function loadExample(page, id) {
  await page.selectOption("#examples", id);
  await settle(page);
}

const figure = (page, label) => page.locator(".figure", { hasText: label }).locator("dd").innerText();
const codes = (page) => page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.dataset.code));
const totalMinutes = (page) => page.$eval("#chart svg", (svg) => Number(svg.dataset.totalMinutes));

test("the default example opens with a chart, figures and no outside request", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  assert.equal(await page.$$eval("#chart svg.rollout-chart", (n) => n.length), 1);
  assert.match(await figure(page, "Strategy"), /Linear/);
  assert.ok((await page.$$eval(".rc-phase", (n) => n.length)) >= 3, "phase bands drawn");
  assert.ok((await page.$$eval(".rc-phase-label", (n) => n.map((t) => t.textContent).join(" "))).includes("Step bake"));
  assert.ok(await page.$(".rc-peak"), "peak marked");
  assert.match(await page.$eval(".rc-listeners", (n) => n.textContent), /Production listener :\d+/);
  assert.equal(await page.inputValue("#examples"), "doc-linear-fixed");
  await screenshot(page, "01-default-light", { fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});

test("typing a config updates the diagnostics and the chart", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, "create_lb = true\n\ngateway_deployment_configuration = null\n");
  assert.match(await figure(page, "Strategy"), /Rolling/);
  const rollingMinutes = await totalMinutes(page);
  assert.equal(await page.$$eval("#diagnostics .diag--error", (n) => n.length), 0);

  await pasteConfig(
    page,
    [
      "create_lb = true",
      "",
      "gateway_deployment_configuration = {",
      "  enable_blue_green = false",
      "  linear_configuration = {",
      "    step_bake_time_in_minutes = 5",
      "    step_percent              = 20",
      "  }",
      "}",
      "",
      "gateway_lifecycle_hook = {",
      "  enable_lifecycle_hook = true",
      "  lifecycle_hook_stages = [\"PRODUCTION_TRAFFIC_SHIFT\"]",
      "}",
      "",
    ].join("\n"),
  );
  assert.match(await figure(page, "Strategy"), /Linear/);
  const linearMinutes = await totalMinutes(page);
  assert.notEqual(linearMinutes, rollingMinutes);
  assert.ok((await page.$$eval(".rc-stage--hooked", (n) => n.length)) >= 1, "hooked stages stand out");

  // Keystrokes: change the step bake from 5 to 15 minutes; the chart grows.
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("1");
  await settle(page);
  assert.ok((await totalMinutes(page)) > linearMinutes, "a longer bake makes a longer rollout");

  // Keystrokes inside the stage list: a misspelled stage is reported at once.
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  // Typed whole, closing quote included: the editor inserts no closing quote of its own.
  await page.keyboard.type(', "PRE_SCALE_UPP"');
  await settle(page);
  assert.ok((await codes(page)).includes("unknown-lifecycle-stage"), `codes: ${await codes(page)}`);
  assert.ok(await page.$(".cm-lintRange-error"), "underlined in the editor");
  assert.ok(await page.$(".cm-lint-marker-error"), "marked in the gutter");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a quick fix is applied from the editor's diagnostic tooltip", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await loadExample(page, "doc-lifecycle-hooks");
  assert.ok((await codes(page)).includes("unknown-lifecycle-stage"));
  const range = page.locator(".cm-lintRange-error", { hasText: "PRE_TEST_TRAFFIC_SHIFT" }).first();
  await range.hover();
  const action = page.locator(".cm-tooltip-lint .cm-diagnosticAction").first();
  await action.waitFor({ timeout: 5000 });
  await screenshot(page, "02-quick-fix-tooltip");
  await action.click();
  await settle(page);
  // The example lists one stage per line, after the `lifecycle_hook_stages = [` line.
  const text = (await page.$$eval(".cm-line", (lines) => lines.map((l) => l.textContent))).join("\n");
  const stages = text.slice(text.indexOf("lifecycle_hook_stages"), text.indexOf("]", text.indexOf("lifecycle_hook_stages")));
  assert.match(stages, /"TEST_TRAFFIC_SHIFT"/);
  assert.doesNotMatch(stages, /PRE_TEST_TRAFFIC_SHIFT/);
  assert.ok(!(await codes(page)).includes("unknown-lifecycle-stage"), "the fixed problem is gone");
  assert.deepEqual(problems, []);
  await page.close();
});

test("clicking a diagnostic moves the editor's cursor to it", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await loadExample(page, "doc-production-blue-green");
  const buttons = page.locator('#diagnostics .diag[data-code="unknown-lifecycle-stage"]');
  assert.ok((await buttons.count()) >= 2, "both misspelled stages listed");
  await buttons.nth(1).click();
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.match(selected, /PRE_PROD_TRAFFIC_SHIFT/);
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains("cm-content")), "the editor has focus");
  assert.match(await page.locator(".cm-activeLine").innerText(), /lifecycle_hook_stages/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("completion and hover docs come from the package's schema", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, 'create_lb = true\n\ngateway_lifecycle_hook = {\n  enable_lifecycle_hook = true\n  lifecycle_hook_stages = [""]\n}\n');

  // A variable name, with its doc.
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("gateway_dep");
  const option = (label) => page.locator(".cm-tooltip-autocomplete li", { hasText: label }).first();
  await option("gateway_deployment_configuration").waitFor();
  await page.waitForFunction(() => (document.querySelector(".cm-completionInfo")?.textContent ?? "").length > 10);
  await screenshot(page, "10-completion");
  // CodeMirror ignores Enter for a moment after the list opens (its interactionDelay), which a
  // loaded machine can hit; a click on the option has no such race.
  await option("gateway_deployment_configuration").click();
  assert.match(await page.locator(".cm-activeLine").innerText(), /^gateway_deployment_\w+ = /);

  // A lifecycle stage name inside the list's string.
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("PRE_SC");
  await option("PRE_SCALE_UP").click();
  assert.match(await page.locator(".cm-activeLine").innerText(), /\["PRE_SCALE_UP"\]/);

  // An attribute name inside an object.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("enable_l");
  await option("enable_lifecycle_hook").waitFor();
  await page.keyboard.press("Escape");

  // Hover docs on a variable name.
  await page.locator(".cm-line", { hasText: "create_lb" }).first().locator("text=create_lb").hover();
  const tip = page.locator(".cm-doc-tooltip");
  await tip.waitFor({ timeout: 5000 });
  assert.match(await tip.innerText(), /^create_lb\n.{10,}/);
  assert.deepEqual(problems, []);
  await page.close();
});

// Which examples carry a mistake that is an error as written; corrected ones must have none.
// Issue 20: the document's blue/green, canary and linear setups and the module's samples have
// no load balancer, which is no error: the gateway always has Service Connect (facts section 10).
const EXPECT_ERRORS = {
  "doc-rolling": true,
  "doc-blue-green": false,
  "doc-canary": false,
  "doc-linear": false,
  "doc-linear-25": true,
  "doc-lifecycle-hooks": true,
  "doc-production-blue-green": true,
  "doc-staging-canary": true,
  "portkey-sample-dev": false,
  "portkey-sample-prod": false,
  "doc-circuit-breaker": false,
  "doc-development-rolling": false,
  "terraform-canary": false,
  "cloudformation-two-services": false,
  "ecs-api-describe-services": false,
};

/** The kind label each example of another source shows; the rest are Portkey tfvars. */
const EXPECT_KIND = {
  "terraform-canary": "Terraform aws_ecs_service (detected)",
  "cloudformation-two-services": "CloudFormation template (detected)",
  "ecs-api-describe-services": "ECS API JSON (detected)",
};

test("every example loads without a script error", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const ids = await page.$$eval("#examples option", (options) => options.map((o) => o.value).filter(Boolean));
  assert.equal(ids.length, 23);
  for (const id of ids) {
    await loadExample(page, id);
    const errors = await page.$$eval("#diagnostics .diag--error", (n) => n.map((d) => d.dataset.code));
    const expectErrors = id.endsWith("-fixed") ? false : EXPECT_ERRORS[id];
    assert.notEqual(expectErrors, undefined, `no expectation for ${id}`);
    if (expectErrors) assert.ok(errors.length > 0, `${id} should show its mistake`);
    else assert.deepEqual(errors, [], `${id} should have no errors`);
    const hasChart = (await page.$("#chart svg")) !== null;
    const stale = (await page.isVisible("#stale-banner")) ? await page.textContent("#stale-reason") : "";
    assert.ok(hasChart || stale.length > 0, `${id}: chart or an explanation`);
    assert.equal(await page.inputValue("#examples"), id);
    assert.equal(await page.textContent("#input-kind"), EXPECT_KIND[id] ?? "Portkey module tfvars (detected)", `${id}: kind`);
  }
  await loadExample(page, "portkey-sample-dev");
  await screenshot(page, "03-sample-dev", { fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a share link round-trips the config, assumptions and failure", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const config = 'create_lb = true\n# ünïcode — 🚀 stays intact\ngateway_deployment_configuration = {\n  enable_blue_green = true\n}\n';
  await pasteConfig(page, config);
  await page.fill("#assumption-scaleUpMinutes", "7");
  await page.check("#fail-enabled");
  await page.focus("#fail-minute");
  await page.keyboard.press("Home");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await settle(page);
  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  const link = await page.inputValue("#share-url");
  assert.ok(link.startsWith(`${server.url}`), "the link stays on this page's path");
  const state = decodeHash(link);
  assert.equal(state.source, config);
  assert.deepEqual(state.assumptions, { scaleUpMinutes: 7 });
  assert.equal(state.failAtMinute, 4);

  // The address itself is kept up to date while typing, throttled.
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("# more");
  assert.match((await waitForLink(page, (state) => state.source.endsWith("# more"))).source, /# more$/);

  const { page: reopened, problems: reopenedProblems } = await openPage(browser.context, link);
  assert.equal(await reopened.inputValue("#assumption-scaleUpMinutes"), "7");
  assert.equal(await reopened.isChecked("#fail-enabled"), true);
  assert.equal(await reopened.inputValue("#fail-minute"), "4");
  assert.ok(await reopened.$(".rc-rollback"), "the rollback is drawn");
  assert.match(await reopened.locator(".cm-line", { hasText: "ünïcode" }).innerText(), /🚀 stays intact/);
  await reopened.click("#copy-link");
  await reopened.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  assert.deepEqual(decodeHash(await reopened.inputValue("#share-url")), state);
  assert.equal(await reopened.isVisible("#notice"), false);
  assert.deepEqual([...problems, ...reopenedProblems], []);
  await page.close();
  await reopened.close();
});

test("the compare view and the failure slider render", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.click("#compare-details > summary");
  await settle(page);
  assert.equal(await page.$$eval(".compare-charts svg", (n) => n.length), 4);
  const rows = await page.$$eval(".compare-table tbody tr", (trs) => trs.map((tr) => tr.querySelector("th").textContent));
  assert.deepEqual(rows.map((r) => r.replace(" (this config)", "")), ["Rolling", "Blue/green", "Canary", "Linear"]);
  assert.ok(rows.some((r) => r.includes("(this config)")), "the config's own strategy is marked");
  // The canary and linear rows say which settings they assumed: the config's own for its own
  // strategy, ECS's defaults for the other.
  const shifts = await page.$$eval(".compare-table tbody tr", (trs) =>
    trs.map((tr) => [tr.querySelector("th").textContent, tr.lastElementChild.textContent]),
  );
  for (const [strategy, cell] of shifts) {
    if (/^(Rolling|Blue\/green)/.test(strategy)) assert.equal(cell, "—", strategy);
    else {
      assert.match(cell, /^\d+(\.\d)?%, bake \d+ min \((this config|ECS default)\)$/, strategy);
      assert.equal(cell.endsWith("(this config)"), strategy.includes("(this config)"), `${strategy}: ${cell}`);
    }
  }
  await page.locator(".compare-panel").screenshot({ path: path.join(WWW, "test-artifacts", "04-compare.png") });

  const before = await totalMinutes(page);
  await page.check("#fail-enabled");
  await settle(page);
  await page.focus("#fail-minute");
  await page.keyboard.press("Home");
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await settle(page);
  assert.equal(await page.inputValue("#fail-minute"), "10");
  assert.ok(await page.$(".rc-rollback-line"), "failure line drawn");
  assert.ok(await page.$(".rc-phase--rollback"), "rollback phase band drawn");
  assert.match(await figure(page, "Rolled back"), /\d+ min/);
  assert.ok(Number(await page.getAttribute("#fail-minute", "max")) >= Math.floor(before), "slider spans the deployment");
  await page.locator(".rollout-panel").screenshot({ path: path.join(WWW, "test-artifacts", "05-failure-rollback.png") });
  await page.uncheck("#fail-enabled");
  await settle(page);
  assert.equal(await page.$(".rc-rollback-line"), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the chart's read-out works from the keyboard and the pointer", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.focus("#chart svg");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  assert.match(await page.textContent("#chart-readout"), /^Minute 5: \d+(\.\d)?% of production on the new version/);
  const box = await page.locator("#chart svg .rc-overlay").boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  assert.equal(await page.getAttribute(".rc-readout", "visibility"), "visible");
  await page.locator(".rollout-panel").screenshot({ path: path.join(WWW, "test-artifacts", "06-hover-readout.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("downloads give a standalone SVG, a PNG and the analysis as JSON", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const fetchDownload = async (button) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    return downloaded(download);
  };
  const svg = (await fetchDownload("#download-svg")).toString();
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /fill="rgb/, "colours are baked in");
  assert.match(svg, /<text[^>]*>Linear rollout over [\d.]+ minutes<\/text>/, "the file says what it shows");
  const png = await fetchDownload("#download-png");
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const json = JSON.parse((await fetchDownload("#download-json")).toString());
  assert.ok(Array.isArray(json.analysis.diagnostics));
  assert.equal(json.analysis.timeline.strategy, "LINEAR");
  assert.deepEqual(problems, []);
  await page.close();
});

test("dark mode follows the system and the toggle", async () => {
  const dark = await launch({ origin: server.origin, colorScheme: "dark" });
  try {
    const { page, problems } = await openPage(dark.context, server.url);
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 150, `dark background, got ${background}`);
    await screenshot(page, "07-default-dark", { fullPage: true });
    assert.equal(await page.textContent("#theme-toggle"), "Light theme");
    await page.click("#theme-toggle");
    assert.equal(await page.getAttribute("html", "data-theme"), "light");
    assert.equal(await page.textContent("#theme-toggle"), "Dark theme");
    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    assert.equal(await page.getAttribute("html", "data-theme"), "light", "the choice is remembered");
    assert.deepEqual(problems, []);
  } finally {
    await dark.close();
  }
});

for (const theme of ["light", "dark"]) {
  test(`axe finds no serious or critical accessibility violation (${theme})`, async () => {
    const ctx = await launch({ origin: server.origin, colorScheme: theme });
    try {
      const { page } = await openPage(ctx.context, server.url);
      await loadExample(page, "portkey-sample-prod");
      await page.click("#compare-details > summary");
      await page.click("#table-details > summary");
      await settle(page);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`),
        [],
      );
    } finally {
      await ctx.close();
    }
  });
}

const HOSTILE_LINKS = [
  ["garbage", "#garbage"],
  ["markup in the hash", "#v1.<img src=x onerror=alert(1)>"],
  ["bytes that do not inflate", "#v1.AAAAAAAAAAAA"],
  ["a wrong shape", `#${encodeHash({ source: { toString: 1 } })}`],
  ["a decompression bomb", `#v1.${zlib.deflateRawSync(Buffer.from(`{"source":"${" ".repeat(6 * 1024 * 1024)}"}`)).toString("base64url")}`],
];

test("a broken or hostile share link opens the default example with a notice", async () => {
  for (const [name, hash] of HOSTILE_LINKS) {
    const { page, problems } = await openPage(browser.context, `${server.url}${hash}`);
    assert.equal(await page.isVisible("#notice"), true, `${name}: notice shown`);
    assert.match(await page.textContent("#notice-text"), /could not be opened/);
    assert.equal(await page.inputValue("#examples"), "doc-linear-fixed", `${name}: default example`);
    assert.ok(await page.$("#chart svg"), `${name}: chart drawn`);
    assert.equal(await page.$("img"), null, `${name}: no markup created`);
    if (name === "markup in the hash") await screenshot(page, "08-hostile-link-notice");
    assert.deepEqual(problems, [], name);
    await page.close();
  }
});

test("config text from a link is shown as text, never as markup", async () => {
  const source = '<img src=x onerror="document.title=\'owned\'">\n</textarea><script>document.title="owned"</script>\nproject_name = "<b>bold</b>"\n';
  const { page, problems } = await openPage(browser.context, `${server.url}#${encodeHash({ source })}`);
  await settle(page);
  assert.equal(await page.$("#editor img, #diagnostics img, #diagnostics b, main script"), null);
  assert.notEqual(await page.title(), "owned");
  assert.match(await page.locator(".cm-line").first().innerText(), /^<img src=x/);
  assert.equal(await page.isVisible("#notice"), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the layout works on a phone", async () => {
  const phone = await launch({ origin: server.origin, viewport: { width: 390, height: 844 } });
  try {
    const { page, problems } = await openPage(phone.context, server.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling of the page, overflow ${overflow}px`);
    await screenshot(page, "09-phone", { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await phone.close();
  }
});

// Issue 20: the Portkey module's own samples that the module accepts, read from the project's
// shared corpus beside the repository (never copied into it), each opened in the playground
// as a whole file: no error, and the chart drawn is the file's own.
const PORTKEY_SAMPLES = path.resolve(WWW, "../../shared/corpus/real/portkey");
// Which files `terraform plan` accepts: the table the Rust and package tests read too.
const ACCEPTED_SAMPLES = JSON.parse(await readFile(path.join(WWW, "..", "tests", "realworld-portkey.json"), "utf8")).accepted;
const samplesMissing = existsSync(PORTKEY_SAMPLES) ? false : `the module's samples are not beside the repository (${PORTKEY_SAMPLES} does not exist)`;

test("the module's own samples open with no error", { skip: samplesMissing }, async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.uncheck("#excerpt");
  for (const file of ACCEPTED_SAMPLES) {
    const source = await readFile(path.join(PORTKEY_SAMPLES, file), "utf8");
    await pasteConfig(page, source);
    const errors = await page.$$eval("#diagnostics .diag--error", (n) => n.map((d) => `${d.dataset.code}: ${d.textContent}`));
    assert.deepEqual(errors, [], `${file}: no error`);
    const { timeline } = analyze(source);
    assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), null, `${file}: its own chart, not a stale one`);
    assert.equal(await totalMinutes(page), timeline.totalMinutes, `${file}: the chart's length`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// Five steps of 20 % behind the module's default Network Load Balancer (create_lb = true, no
// lb_type): ECS adds the NLB delay to the test shift and to each of the five production shifts.
const NLB_LINEAR = [
  "create_lb = true",
  "",
  "gateway_deployment_configuration = {",
  "  enable_blue_green = false",
  "  linear_configuration = {",
  "    step_percent              = 20",
  "    step_bake_time_in_minutes = 5",
  "  }",
  "}",
  "",
  "gateway_lifecycle_hook = {",
  "  enable_lifecycle_hook = true",
  '  lifecycle_hook_stages = ["PRE_PRODUCTION_TRAFFIC_SHIFT"]',
  "}",
  "",
].join("\n");

/** The drawn delays: each bar's stage and each band's minutes, read back through the plot's scale. */
const drawnDelays = (page) =>
  page.$eval("#chart svg", (svg) => {
    const [left, , width] = svg.dataset.plot.split(" ").map(Number);
    const total = Number(svg.dataset.totalMinutes);
    const minute = (px) => ((px - left) / width) * total;
    return {
      bars: [...svg.querySelectorAll(".rc-delay")].map((g) => g.dataset.stage),
      bands: [...svg.querySelectorAll(".rc-delay-band")].map((r) => {
        const x = Number(r.getAttribute("x"));
        return [minute(x), minute(x + Number(r.getAttribute("width")))];
      }),
      labels: [...svg.querySelectorAll(".rc-delay-label")].map((t) => t.textContent),
    };
  });

test("the chart draws a Network Load Balancer's delay on each traffic-shift stage run", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, NLB_LINEAR);
  const { timeline } = analyze(NLB_LINEAR);
  const delayed = timeline.stages.filter((s) => s.delayMinutes !== undefined);
  assert.equal(delayed.length, 6, "the package delays the test shift and five production shifts");
  const drawn = await drawnDelays(page);
  assert.deepEqual(drawn.bars, delayed.map((s) => s.stage));
  assert.equal(drawn.bands.length, delayed.length);
  drawn.bands.forEach(([from, to], i) => {
    assert.ok(Math.abs(from - delayed[i].minute) < 0.01, `band ${i} starts at minute ${delayed[i].minute}, drawn at ${from}`);
    assert.ok(Math.abs(to - (delayed[i].minute + delayed[i].delayMinutes)) < 0.01, `band ${i} ends after its delay, drawn at ${to}`);
  });
  assert.ok(drawn.labels.includes("NLB delay 10 min"), `labels: ${drawn.labels.join(", ")}`);
  assert.ok(await page.locator("#chart .rc-legend text", { hasText: "NLB delay" }).count(), "the legend names the delay");
  assert.deepEqual(problems, []);
  await page.close();
});

test("What if: the NLB shift delay and the load balancer type change the drawn timeline and stay in the link", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, NLB_LINEAR);
  assert.match(await page.textContent("#assumption-nlbShiftDelayMinutes-note"), /^default 10 · /);
  assert.equal(await page.getAttribute("#assumption-nlbShiftDelayMinutes", "placeholder"), "10");
  assert.match(await page.textContent("#assumption-loadBalancerType-note"), /^default application · Applies only where the source does not say/);
  assert.equal(await page.locator("#assumption-loadBalancerType option").first().textContent(), "default (ALB)");
  assert.equal(await totalMinutes(page), 87, "six shifts of 10 more minutes");
  await page.fill("#assumption-nlbShiftDelayMinutes", "0");
  await settle(page);
  assert.equal(await totalMinutes(page), 27, "no delay");
  assert.deepEqual((await drawnDelays(page)).bands, [], "no delay band");
  await page.fill("#assumption-nlbShiftDelayMinutes", "");
  await settle(page);
  assert.equal(await totalMinutes(page), 87, "an empty field is the default again");

  // An ECS API service names target groups, not which kind of load balancer they belong to:
  // there the load balancer type decides.
  const api = { id: "ecs-api-describe-services", source: await readFile(path.join(WWW, "examples/ecs-api-describe-services.json"), "utf8") };
  await loadExample(page, api.id);
  const options = (assumptions) => ({ rules: { "missing-required-variable": "off" }, assumptions });
  const alb = analyze(api.source, options({})).timeline;
  assert.equal(await totalMinutes(page), alb.totalMinutes);
  await page.selectOption("#assumption-loadBalancerType", "network");
  await page.fill("#assumption-nlbShiftDelayMinutes", "5");
  await settle(page);
  const nlb = analyze(api.source, options({ loadBalancerType: "network", nlbShiftDelayMinutes: 5 })).timeline;
  assert.ok(nlb.totalMinutes > alb.totalMinutes, "the package delays the shifts behind an NLB");
  assert.equal(await totalMinutes(page), nlb.totalMinutes);
  assert.equal((await drawnDelays(page)).bands.length, nlb.stages.filter((s) => s.delayMinutes !== undefined).length);

  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  const link = await page.inputValue("#share-url");
  assert.deepEqual(decodeHash(link).assumptions, { nlbShiftDelayMinutes: 5, loadBalancerType: "network" });
  const { page: reopened, problems: reopenedProblems } = await openPage(browser.context, link);
  assert.equal(await reopened.inputValue("#assumption-loadBalancerType"), "network");
  assert.equal(await reopened.inputValue("#assumption-nlbShiftDelayMinutes"), "5");
  assert.equal(await totalMinutes(reopened), nlb.totalMinutes);
  await reopened.click("text=Reset to defaults");
  await settle(reopened);
  assert.equal(await reopened.inputValue("#assumption-loadBalancerType"), "");
  assert.equal(await totalMinutes(reopened), alb.totalMinutes);
  assert.deepEqual(reopenedProblems, []);
  await reopened.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test("no request left the local server during the whole run", () => {
  assert.deepEqual(browser.outside, []);
});
