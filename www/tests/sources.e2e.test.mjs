// Issue #13's sources in the built playground (www/dist), in Debian's chromium: a CloudFormation
// template pasted over the editor's whole text is read as CloudFormation, drawn (not stale) as the
// package computes it in Node, and its mistake is listed on its own line; with two services the
// picker lists both, switching redraws with the second one's timeline, and the share link keeps
// the choice by name. The Source menu forces a kind. A Terraform file is read and drawn as in
// Node: the browser build carries all four readers.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyze, hover, completions } from "ecs-rollout";
import { startServer, launch, openPage, screenshot, WWW, decodeHash, settle, pasteConfig, waitForLink } from "./harness.mjs";
import { plotScale, stepsFromLine, effectiveSteps } from "./chart-cases.mjs";

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

/** The gateway on a valid canary, then a data service whose CanaryPercent ECS refuses. */
const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  "Resources:",
  "  GatewayService:",
  "    Type: AWS::ECS::Service",
  "    Properties:",
  "      Cluster: !Ref Cluster",
  "      DesiredCount: 4",
  "      DeploymentConfiguration:",
  "        Strategy: CANARY",
  "        BakeTimeInMinutes: 10",
  "        CanaryConfiguration:",
  "          CanaryPercent: 10",
  "          CanaryBakeTimeInMinutes: 5",
  "        DeploymentCircuitBreaker:",
  "          Enable: true",
  "          Rollback: true",
  "      LoadBalancers:",
  "        - ContainerName: gateway",
  "          ContainerPort: 8787",
  "          TargetGroupArn: !Ref BlueTargetGroup",
  "          AdvancedConfiguration:",
  "            AlternateTargetGroupArn: !Ref GreenTargetGroup",
  "            ProductionListenerRule: !Ref ProductionRule",
  "            RoleArn: !GetAtt LoadBalancerRole.Arn",
  "  CheckoutService:",
  "    Type: AWS::ECS::Service",
  "    Properties:",
  "      DesiredCount: 2",
  "      DeploymentConfiguration:",
  "        Strategy: CANARY",
  "        CanaryConfiguration:",
  "          CanaryPercent: 200",
  "          CanaryBakeTimeInMinutes: 5",
  "",
].join("\n");

/** What the page drew: the plot box, the length, the split line's corners and the phase bands. */
function readChart(page) {
  return page.$eval("#chart svg", (svg) => {
    const flat = svg.querySelector(".rc-split-line").getAttribute("d").match(/-?[\d.]+(e-?\d+)?/g).map(Number);
    const line = [];
    for (let i = 0; i < flat.length; i += 2) line.push([flat[i], flat[i + 1]]);
    return {
      plot: svg.dataset.plot.split(" ").map(Number),
      total: Number(svg.dataset.totalMinutes),
      line,
      bands: [...svg.querySelectorAll(".rc-phase")].map((g) => {
        const r = g.querySelector(".rc-phase-rect");
        return { index: Number(g.dataset.index), x: Number(r.getAttribute("x")), width: Number(r.getAttribute("width")) };
      }),
      header: [...svg.querySelectorAll(".rc-listeners")].map((t) => t.textContent),
    };
  });
}

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.01, `${what}: drawn ${a}, data ${b}`);

/** Holds the drawn chart to `timeline`: its length, traffic steps and phase bands. */
async function assertChartIs(page, timeline, what) {
  const drawn = await readChart(page);
  assert.equal(drawn.total, timeline.totalMinutes, `${what}: length`);
  const scale = plotScale(drawn.plot, timeline.totalMinutes);
  const steps = stepsFromLine(drawn.line, scale);
  const expected = effectiveSteps(timeline.trafficSteps);
  assert.equal(steps.length, expected.length, `${what}: one jump of the area per change of share`);
  steps.forEach((s, i) => {
    near(s.minute, expected[i].minute, `${what}: traffic step ${i} minute`);
    near(s.greenPercent, expected[i].greenPercent, `${what}: traffic step ${i} share`);
  });
  const drawnPhases = timeline.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.endMinute > p.startMinute);
  assert.deepEqual(drawn.bands.map((b) => b.index), drawnPhases.map(({ i }) => i), `${what}: one band per phase with a length`);
  for (const band of drawn.bands) {
    const phase = timeline.phases[band.index];
    near(scale.minute(band.x), phase.startMinute, `${what}: ${phase.name} starts`);
    near(scale.minute(band.x + band.width), phase.endMinute, `${what}: ${phase.name} ends`);
  }
  for (const text of drawn.header) assert.doesNotMatch(text, /null|undefined/, `${what}: listener header`);
  return drawn;
}

async function assertFresh(page) {
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), null, "the chart is not stale");
  assert.equal(await page.isHidden("#stale-banner"), true, "no stale banner");
}

test("a pasted CloudFormation template: its kind, its chart as computed, its mistake on its line", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const before = await page.$eval("#chart svg", (svg) => svg.dataset.totalMinutes);
  await pasteConfig(page, TEMPLATE);
  assert.equal(await page.textContent("#editor .cm-content"), TEMPLATE.replace(/\n/g, ""), "the whole text was replaced");

  assert.equal(await page.textContent("#input-kind"), "CloudFormation template (detected)");
  const analysis = analyze(TEMPLATE);
  assert.equal(analysis.input, "cloudformation");
  assert.ok(analysis.timeline, "the first service has a timeline");
  await assertFresh(page);
  const drawn = await assertChartIs(page, analysis.timeline, "GatewayService");
  assert.notEqual(String(drawn.total), before, "the chart was redrawn for the template");
  assert.match(await page.textContent("#summary"), /Canary/);

  // CanaryPercent: 200 is listed, at its own line and column.
  const line = TEMPLATE.split("\n").findIndex((l) => l.includes("CanaryPercent: 200")) + 1;
  const item = page.locator('#diagnostics .diag[data-code="canary-percent-out-of-range"]');
  assert.equal(await item.count(), 1, "the out-of-range percent is listed");
  assert.match(await item.locator(".diag-place").textContent(), new RegExp(`^line ${line}, col \\d+$`));
  const located = analysis.diagnostics.find((d) => d.code === "canary-percent-out-of-range");
  assert.equal(located.range.start.line, line);
  assert.equal(await item.locator(".diag-place").textContent(), `line ${line}, col ${located.range.start.column}`);
  // The editor underlines it on that line too.
  const underlined = await page.$$eval("#editor .cm-lintRange-error", (nodes) => nodes.map((n) => n.closest(".cm-line")?.textContent));
  assert.ok(underlined.some((text) => text?.includes("CanaryPercent: 200")), `underlined: ${underlined}`);

  // The picker lists both services; the second has no timeline, so choosing it marks the chart stale.
  assert.deepEqual(await page.$$eval("#service option", (o) => o.map((x) => x.value)), ["GatewayService", "CheckoutService"]);
  assert.equal(await page.isVisible("#service"), true);
  await page.selectOption("#service", "CheckoutService");
  await settle(page);
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), "true", "an invalid service leaves the last chart, marked stale");
  await screenshot(page, "30-cloudformation-pasted");
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});

test("a CloudFormation template gets the language server's hover and completion, from the second .wasm fetched then", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await pasteConfig(page, TEMPLATE);
  assert.equal(await page.textContent("#input-kind"), "CloudFormation template (detected)");
  const full = () => requested.filter((url) => /ecs_rollout_full_bg-[^/]*\.wasm$/.test(url));
  assert.deepEqual(full(), [], "nothing asked for help yet, so the second .wasm is not fetched");

  // Hover on a property name: the language server's own text, as Node's package gives it.
  const name = "CanaryBakeTimeInMinutes";
  await page.locator(".cm-line", { hasText: `${name}: 5` }).first().locator(`text=${name}`).hover();
  const tip = page.locator(".cm-doc-tooltip");
  await tip.waitFor();
  const expected = hover(TEMPLATE, TEMPLATE.indexOf(name) + 2);
  assert.ok(expected, "Node's package has a hover there");
  assert.equal(await tip.locator("code").first().textContent(), name);
  // The same words as the language server's Markdown, shown as text (marks dropped).
  const words = (text) => text.replace(/\*\*|`|^-{3,}$/gm, "").replace(/\s+/g, " ").trim();
  assert.equal(words(await tip.innerText()), words(expected.markdown));
  assert.match(await tip.innerText(), /Minutes to watch the canary/);
  assert.equal(full().length, 1, "the second .wasm is fetched once, for the hover");

  // Completion inside DeploymentConfiguration: a new property line, half typed.
  await page.locator(".cm-line", { hasText: "BakeTimeInMinutes: 10" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("MinimumHea");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "MinimumHealthyPercent" });
  await option.waitFor();
  const text = await page.textContent("#editor .cm-content");
  assert.ok(text.includes("MinimumHea"));
  const offered = (await page.$$eval(".cm-tooltip-autocomplete li", (items) => items.map((item) => item.textContent)));
  const typed = TEMPLATE.replace("BakeTimeInMinutes: 10\n", "BakeTimeInMinutes: 10\n        MinimumHea\n");
  const fromNode = completions(typed, typed.indexOf("MinimumHea") + "MinimumHea".length).map((item) => item.label);
  assert.ok(fromNode.includes("MinimumHealthyPercent"), `Node's package offers it: ${fromNode.join(", ")}`);
  assert.ok(offered.some((item) => item.startsWith("MinimumHealthyPercent")), `offered: ${offered.join(", ")}`);
  await option.click();
  assert.match(await page.locator(".cm-activeLine").innerText(), /^\s*MinimumHealthyPercent$/);
  assert.equal(full().length, 1, "and not fetched again");
  assert.deepEqual(problems, []);
  await page.close();
});

test("two services: the picker lists both, switching redraws with the second's timeline, the link keeps it", async () => {
  const source = readFileSync(path.join(WWW, "examples/cloudformation-two-services.yaml"), "utf8");
  const analysis = analyze(source);
  assert.deepEqual(analysis.services.map((s) => s.name), ["GatewayService", "DataService"]);
  const [first, second] = analysis.services.map((s) => s.timeline);
  assert.ok(first && second, "both services have a timeline");
  assert.notEqual(first.totalMinutes, second.totalMinutes, "the two timelines differ");

  const { page, problems } = await openPage(browser.context, server.url);
  await page.selectOption("#examples", "cloudformation-two-services");
  await settle(page);
  assert.equal(await page.textContent("#input-kind"), "CloudFormation template (detected)");
  assert.deepEqual(await page.$$eval("#service option", (o) => o.map((x) => x.textContent)), ["GatewayService", "DataService"]);
  assert.equal(await page.inputValue("#service"), "GatewayService", "the first service by default");
  await assertChartIs(page, first, "GatewayService");
  assert.match(await page.textContent("#summary"), /Canary/);

  await page.selectOption("#service", "DataService");
  await settle(page);
  await assertFresh(page);
  await assertChartIs(page, second, "DataService");
  assert.match(await page.textContent("#summary"), /Linear/);
  await screenshot(page, "31-second-service");

  // The share link names the service; opening it shows the same one.
  const state = await waitForLink(page, (link) => link.service === "DataService");
  assert.equal(state.service, "DataService");
  assert.equal(state.input, undefined, "detection is not written into the link");
  const reopened = await openPage(browser.context, page.url());
  await settle(reopened.page);
  assert.equal(await reopened.page.inputValue("#service"), "DataService");
  await assertChartIs(reopened.page, second, "DataService, reopened");
  assert.deepEqual(reopened.problems, []);
  await reopened.page.close();

  // A single-service source hides the picker.
  await page.selectOption("#examples", "ecs-api-describe-services");
  await settle(page);
  assert.equal(await page.isVisible("#service"), false);
  assert.equal(await page.textContent("#input-kind"), "ECS API JSON (detected)");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the Source menu forces a kind, and the link keeps it", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.selectOption("#examples", "ecs-api-describe-services");
  await settle(page);
  assert.equal(await page.textContent("#input-kind"), "ECS API JSON (detected)");
  await page.selectOption("#input-menu", "portkey-tfvars");
  await settle(page);
  assert.equal(await page.textContent("#input-kind"), "Portkey module tfvars (chosen)");
  assert.equal((await waitForLink(page, (link) => link.input === "portkey-tfvars")).input, "portkey-tfvars");
  await page.selectOption("#input-menu", "");
  await settle(page);
  assert.equal(await page.textContent("#input-kind"), "ECS API JSON (detected)");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the component draws the service its service attribute names, and says when there is none", async () => {
  // The guide is not the playground: it sets no data-ready, so the page is opened here.
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}guide.html`);
  await page.waitForFunction(() => [...document.querySelectorAll("#cloudformation ecs-rollout-timeline")].every((e) => e.shadowRoot?.querySelector("svg.rollout-chart")));
  const drawn = await page.$$eval("#cloudformation ecs-rollout-timeline", (all) =>
    all.map((e) => ({
      service: e.getAttribute("service"),
      total: Number(e.shadowRoot.querySelector("svg.rollout-chart").dataset.totalMinutes),
      totals: e.analysis.services.map((s) => s.timeline.totalMinutes),
      input: e.analysis.input,
    })),
  );
  assert.equal(drawn.length, 2);
  assert.notEqual(drawn[0].totals[0], drawn[0].totals[1], "the two services' timelines differ");
  assert.equal(drawn[0].total, drawn[0].totals[0], "the first service by default");
  assert.equal(drawn[1].service, "DataService");
  assert.equal(drawn[1].total, drawn[1].totals[1], "the named service");
  for (const d of drawn) assert.equal(d.input, "cloudformation");

  // A name the template does not declare is reported, and the first service is drawn.
  const notice = await page.$eval("#cloudformation ecs-rollout-timeline[service]", async (e) => {
    e.setAttribute("service", "NoSuchService");
    await e.updateComplete;
    return {
      notices: [...e.shadowRoot.querySelectorAll("li.warning")].map((li) => li.textContent),
      total: Number(e.shadowRoot.querySelector("svg.rollout-chart").dataset.totalMinutes),
      first: e.analysis.services[0].timeline.totalMinutes,
    };
  });
  assert.ok(notice.notices.some((t) => t.includes('"NoSuchService"')), JSON.stringify(notice.notices));
  assert.equal(notice.total, notice.first);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a pasted Terraform file is read and drawn in the browser", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  // A canary behind a TCP target group: a Network Load Balancer, whose delay lengthens each
  // traffic shift (facts section 10): 2.5 scale-up, 10 + 10 + 10 delays, 15 bake, 1 drain.
  const terraform = [
    'resource "aws_lb_target_group" "tcp" {\n  protocol = "TCP"\n  port     = 9000\n}\n',
    'resource "aws_ecs_service" "api" {\n  desired_count = 2\n',
    '  load_balancer {\n    target_group_arn = aws_lb_target_group.tcp.arn\n  }\n',
    '  deployment_configuration {\n    strategy = "CANARY"\n',
    '    canary_configuration {\n      canary_percent = 10\n      canary_bake_time_in_minutes = 15\n    }\n  }\n}\n',
  ].join("");
  await pasteConfig(page, terraform);
  await page.locator('#diagnostics .diag[data-code="canary-behind-nlb"]').waitFor();
  assert.equal(await page.textContent("#input-kind"), "Terraform aws_ecs_service (detected)");
  assert.equal(await page.$('#diagnostics .diag[data-code="input-not-supported"]'), null);
  await page.waitForFunction(() => document.querySelector("#chart svg.rollout-chart")?.dataset.totalMinutes === "48.5");
  assert.notEqual(await page.getAttribute("#rollout-panel", "data-stale"), "true", "the chart is this file's");
  assert.deepEqual(problems, []);
  await page.close();
});
