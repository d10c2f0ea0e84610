// Issue #24 in Debian's chromium: what a person meets with real files. A paste that replaces the
// text, an example, a file opened or dropped, or a new share link opens another document: no chart, figures or settings
// of the one before stay (only an edit of the same document keeps a stale chart). The editor
// shows the start of every line after a paste and on load, and leaves typed braces as typed.
// The summary shows the circuit breaker's setting apart from its threshold. No page of the
// site is wider than a phone.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startServer, launch, openPage, encodeHash, decodeHash, settle, pasteConfig, WWW } from "./harness.mjs";

let server;
let browser;
let phone;
before(async () => {
  server = await startServer();
  browser = await launch({ origin: server.origin, viewport: { width: 1440, height: 900 } });
  phone = await launch({ origin: server.origin, viewport: { width: 390, height: 844 } });
});
after(async () => {
  await phone?.close();
  await browser?.close();
  await server?.close();
});

const example = (file) => readFile(path.join(WWW, "examples", file), "utf8");

/**
 * Pastes `text` over the whole editor as a person does: select all, then a paste event carrying
 * the text, which CodeMirror handles as it handles the clipboard's (user event "input.paste").
 */
async function pasteOver(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+a");
  await page.$eval(
    ".cm-content",
    (content, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    text,
  );
  await settle(page);
}

/** The editor's lines as drawn (all of them, for a text shorter than the editor). */
const editorText = (page) => page.$$eval(".cm-line", (lines) => lines.map((l) => l.textContent).join("\n"));
const figures = (page) =>
  page.$$eval("#summary .figure", (all) => Object.fromEntries(all.map((f) => [f.querySelector("dt").textContent, f.querySelector("dd").textContent])));
const chartCount = (page) => page.$$eval("#chart svg", (n) => n.length);

/** The state of the share link the page writes, once it is one for which `predicate` holds. */
async function writtenState(page, predicate) {
  for (;;) {
    const href = await page.evaluate(() => location.href);
    if (href.includes("#v1.")) {
      const state = decodeHash(href);
      if (predicate(state)) return state;
    }
    await page.waitForFunction((seen) => location.href !== seen, href);
  }
}

/** The two-service CloudFormation example with a YAML syntax error in its first service. */
async function brokenTemplate() {
  const template = await example("cloudformation-two-services.yaml");
  const broken = template.replace("      DesiredCount: 4\n", "      DesiredCount: [4\n");
  assert.notEqual(broken, template);
  return broken;
}

test("a pasted file that cannot be drawn shows why in the chart's place, and nothing of the file before", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  assert.equal(await chartCount(page), 1, "the default example is drawn");
  await pasteOver(page, await brokenTemplate());
  assert.equal(await page.textContent("#input-kind"), "CloudFormation template (detected)");
  assert.equal(await chartCount(page), 0, "no chart of the linear example under the template");
  assert.deepEqual(await figures(page), {}, "no figures of the example");
  assert.equal(await page.$eval("#notes", (n) => n.textContent), "");
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), "none");
  const reason = await page.textContent("#stale-reason");
  assert.match(reason, /^No timeline yet: line \d+: /);
  assert.doesNotMatch(reason, /Showing the last rollout/);
  // The reason sits where the chart goes: above the failure control, inside the chart's box.
  const banner = await page.$eval("#stale-banner", (n) => n.getBoundingClientRect().top);
  const wrap = await page.$eval(".chart-wrap", (n) => n.getBoundingClientRect());
  assert.ok(banner >= wrap.top && banner < wrap.bottom, "the reason is in the chart's place");
  assert.equal(await page.isDisabled("#download-svg"), true);

  // Once the template reads, its own rollout is drawn; a later mistake in the same document keeps
  // that chart, marked stale.
  await page.locator(".cm-line", { hasText: "DesiredCount: [4" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("4");
  await settle(page);
  assert.equal(await chartCount(page), 1);
  assert.equal((await figures(page)).Strategy, "Canary");
  await page.keyboard.type("]");
  await settle(page);
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), "true");
  assert.match(await page.textContent("#stale-reason"), /^Showing the last rollout that could be read/);
  assert.equal(await chartCount(page), 1);
  assert.equal((await figures(page)).Strategy, "Canary");

  // Another example opens fresh, drawn and not stale.
  await page.selectOption("#examples", "doc-rolling-fixed");
  await settle(page);
  assert.equal(await page.getAttribute("#rollout-panel", "data-stale"), null);
  assert.equal((await figures(page)).Strategy, "Rolling");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a new share link opened in the address bar replaces the document, its settings and its chart", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  assert.equal(await chartCount(page), 1);
  const broken = await brokenTemplate();
  await page.evaluate((hash) => {
    location.hash = hash;
  }, encodeHash({ source: broken, assumptions: {}, failAtMinute: null, example: null }));
  await page.waitForFunction(() => document.getElementById("input-kind").textContent.startsWith("CloudFormation"));
  await settle(page);
  assert.equal(await chartCount(page), 0);
  assert.deepEqual(await figures(page), {});
  assert.match(await page.textContent("#stale-reason"), /^No timeline yet: line \d+: /);
  assert.equal(await page.isChecked("#excerpt"), false, "the link does not ask for an excerpt");
  assert.equal(await page.inputValue("#examples"), "");

  // A link that holds an excerpt, a failure and a service brings them along.
  const template = await example("cloudformation-two-services.yaml");
  await page.evaluate((hash) => {
    location.hash = hash;
  }, encodeHash({ source: template, assumptions: {}, failAtMinute: 3, example: null, excerpt: true, service: "DataService" }));
  await page.waitForFunction(() => document.getElementById("service").value === "DataService");
  await settle(page);
  assert.equal(await page.isChecked("#excerpt"), true);
  assert.equal(await page.isChecked("#fail-enabled"), true);
  assert.equal(await page.inputValue("#fail-minute"), "3");
  assert.equal(await chartCount(page), 1);
  assert.equal((await figures(page)).Strategy, "Linear");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a file opened from the computer, or dropped on the editor, is another document", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.check("#fail-enabled");
  await settle(page);
  assert.equal(await page.isChecked("#excerpt"), true);
  const broken = await brokenTemplate();
  const chooser = page.waitForEvent("filechooser");
  await page.click("#open-file-button");
  await (await chooser).setFiles({ name: "two-services.yaml", mimeType: "text/yaml", buffer: Buffer.from(broken) });
  await page.waitForFunction(() => document.getElementById("input-kind").textContent.startsWith("CloudFormation"));
  await settle(page);
  assert.equal(await chartCount(page), 0, "no chart of the example under the opened file");
  assert.deepEqual(await figures(page), {});
  assert.match(await page.textContent("#stale-reason"), /^No timeline yet: line \d+: /);
  assert.equal(await page.isChecked("#excerpt"), false);
  assert.equal(await page.isChecked("#fail-enabled"), false);
  assert.equal(await page.inputValue("#examples"), "");
  assert.equal(await page.locator(".cm-line").first().textContent(), broken.split("\n")[0], "shown from its first line");

  // A dropped file replaces the text rather than landing inside it.
  const dev = await example("portkey-sample-dev.tfvars");
  await page.$eval(
    ".cm-content",
    (content, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "dev.tfvars", { type: "text/plain" }));
      const box = content.getBoundingClientRect();
      content.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true, clientX: box.left + 40, clientY: box.top + 40 }));
    },
    dev,
  );
  await page.waitForFunction(() => document.getElementById("input-kind").textContent.startsWith("Portkey"));
  await settle(page);
  assert.equal((await figures(page)).Strategy, "Blue/green");
  // The dropped file alone, not the template with the file inside it.
  assert.ok(!(await page.textContent("#diagnostics")).includes("syntax"), "nothing of the template is read");
  const written = await writtenState(page, (s) => s.source.startsWith(dev.slice(0, 40)));
  assert.equal(written.source, dev);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the excerpt switch, the failure and the service belong to one document", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  assert.equal(await page.isChecked("#excerpt"), true, "the bundled excerpt opens as one");

  // A full file pasted over the excerpt is not an excerpt.
  await pasteOver(page, await example("portkey-sample-prod.tfvars"));
  assert.equal(await page.isChecked("#excerpt"), false);
  // The full files among the examples are not excerpts either; the strategies document's are.
  await page.selectOption("#examples", "doc-canary-fixed");
  await settle(page);
  assert.equal(await page.isChecked("#excerpt"), true);
  await page.selectOption("#examples", "portkey-sample-dev");
  await settle(page);
  assert.equal(await page.isChecked("#excerpt"), false);

  // A failure at minute 18 of the 24.5-minute linear example goes when a 4.5-minute file is pasted.
  await page.selectOption("#examples", "doc-linear-fixed");
  await settle(page);
  await page.check("#fail-enabled");
  await page.$eval("#fail-minute", (slider) => {
    slider.value = "18";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settle(page);
  assert.ok(Object.keys(await figures(page)).some((k) => /^Rolled back|^Failed/.test(k)), "the failure is simulated");
  await pasteOver(page, await example("portkey-sample-dev.tfvars"));
  assert.equal(await page.isChecked("#fail-enabled"), false);
  assert.equal(await page.textContent("#fail-minute-value"), "off");
  assert.ok(!Object.keys(await figures(page)).some((k) => /^Rolled back|^Failed/.test(k)), "no failure on the new file");
  const unfailed = await writtenState(page, (s) => s.source.startsWith("# Portkey") || s.source.includes("project_name"));
  assert.equal(unfailed.failAtMinute, null, "nor in its link");
  assert.equal(unfailed.excerpt, undefined);

  // The service picked goes with its document: a template pasted anew starts at its first service.
  await page.selectOption("#examples", "cloudformation-two-services");
  await settle(page);
  await page.selectOption("#service", "DataService");
  await settle(page);
  assert.equal((await figures(page)).Strategy, "Linear");
  await pasteOver(page, `# Pasted again, from another copy.\n${await example("cloudformation-two-services.yaml")}`);
  assert.equal(await page.inputValue("#service"), "GatewayService");
  assert.equal((await figures(page)).Strategy, "Canary");
  const written = await writtenState(page, (s) => s.source.startsWith("# Pasted again"));
  assert.equal(written.service, undefined, "the link names no service");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a link's failure minute beyond the rollout's end is brought to its end, in the chart, the slider and the link", async () => {
  const source = await example("portkey-sample-dev.tfvars");
  const { page, problems } = await openPage(browser.context, `${server.url}#${encodeHash({ source, assumptions: {}, failAtMinute: 18, example: null })}`);
  const total = await page.$eval("#chart svg", (svg) => Number(svg.dataset.totalMinutes));
  assert.ok(total < 18, `the rollout takes ${total} minutes`);
  const end = String(Math.ceil(total));
  assert.equal(await page.isChecked("#fail-enabled"), true, "the link's failure stays on");
  assert.equal(await page.inputValue("#fail-minute"), end);
  assert.equal(await page.textContent("#fail-minute-value"), end);
  const written = await writtenState(page, (s) => s.failAtMinute !== 18);
  assert.equal(written.failAtMinute, Number(end));
  assert.deepEqual(problems, []);
  await page.close();
});

/** For each line on screen: whether its first character is right of the gutter, and its text. */
function lineStarts(page) {
  return page.evaluate(() => {
    const gutterRight = document.querySelector(".cm-gutters").getBoundingClientRect().right;
    const scroller = document.querySelector(".cm-scroller").getBoundingClientRect();
    const out = [];
    for (const line of document.querySelectorAll(".cm-line")) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const first = walker.nextNode();
      if (!first || first.textContent.length === 0) continue;
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(first, 1);
      const box = range.getBoundingClientRect();
      if (box.bottom < scroller.top || box.top > scroller.bottom) continue;
      out.push({ text: line.textContent.slice(0, 20), visible: box.left >= gutterRight - 0.5 });
    }
    return out;
  });
}

/** A real file with long lines, the longest last, where a paste leaves the cursor. */
async function longLinedFile() {
  return `${await example("portkey-sample-dev.tfvars")}\n# ${"A comment longer than the editor is wide, as the module's samples have. ".repeat(4)}\n`;
}

test("after a paste and on load the editor shows the start of every line, from the first line", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  const text = await longLinedFile();
  await pasteOver(page, text);
  const scroll = await page.$eval(".cm-scroller", (s) => ({ left: s.scrollLeft, top: s.scrollTop, overflow: s.scrollWidth - s.clientWidth }));
  assert.equal(scroll.left, 0, "not scrolled sideways");
  assert.ok(scroll.overflow <= 0, `no line runs past the editor (${scroll.overflow}px)`);
  const first = await page.evaluate(() => {
    const scroller = document.querySelector(".cm-scroller").getBoundingClientRect();
    const number = [...document.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].find((n) => n.textContent === "1");
    const box = number?.getBoundingClientRect();
    return Boolean(box) && box.top >= scroller.top - 1 && box.bottom <= scroller.bottom;
  });
  assert.ok(first, `the pasted file is shown from its first line (scrolled ${scroll.top}px down)`);
  const starts = await lineStarts(page);
  assert.ok(starts.length > 5 && starts.some((l) => l.text.startsWith("#")), "comment lines are on screen");
  assert.deepEqual(starts.filter((l) => !l.visible), [], "every line's first character is beside the gutter");

  // The same file from a link.
  const { page: loaded } = await openPage(browser.context, `${server.url}#${encodeHash({ source: text, assumptions: {}, failAtMinute: null })}`);
  assert.equal(await loaded.$eval(".cm-scroller", (s) => s.scrollLeft), 0);
  assert.deepEqual((await lineStarts(loaded)).filter((l) => !l.visible), []);
  assert.deepEqual(problems, []);
  await loaded.close();
  await page.close();
});

test("a block typed by hand, character by character, is the text typed: no brace or quote added", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  const lines = [
    "create_lb = true",
    'lb_type = "application"',
    "gateway_deployment_configuration = {",
    "enable_blue_green = false",
    "canary_configuration = {",
    "canary_percent = 10",
    "canary_bake_time_in_minutes = 5",
    "}",
    "}",
    'lifecycle_hook_stages = ["POST_TEST_TRAFFIC_SHIFT"]',
  ];
  for (const line of lines) {
    await page.keyboard.type(line);
    // Enter must start a new line, not accept a completion offered for the line's name.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");
  }
  await settle(page);
  const text = await editorText(page);
  const squeeze = (s) => s.replace(/\s+/g, "");
  assert.equal(squeeze(text), squeeze(lines.join("\n")), `the editor holds:\n${text}`);
  assert.deepEqual(
    text.split("\n").map((l) => l.trim()).filter(Boolean),
    lines,
    "each line as typed, indentation aside",
  );
  assert.deepEqual(problems, []);
  await page.close();
});

const CANARY_WITH_BREAKER = `create_lb = true
lb_type   = "application"

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_percent              = 10
    canary_bake_time_in_minutes = 5
  }
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
`;

test("the summary shows the breaker's setting, and apart from it the threshold where ECS applies one", async () => {
  const { page, problems } = await openPage(browser.context, server.url);
  await pasteConfig(page, CANARY_WITH_BREAKER);
  let shown = await figures(page);
  assert.equal(shown.Strategy, "Canary");
  assert.equal(shown["Circuit breaker"], "onrollback on");
  assert.equal(shown["Breaker threshold"], "nonefor canary/linear (see notes)");
  assert.match(await page.textContent("#notes"), /canary and linear it shows no breaker threshold/);
  await pasteConfig(page, CANARY_WITH_BREAKER.replace("canary_configuration = {\n    canary_percent              = 10\n    canary_bake_time_in_minutes = 5", "linear_configuration = {\n    step_percent              = 25\n    step_bake_time_in_minutes = 2"));
  shown = await figures(page);
  assert.equal(shown.Strategy, "Linear");
  assert.equal(shown["Circuit breaker"], "onrollback on");
  assert.equal(shown["Breaker threshold"], "nonefor canary/linear (see notes)");

  // Rollback off, in the same document: the figure changes though the timeline does not.
  await page.locator(".cm-line", { hasText: "rollback = true" }).click();
  await page.keyboard.press("End");
  for (let i = 0; i < "true".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("false");
  await settle(page);
  assert.equal((await figures(page))["Circuit breaker"], "onrollback off");

  await pasteConfig(page, CANARY_WITH_BREAKER.replace("enable_blue_green = false", "enable_blue_green = true").replace(/ {2}canary_configuration = \{[^}]*\}\n/, ""));
  shown = await figures(page);
  assert.equal(shown.Strategy, "Blue/green");
  assert.equal(shown["Circuit breaker"], "onrollback on");
  assert.match(shown["Breaker threshold"], /^\d+failed tasks stop it$/);
  await pasteConfig(page, CANARY_WITH_BREAKER.replace("enable   = true\n  rollback = true", "enable   = false\n  rollback = false"));
  shown = await figures(page);
  assert.match(shown["Circuit breaker"], /^off/);
  assert.equal(shown["Breaker threshold"], "nonethe breaker is off");
  assert.deepEqual(problems, []);
  await page.close();
});

test("no page of the site is wider than a phone's screen", async () => {
  for (const file of ["", "guide.html", "embed.html"]) {
    const page = await phone.context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(`${server.url}${file}`);
    if (file === "") await page.waitForSelector("html[data-ready='true']");
    else
      await page.waitForFunction(() =>
        [...document.querySelectorAll("ecs-rollout-timeline")].every((e) => {
          const state = e.shadowRoot?.querySelector(".frame")?.dataset.state;
          return state && state !== "loading";
        }),
      );
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= 390 && clientWidth <= 390, `${file || "index.html"} is ${scrollWidth}px wide on a 390px screen`);
    // And what is wider than the screen inside it: none.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !n.closest("[hidden]") && getComputedStyle(n).visibility !== "hidden")
        .filter((n) => !(n.closest("pre, .cm-editor, .table-wrap, .compare-table-wrap") && n.closest("pre, .cm-editor, .table-wrap, .compare-table-wrap") !== n))
        .slice(0, 5)
        .map((n) => `${n.tagName.toLowerCase()}.${n.className}`),
    );
    assert.deepEqual(wide, [], `${file || "index.html"}: elements past the right edge`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
