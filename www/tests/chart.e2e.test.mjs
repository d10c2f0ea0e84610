// The playground's chart in Debian's chromium, held to its data and to the reader: for each
// chart fixture, at a desktop and a phone width, the drawn stepped area, phase bands and task
// lanes agree with the timeline the package computes in Node, every text is at least 11 px on
// screen and no two texts overlap (measured with the real font), and the chart fits the
// viewport. Then the page as a person edits it: the last good chart stays, marked stale, while a
// setting cannot be read; a comment keystroke redraws nothing; focus follows the page.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, screenshot, encodeHash, settle, pasteConfig } from "./harness.mjs";
import { chartCases, plotScale, stepsFromLine, effectiveSteps, overlappingPairs } from "./chart-cases.mjs";

let server;
let browser;
let phone;
before(async () => {
  server = await startServer();
  browser = await launch({ origin: server.origin, viewport: { width: 1400, height: 900 } });
  phone = await launch({ origin: server.origin, viewport: { width: 390, height: 844 } });
});
after(async () => {
  await phone?.close();
  await browser?.close();
  await server?.close();
});

const linkFor = ({ source, options }) =>
  `${server.url}#${encodeHash({ source, assumptions: options.assumptions ?? {}, failAtMinute: options.failAtMinute ?? null, excerpt: true })}`;

/** What the page drew: the plot box, the split line's corners, bands, lane bars and every text's box. */
function readChart(page) {
  return page.$eval("#chart svg", (svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const numbers = (d) => d.match(/-?[\d.]+(e-?\d+)?/g).map(Number);
    const flat = numbers(svg.querySelector(".rc-split-line").getAttribute("d"));
    const line = [];
    for (let i = 0; i < flat.length; i += 2) line.push([flat[i], flat[i + 1]]);
    const texts = [...svg.querySelectorAll("text")]
      .filter((t) => t.textContent && !t.closest(".rc-readout") && !t.closest(".rc-stage--cluster"))
      .map((t) => {
        // The box on screen, so a rotated text (the y axis title) is measured as drawn.
        const b = t.getBoundingClientRect();
        return { text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale, box: { x0: b.left, y0: b.top, x1: b.right, y1: b.bottom } };
      });
    return {
      plot: svg.dataset.plot.split(" ").map(Number),
      total: Number(svg.dataset.totalMinutes),
      line,
      bands: [...svg.querySelectorAll(".rc-phase")].map((g) => {
        const r = g.querySelector(".rc-phase-rect");
        return { index: Number(g.dataset.index), x: Number(r.getAttribute("x")), width: Number(r.getAttribute("width")) };
      }),
      bars: [...svg.querySelectorAll(".rc-lane")].map((g) => ({
        key: g.dataset.key,
        bars: [...g.querySelectorAll(".rc-lane-bar")].map((b) => ({ index: Number(b.dataset.index), count: Number(b.dataset.count) })),
      })),
      clusters: [...svg.querySelectorAll(".rc-stage")].reduce((n, g) => n + Number(g.dataset.count), 0),
      texts,
      right: svg.getBoundingClientRect().right,
      width: svg.getBoundingClientRect().width,
    };
  });
}

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.01, `${what}: drawn ${a}, data ${b}`);

for (const c of chartCases()) {
  for (const [device, ctx] of [["desktop", () => browser], ["phone", () => phone]]) {
    test(`${c.name} on a ${device}: the drawing agrees with the timeline and every label can be read`, async () => {
      const { page, problems } = await openPage(ctx().context, linkFor(c));
      await settle(page);
      const drawn = await readChart(page);
      const { timeline } = c;
      assert.equal(drawn.total, timeline.totalMinutes);
      const scale = plotScale(drawn.plot, timeline.totalMinutes);
      const steps = stepsFromLine(drawn.line, scale);
      const expected = effectiveSteps(timeline.trafficSteps);
      assert.equal(steps.length, expected.length, "one jump of the area per change of share");
      steps.forEach((s, i) => {
        near(s.minute, expected[i].minute, `traffic step ${i} minute`);
        near(s.greenPercent, expected[i].greenPercent, `traffic step ${i} share`);
      });
      const drawnPhases = timeline.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.endMinute > p.startMinute);
      assert.deepEqual(drawn.bands.map((b) => b.index), drawnPhases.map(({ i }) => i), "one band per phase with a length");
      for (const band of drawn.bands) {
        const phase = timeline.phases[band.index];
        near(scale.minute(band.x), phase.startMinute, `${phase.name} starts`);
        near(scale.minute(band.x + band.width), phase.endMinute, `${phase.name} ends`);
      }
      for (const lane of drawn.bars) {
        const expectedBars = timeline.phases.map((p, index) => ({ index, count: p[lane.key] })).filter((b) => b.count > 0);
        assert.deepEqual(lane.bars, expectedBars, `${lane.key} lane`);
      }
      assert.equal(drawn.clusters, timeline.stages.length, "every stage is in one marker");
      if (timeline.rollback) {
        // A deployment that stops in place (rollback off) draws no return to the old version,
        // and its summary says it was not rolled back.
        const stopped = timeline.rollback.restoredMinute === null;
        assert.equal(await page.locator("#chart .rc-restored-line").count(), stopped ? 0 : 1, "restore line");
        const summary = await page.textContent("#summary");
        assert.ok(summary.includes(stopped ? "Failed, not rolled back" : "Rolled back"), summary);
        if (stopped) await page.locator("#rollout-panel").screenshot({ path: `test-artifacts/23-stops-in-place-${device}.png` });
      }

      for (const t of drawn.texts) assert.ok(t.size >= 10.99, `"${t.text}" is ${t.size.toFixed(1)}px on screen`);
      assert.deepEqual(overlappingPairs(drawn.texts), [], "texts measured in the browser");
      const viewport = page.viewportSize().width;
      assert.ok(drawn.right <= viewport, `the chart ends at ${drawn.right}px, inside the ${viewport}px viewport`);
      if (c.name === "blue-green-every-stage-hooked") {
        await page.locator("#rollout-panel").screenshot({ path: `test-artifacts/20-every-stage-hooked-${device}.png` });
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

const LINEAR = [
  "create_lb = true",
  "",
  "# Ten-minute steps",
  "gateway_deployment_configuration = {",
  "  enable_blue_green = false",
  "  linear_configuration = {",
  "    step_bake_time_in_minutes = 5",
  "    step_percent              = 20",
  "  }",
  "}",
  "",
].join("\n");

/** Puts the cursor at the end of the first line containing `text`. */
async function cursorAfter(page, text) {
  await page.locator(".cm-line", { hasText: text }).first().click();
  await page.keyboard.press("End");
}

test("an unreadable setting keeps the last chart, marked stale, at the same height", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, LINEAR);
  const before = await page.$eval("#rollout-panel", (n) => n.getBoundingClientRect().height);
  const chartBefore = await page.$eval("#chart svg", (svg) => svg.dataset.totalMinutes);
  await cursorAfter(page, "step_percent");
  await page.keyboard.type("0");
  await settle(page);
  assert.ok(await page.$("#chart svg"), "the chart is still there");
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), "true");
  assert.equal(await page.isVisible("#stale-banner"), true);
  assert.match(await page.textContent("#stale-reason"), /Not updated, because of line 8: `step_percent = 200` is outside/);
  assert.equal(await page.$eval("#chart svg", (svg) => svg.dataset.totalMinutes), chartBefore, "the last good chart");
  const during = await page.$eval("#rollout-panel", (n) => n.getBoundingClientRect().height);
  assert.equal(during, before, "the panel keeps its height");
  await screenshot(page, "21-error-mid-edit");
  await page.keyboard.press("Backspace");
  await settle(page);
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), null);
  assert.equal(await page.isVisible("#stale-banner"), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test("typing in a comment redraws no chart; typing in a value does", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, LINEAR);
  const drawnCharts = () => page.evaluate(() => performance.getEntriesByName("chart-drawn").length);
  const start = await drawnCharts();
  await cursorAfter(page, "# Ten-minute steps");
  await page.keyboard.type(" and more words");
  await settle(page);
  assert.equal(await drawnCharts(), start, "no chart work for a comment");
  await cursorAfter(page, "step_bake_time_in_minutes");
  await page.keyboard.type("1");
  await settle(page);
  assert.equal(await drawnCharts(), start + 1, "a changed timeline is drawn once");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Tab follows the page: editor, rollout, problems, what if, policy, compare", async () => {
  // A misspelt variable, so the problems list has an entry to focus.
  const { page, problems } = await openPage(browser.context, `${server.url}#${encodeHash({ source: `create_lbb = true\n${LINEAR}`, assumptions: {}, failAtMinute: null })}`);
  await page.focus("#theme-toggle");
  const sections = [];
  const unringed = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    // CodeMirror marks itself focused a moment after it takes focus.
    if (await page.evaluate(() => document.activeElement.classList.contains("cm-content"))) await page.waitForSelector(".cm-editor.cm-focused");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const section = el.closest("section, footer, header");
      const style = getComputedStyle(el.classList.contains("cm-content") ? el.closest(".cm-editor") : el);
      return { section: section?.className ?? "", tag: el.tagName, editor: el.classList.contains("cm-content"), ring: style.outlineStyle !== "none" || style.boxShadow !== "none" };
    });
    if (info.editor) await page.keyboard.press("Escape");
    if (!info.ring) unringed.push(`${info.tag} in ${info.section}`);
    const name = info.section.split(" ").find((c) => c.endsWith("-panel")) ?? info.section;
    if (name && sections.at(-1) !== name) sections.push(name);
    if (name === "compare-panel") break;
  }
  assert.deepEqual(sections, ["editor-panel", "rollout-panel", "diagnostics-panel", "what-if-panel", "policy-panel", "compare-panel"]);
  assert.deepEqual(unringed, [], "every focused element shows a focus ring");
  assert.equal(await page.getAttribute(".cm-content", "aria-describedby"), "editor-help");
  assert.match(await page.textContent("#editor-help"), /Escape.*Tab/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("on a phone the summary and chart come before the editor and fit the screen", async () => {
  const { page, problems } = await openPage(phone.context, server.url);
  const top = (selector) => page.$eval(selector, (n) => n.getBoundingClientRect().top);
  assert.ok((await top("#summary")) < (await top("#editor")), "summary above the editor");
  assert.ok((await top("#chart")) < (await top("#editor")), "chart above the editor");
  assert.ok((await top("#chart")) < 900, "the chart starts on the first screen or just below");
  const { right, width } = await readChart(page);
  assert.ok(right <= 390 && width > 300, `the chart is ${width}px wide and ends at ${right}px`);
  await screenshot(page, "22-phone", { fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("What-if says why a value is refused and which value the timeline used", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.fill("#assumption-scaleUpMinutes", "-3");
  await settle(page);
  assert.equal(await page.getAttribute("#assumption-scaleUpMinutes", "aria-invalid"), "true");
  assert.match(await page.textContent("#assumption-scaleUpMinutes-note"), /below zero: not used; the timeline uses 2\.5/);
  await page.fill("#assumption-scaleUpMinutes", "5000");
  await settle(page);
  assert.match(await page.textContent("#assumption-scaleUpMinutes-note"), /the timeline uses 1440, the nearest value it accepts/);
  await page.fill("#assumption-scaleUpMinutes", "4");
  await settle(page);
  assert.equal(await page.getAttribute("#assumption-scaleUpMinutes", "aria-invalid"), null);
  assert.match(await page.textContent("#assumption-scaleUpMinutes-note"), /^default 2\.5/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the bundled examples open as excerpts; the switch shows the whole-file warnings and is kept in the link", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const codes = () => page.$$eval("#diagnostics .diag", (nodes) => nodes.map((n) => n.dataset.code));
  assert.equal(await page.isChecked("#excerpt"), true);
  // The excerpt silences what only the whole file can satisfy; that no lifecycle hook checks
  // this canary (information) is about the settings shown, so it stays.
  assert.deepEqual(await codes(), ["no-behaviour-check"]);
  await page.uncheck("#excerpt");
  await settle(page);
  assert.ok((await codes()).includes("missing-required-variable"));
  await page.check("#excerpt");
  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("share-url").value.includes("#v1."));
  const { page: reopened } = await openPage(browser.context, await page.inputValue("#share-url"));
  assert.equal(await reopened.isChecked("#excerpt"), true);
  assert.deepEqual(problems, []);
  await page.close();
  await reopened.close();
});

test("the failure control sits beside the chart and the theme button names what it does", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  assert.ok(await page.$("#rollout-panel #fail-enabled"), "inside the rollout panel");
  const chartBottom = await page.$eval("#chart", (n) => n.getBoundingClientRect().bottom);
  const controlTop = await page.$eval("#fail-enabled", (n) => n.getBoundingClientRect().top);
  assert.ok(controlTop - chartBottom < 80, `the control is ${controlTop - chartBottom}px below the chart`);
  assert.ok(controlTop < 900, "visible without scrolling");
  const label = await page.textContent("#theme-toggle");
  await page.click("#theme-toggle");
  assert.notEqual(await page.textContent("#theme-toggle"), label);
  assert.match(await page.textContent("#theme-toggle"), /^(Light|Dark) theme$/);
  await page.click("#theme-toggle");
  assert.deepEqual(problems, []);
  await page.close();
});

test("on a phone the guide's header scrolls away and its timelines fit the screen", async () => {
  const page = await phone.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${server.url}guide.html`);
  await page.waitForFunction(() => [...document.querySelectorAll("ecs-rollout-timeline")].every((e) => e.shadowRoot?.querySelector(".frame")?.dataset.state !== "loading"), undefined, { timeout: 20000 });
  assert.notEqual(await page.$eval(".site-header", (h) => getComputedStyle(h).position), "sticky");
  const widest = await page.$$eval("ecs-rollout-timeline", (elements) => Math.max(...elements.map((e) => e.shadowRoot.querySelector("svg")?.getBoundingClientRect().right ?? 0)));
  assert.ok(widest <= 390, `every timeline ends inside the screen (rightmost at ${widest}px)`);
  assert.deepEqual(problems, []);
  await page.close();
});
