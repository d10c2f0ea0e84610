// End-to-end tests of the docs-site web component, <ecs-rollout-timeline>, as built into
// www/dist (the one-file module and its .wasm), in Debian's chromium. Bare host pages are
// answered by the test itself under a sub-folder of the served site, so the component is loaded
// exactly as a docs site would load it: one script tag, relative path, nothing else. The guide
// and embedding pages are the real ones from dist. Screenshots go to www/test-artifacts/.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { readFile, mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, launch, screenshot, DIST } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer(undefined, "/site/");
  browser = await launch({ origin: server.origin });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Behind an Application Load Balancer: the module's default Network Load Balancer would add
// issue 20's canary-behind-nlb warning to every canary here.
const CANARY = `
  create_lb = true
  lb_type   = "application"

  gateway_deployment_configuration = {
    enable_blue_green = false
    canary_configuration = {
      canary_bake_time_in_minutes = 10
      canary_percent              = 10
    }
  }
`;
const BLUE_GREEN = `
  create_lb = true

  gateway_deployment_configuration = {
    enable_blue_green = true
  }

  gateway_deployment_circuit_breaker = {
    enable   = true
    rollback = true
  }
`;

/** A host page with nothing but the script tag, `head` extras, and `body`. */
/** The page setting that gives every element an "Open in playground" link (the site's own playground). */
const PLAYGROUND_META = '<meta name="ecs-rollout-playground" content="../index.html">';

const hostPage = (body, head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>${head}<script type="module" src="../ecs-rollout-timeline.js"></script></head><body>${body}</body></html>`;

/**
 * Opens `html` at /site/docs/<name>.html (one folder below the component's files) and waits
 * until every element has drawn. Records script errors, console errors and .wasm requests.
 */
async function openHost(html, { name = "host", context = browser.context } = {}) {
  const page = await context.newPage();
  const problems = [];
  const wasmRequests = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".wasm")) wasmRequests.push(request.url());
  });
  const url = `${server.url}docs/${name}.html`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(url);
  await settle(page);
  return { page, problems, wasmRequests };
}

/** Opens a page of www/dist and waits for its elements. */
async function openDist(file, context = browser.context) {
  const page = await context.newPage();
  const problems = [];
  const wasmRequests = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".wasm")) wasmRequests.push(request.url());
  });
  await page.goto(`${server.url}${file}`);
  await settle(page);
  return { page, problems, wasmRequests };
}

/** Waits until every element on the page has finished drawing (src files included). */
async function settle(page) {
  await page.waitForFunction(
    () =>
      customElements.get("ecs-rollout-timeline") &&
      [...document.querySelectorAll("ecs-rollout-timeline")].every((e) => {
        const state = e.shadowRoot?.querySelector(".frame")?.dataset.state;
        return state && state !== "loading";
      }),
    undefined,
    { timeout: 15000 },
  );
  // An element schedules its update as soon as it changes, so its `updateComplete` is the one
  // to wait for.
  await page.evaluate(() => Promise.all([...document.querySelectorAll("ecs-rollout-timeline")].map((e) => e.updateComplete)));
}

/** What one element shows, read through its shadow root. */
const view = (page, selector = "ecs-rollout-timeline") =>
  page.$eval(selector, (e) => {
    const root = e.shadowRoot;
    const svg = root.querySelector("svg.rollout-chart");
    const figure = (label) => [...root.querySelectorAll(".figure")].find((f) => f.querySelector("dt").textContent === label)?.querySelector("dd").textContent ?? null;
    return {
      state: root.querySelector(".frame").dataset.state,
      charts: root.querySelectorAll("svg.rollout-chart").length,
      totalMinutes: svg ? Number(svg.dataset.totalMinutes) : null,
      chartWidth: svg ? svg.getBoundingClientRect().width : 0,
      chartHeight: svg ? svg.getBoundingClientRect().height : 0,
      compact: svg ? svg.classList.contains("rollout-chart--compact") : null,
      strategy: figure("Strategy"),
      rolledBack: figure("Rolled back"),
      rollbackDrawn: Boolean(root.querySelector(".rc-rollback")),
      codes: [...root.querySelectorAll(".diag")].map((d) => d.dataset.code),
      noTimeline: !root.querySelector(".no-timeline").hidden,
      notices: [...root.querySelectorAll(".notices li")].map((li) => li.textContent),
      title: root.querySelector(".title").textContent,
      link: root.querySelector(".playground-link").hidden ? null : root.querySelector(".playground-link").href,
    };
  });

/** Runs `change` on the element in the page, then waits for it to redraw. */
const change = (page, selector, change) =>
  page.$eval(
    selector,
    async (e, body) => {
      new Function("e", body)(e);
      await e.updateComplete;
    },
    change,
  );

const decodeLink = (href) => JSON.parse(zlib.inflateRawSync(Buffer.from(href.slice(href.indexOf("#v1.") + 4), "base64url")).toString());

test("a bare HTML page with two components and nothing else renders both", async () => {
  const { page, problems, wasmRequests } = await openHost(
    hostPage(`<ecs-rollout-timeline id="a">${CANARY}</ecs-rollout-timeline>\n<ecs-rollout-timeline id="b" snippet>${BLUE_GREEN}</ecs-rollout-timeline>`),
    { name: "bare" },
  );
  const a = await view(page, "#a");
  const b = await view(page, "#b");
  assert.equal(a.charts, 1);
  assert.equal(b.charts, 1);
  assert.equal(a.strategy, "Canary");
  assert.equal(b.strategy, "Blue/green");
  assert.ok(a.chartHeight > 150 && b.chartHeight > 150, "both charts have a real size");
  // Without `snippet`, the excerpt's missing required variables are reported; with it, not.
  assert.deepEqual([...new Set(a.codes)], ["no-behaviour-check", "missing-required-variable"]);
  assert.deepEqual(b.codes, []);
  assert.equal(wasmRequests.length, 1, "the .wasm is fetched once");
  assert.match(wasmRequests[0], /\/site\/ecs-rollout-timeline\.wasm$/, "the .wasm resolves next to the script, not the page");
  await screenshot(page, "component-bare-two", { fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});

test("the wasm is fetched once for many instances, even when the script is included twice", async () => {
  const items = Array.from({ length: 8 }, (_, i) => `<ecs-rollout-timeline snippet hook-minutes="${i}">${BLUE_GREEN}</ecs-rollout-timeline>`).join("\n");
  const { page, problems, wasmRequests } = await openHost(hostPage(`${items}<script type="module" src="../ecs-rollout-timeline.js"></script>`), { name: "many" });
  const states = await page.$$eval("ecs-rollout-timeline", (all) => all.map((e) => e.shadowRoot.querySelectorAll("svg.rollout-chart").length));
  assert.deepEqual(states, Array(8).fill(1));
  assert.equal(wasmRequests.length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("changing an attribute, the content or the container re-renders", async () => {
  const { page, problems } = await openHost(hostPage(`<div id="box" style="width: 900px"><ecs-rollout-timeline snippet>${BLUE_GREEN}</ecs-rollout-timeline></div>`, PLAYGROUND_META), { name: "change" });
  const before = await view(page);
  assert.equal(before.rollbackDrawn, false);

  await change(page, "ecs-rollout-timeline", 'e.setAttribute("fail-at-minute", "3")');
  let now = await view(page);
  assert.ok(now.rollbackDrawn, "the rollback is drawn");
  assert.match(now.rolledBack, /circuit-breaker/);
  assert.equal(decodeLink(now.link).failAtMinute, 3, "the playground link carries the failure");

  await change(page, "ecs-rollout-timeline", 'e.removeAttribute("fail-at-minute"); e.setAttribute("scale-up-minutes", "10")');
  now = await view(page);
  assert.equal(now.rollbackDrawn, false);
  assert.equal(now.totalMinutes, before.totalMinutes + 7.5, "scale-up 2.5 → 10 minutes adds 7.5");
  assert.deepEqual(decodeLink(now.link).assumptions, { scaleUpMinutes: 10 });

  await change(page, "ecs-rollout-timeline", 'e.textContent = "create_lb = true\\ngateway_deployment_configuration = {\\n  enable_blue_green = false\\n  linear_configuration = {\\n    step_bake_time_in_minutes = 2\\n    step_percent = 50\\n  }\\n}\\n"');
  now = await view(page);
  assert.equal(now.strategy, "Linear", "a new text content is analyzed");

  await change(page, "ecs-rollout-timeline", 'e.setAttribute("theme", "dark")');
  const dark = await page.$eval("ecs-rollout-timeline", (e) => getComputedStyle(e.shadowRoot.querySelector(".frame")).backgroundColor);
  await change(page, "ecs-rollout-timeline", 'e.setAttribute("theme", "light")');
  const light = await page.$eval("ecs-rollout-timeline", (e) => getComputedStyle(e.shadowRoot.querySelector(".frame")).backgroundColor);
  assert.equal(light, "rgb(255, 255, 255)");
  assert.equal(dark, "rgb(22, 29, 39)");

  // Sizes to its container: narrower redraws at the new width, very narrow goes compact.
  const wide = (await view(page)).chartWidth;
  await page.$eval("#box", (box) => (box.style.width = "700px"));
  await page.waitForFunction(() => document.querySelector("ecs-rollout-timeline").shadowRoot.querySelector("svg").getBoundingClientRect().width < 700);
  const narrower = await view(page);
  assert.ok(narrower.chartWidth < wide && narrower.chartWidth <= 700 - 30, `chart follows the container (${wide} → ${narrower.chartWidth})`);
  assert.equal(narrower.compact, false);
  await page.$eval("#box", (box) => (box.style.width = "280px"));
  await page.waitForFunction(() => document.querySelector("ecs-rollout-timeline").shadowRoot.querySelector("svg").classList.contains("rollout-chart--compact"));
  const compact = await view(page);
  assert.ok(compact.chartWidth <= 280, "the compact chart fits a narrow column without scrolling");

  assert.deepEqual(problems, []);
  await page.close();
});

test("an invalid config shows its diagnostics and no broken chart", async () => {
  const { page, problems } = await openHost(
    hostPage(`<ecs-rollout-timeline snippet>
      create_lb = true
      lb_type   = "application"
      gateway_deployment_configuration = {
        enable_blue_green = false
        canary_configuration = {
          canary_bake_time_in_minutes = 100
          canary_percent              = 200
        }
      }
    </ecs-rollout-timeline>
    <ecs-rollout-timeline id="garbage">gateway_deployment_configuration = {{{ =</ecs-rollout-timeline>
    <ecs-rollout-timeline id="attrs" snippet hook-minutes="soon" rules="no-such-code=off">${BLUE_GREEN}</ecs-rollout-timeline>`),
    { name: "invalid" },
  );
  const invalid = await view(page);
  assert.equal(invalid.state, "invalid");
  assert.equal(invalid.charts, 0);
  assert.equal(await page.$eval("ecs-rollout-timeline", (e) => e.shadowRoot.querySelectorAll("svg").length), 0, "no SVG at all");
  assert.ok(invalid.noTimeline);
  assert.deepEqual(invalid.codes, ["no-behaviour-check", "canary-percent-out-of-range"]);
  assert.equal(await page.$eval("ecs-rollout-timeline", (e) => e.shadowRoot.querySelector(".figures")), null, "no summary figures");
  const marked = await page.$eval("ecs-rollout-timeline", (e) => [...e.shadowRoot.querySelectorAll(".sq--error")].map((n) => n.textContent).join(""));
  assert.equal(marked, "200", "the offending value is underlined in the code view");

  const garbage = await view(page, "#garbage");
  assert.ok(garbage.codes.includes("syntax-error"), `syntax errors are shown (${garbage.codes})`);

  // Attributes the component cannot use are said plainly; the rest still draws.
  const attrs = await view(page, "#attrs");
  assert.equal(attrs.charts, 1);
  assert.equal(attrs.notices.length, 2);
  assert.match(attrs.notices[0], /hook-minutes attribute is "soon"/);
  assert.match(attrs.notices[1], /no-such-code/);

  // Fixing the config brings the chart back.
  await change(page, "ecs-rollout-timeline", 'e.textContent = e.textContent.replace("= 200", "= 20")');
  const fixed = await view(page);
  assert.equal(fixed.state, "ready");
  assert.equal(fixed.charts, 1);
  assert.deepEqual(fixed.codes, ["no-behaviour-check"]);
  await screenshot(page, "component-invalid", { fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("styles of the host page do not leak in", async () => {
  const probe = async (page) =>
    page.$eval("ecs-rollout-timeline", (e) => {
      const root = e.shadowRoot;
      const style = (selector) => getComputedStyle(root.querySelector(selector));
      const svg = root.querySelector("svg.rollout-chart");
      return {
        svgDisplay: style("svg.rollout-chart").display,
        svgHeight: Math.round(svg.getBoundingClientRect().height),
        green: style(".rc-area.rc-green").fill,
        blue: style(".rc-area.rc-blue").fill,
        textColor: style(".title").color,
        figureColor: style(".figure dd").color,
        font: style(".frame").fontFamily,
        letterSpacing: style(".title").letterSpacing,
        codeFont: style(".code-view").fontFamily,
        background: style(".frame").backgroundColor,
      };
    });
  const clean = await openHost(hostPage(`<ecs-rollout-timeline snippet>${CANARY}</ecs-rollout-timeline>`), { name: "clean" });
  const hostile = await openHost(
    hostPage(
      `<ecs-rollout-timeline snippet>${CANARY}</ecs-rollout-timeline>`,
      `<style>
        svg, rect, path, text { display: none !important; fill: red !important; }
        * { color: red !important; font-family: "Comic Sans MS", serif !important; letter-spacing: 3px !important; }
        body { background: black; line-height: 4; text-align: center; }
        .frame, .figure, .title { display: none !important; }
        :root { --panel: red; --green: red; --blue: red; --text: red; }
      </style>`,
    ),
    { name: "hostile" },
  );
  const expected = await probe(clean.page);
  const actual = await probe(hostile.page);
  assert.equal(expected.svgDisplay, "block");
  assert.ok(expected.svgHeight > 150);
  assert.deepEqual(actual, expected);
  assert.notEqual(actual.textColor, "rgb(255, 0, 0)");
  await screenshot(hostile.page, "component-hostile-host", { fullPage: true });
  assert.deepEqual(clean.problems, []);
  assert.deepEqual(hostile.problems, []);
  await clean.page.close();
  await hostile.page.close();
});

test("editable: typing redraws, and a problem selects its text in the editor", async () => {
  const { page, problems } = await openHost(hostPage(`<ecs-rollout-timeline snippet editable>${CANARY}</ecs-rollout-timeline>`, PLAYGROUND_META), { name: "editable" });
  const textarea = page.locator("ecs-rollout-timeline textarea");
  assert.match(await textarea.inputValue(), /^create_lb = true\n/, "the text is dedented");
  const before = await view(page);
  await textarea.fill((await textarea.inputValue()).replace("canary_bake_time_in_minutes = 10", "canary_bake_time_in_minutes = 30"));
  await settle(page);
  const after = await view(page);
  assert.equal(after.totalMinutes, before.totalMinutes + 20);
  assert.match(decodeLink(after.link).source, /canary_bake_time_in_minutes = 30/, "the playground link carries the edit");

  await textarea.fill((await textarea.inputValue()).replace("canary_percent              = 10", "canary_percent              = 0.05"));
  await settle(page);
  const broken = await view(page);
  assert.deepEqual(broken.codes, ["no-behaviour-check", "canary-percent-out-of-range"]);
  await page.locator("ecs-rollout-timeline .diag--error").click();
  const selected = await textarea.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "0.05");
  assert.deepEqual(problems, []);
  await page.close();
});

test("open in playground: only where a playground is configured, carrying the config over", async () => {
  // A docs site has no playground of its own: without a setting there is no link.
  const { page: bare, problems: bareProblems } = await openHost(hostPage(`<ecs-rollout-timeline snippet>${CANARY}</ecs-rollout-timeline>`), { name: "no-link" });
  assert.equal((await view(bare)).link, null, "no link without a configured playground");
  assert.deepEqual(bareProblems, []);
  await bare.close();

  // The page's one setting: a <meta> naming the playground, resolved against the page.
  const { page, problems } = await openHost(
    hostPage(`<ecs-rollout-timeline snippet drain-minutes="5">${CANARY}</ecs-rollout-timeline>`, '<meta name="ecs-rollout-playground" content="../index.html">'),
    { name: "link" },
  );
  const { link } = await view(page);
  assert.ok(link.startsWith(`${server.url}index.html#v1.`), `the configured playground (${link})`);
  const state = decodeLink(link);
  assert.match(state.source, /^create_lb = true\n/);
  assert.deepEqual(state.assumptions, { drainMinutes: 5 });
  assert.equal(state.failAtMinute, null);

  const [playground] = await Promise.all([page.context().waitForEvent("page"), page.locator("ecs-rollout-timeline .playground-link").click()]);
  await playground.waitForSelector("html[data-ready='true']", { timeout: 15000 });
  const editorText = await playground.$eval(".cm-content", (n) => n.innerText);
  assert.match(editorText, /canary_percent\s+= 10/);
  assert.equal(await playground.inputValue("#assumption-drainMinutes"), "5");
  assert.match(await playground.locator(".figure", { hasText: "Strategy" }).locator("dd").innerText(), /Canary/);
  await playground.close();

  // The element's own attribute wins over the page's setting; an empty one hides the link.
  await change(page, "ecs-rollout-timeline", 'e.setAttribute("playground", "https://example.org/play/")');
  assert.match((await view(page)).link, /^https:\/\/example\.org\/play\/#v1\./);
  await change(page, "ecs-rollout-timeline", 'e.setAttribute("playground", "")');
  assert.equal((await view(page)).link, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("embed.html followed literally: its two files and first snippet, in another site served from another folder", async () => {
  const { page, problems } = await openDist("embed.html");
  const { downloads, snippet } = await page.evaluate(() => ({
    downloads: [...document.querySelectorAll("a[download]")].map((a) => a.href),
    snippet: document.querySelector("pre.snippet code").textContent,
  }));
  await page.close();
  assert.deepEqual(downloads.map((href) => new URL(href).pathname.split("/").pop()), ["ecs-rollout-timeline.js", "ecs-rollout-timeline.wasm", "ecs-rollout-timeline-full.wasm"]);
  assert.match(snippet, /<script type="module" src="\/static\/ecs-rollout-timeline.js"><\/script>/);

  // The docs site: the downloaded files in /static/, the snippet pasted into a page.
  const site = await mkdtemp(path.join(tmpdir(), "ecs-rollout-docs-site-"));
  await mkdir(path.join(site, "static"));
  for (const href of downloads) {
    const response = await fetch(href);
    assert.equal(response.status, 200, href);
    await writeFile(path.join(site, "static", new URL(href).pathname.split("/").pop()), Buffer.from(await response.arrayBuffer()));
  }
  await writeFile(path.join(site, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our docs</title></head><body><h1>Rollouts</h1>\n${snippet}\n</body></html>`);
  const docs = await startServer(site, "/");
  const docsBrowser = await launch({ origin: docs.origin });
  try {
    const docsPage = await docsBrowser.context.newPage();
    const docsProblems = [];
    docsPage.on("pageerror", (error) => docsProblems.push(`pageerror: ${error.message}`));
    docsPage.on("console", (message) => message.type() === "error" && docsProblems.push(`console: ${message.text()}`));
    await docsPage.goto(docs.url);
    await settle(docsPage);
    const shown = await view(docsPage);
    assert.equal(shown.state, "ready");
    assert.equal(shown.charts, 1);
    assert.equal(shown.strategy, "Canary");
    assert.equal(shown.link, null, "no broken link to a playground the site does not have");
    assert.deepEqual(docsProblems, []);
    assert.deepEqual(docsBrowser.outside, [], "nothing fetched from the playground's site");
  } finally {
    await docsBrowser.close();
    await docs.close();
    await rm(site, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
});

test("src loads a file relative to the page; a missing one says so", async () => {
  const { page, problems } = await openHost(
    hostPage(`<ecs-rollout-timeline id="ok" snippet src="../examples/doc-linear-25.tfvars"></ecs-rollout-timeline>
      <ecs-rollout-timeline id="missing" src="../examples/nope.tfvars"></ecs-rollout-timeline>`),
    { name: "src" },
  );
  const ok = await view(page, "#ok");
  assert.equal(ok.strategy, "Linear");
  // Issue 20: no load balancer is no error (the gateway always has Service Connect).
  assert.deepEqual(ok.codes, ["no-behaviour-check", "missing-attribute"]);
  const missing = await view(page, "#missing");
  assert.match(missing.notices[0], /nope\.tfvars could not be read: the server answered 404/);
  // The 404 itself is the browser's console error; nothing else may fail.
  assert.deepEqual(
    problems.filter((p) => !/404/.test(p)),
    [],
  );
  await change(page, "#ok", 'e.setAttribute("src", "../examples/doc-linear-25-fixed.tfvars")');
  await settle(page);
  assert.deepEqual((await view(page, "#ok")).codes, ["no-behaviour-check"]);
  await page.close();
});

test("a src that cannot be loaded shows the error alone, with its address as text, and draws nothing", async () => {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  // A network error on the site's own server: the request fails without an answer.
  await page.route(`${server.url}docs/unreachable.tfvars`, (route) => route.abort("connectionrefused"));
  const html = hostPage(`<ecs-rollout-timeline id="missing" src="../examples/nope.tfvars" label="Staging"></ecs-rollout-timeline>
    <ecs-rollout-timeline id="unreachable" src="unreachable.tfvars" playground="../index.html"></ecs-rollout-timeline>
    <ecs-rollout-timeline id="odd" src="nope/&lt;b&gt;bold&lt;/b&gt;.tfvars"></ecs-rollout-timeline>`);
  await page.route(`${server.url}docs/load-errors.html`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(`${server.url}docs/load-errors.html`);
  await settle(page);
  const shown = (selector) =>
    page.$eval(selector, (e) => {
      const root = e.shadowRoot;
      const visible = (n) => n && !n.hidden && n.getClientRects().length > 0;
      return {
        state: root.querySelector(".frame").dataset.state,
        notices: [...root.querySelectorAll(".notices li")].map((li) => ({ text: li.textContent, elements: li.children.length })),
        title: root.querySelector(".title").textContent,
        charts: root.querySelectorAll("svg").length,
        figures: root.querySelectorAll(".figure").length,
        source: root.querySelector(".source").textContent,
        problems: visible(root.querySelector(".problems")),
        noTimeline: visible(root.querySelector(".no-timeline")),
        notes: visible(root.querySelector(".notes")),
        link: visible(root.querySelector(".playground-link")),
        text: root.querySelector(".frame").innerText,
        analysis: e.analysis,
      };
    });
  const base = `${server.url}`;
  for (const [selector, url, reason] of [
    ["#missing", `${base}examples/nope.tfvars`, /the server answered 404/],
    ["#unreachable", `${base}docs/unreachable.tfvars`, /could not be read: \S/],
    ["#odd", `${base}docs/nope/%3Cb%3Ebold%3C/b%3E.tfvars`, /the server answered 404/],
  ]) {
    const view = await shown(selector);
    assert.equal(view.state, "error", selector);
    assert.equal(view.notices.length, 1, `${selector}: the error alone`);
    assert.ok(view.notices[0].text.includes(`The config at ${url} could not be read`), `${selector}: ${view.notices[0].text}`);
    assert.match(view.notices[0].text, reason);
    assert.equal(view.notices[0].elements, 0, `${selector}: the address is text`);
    assert.equal(view.charts, 0, `${selector}: no chart`);
    assert.equal(view.figures, 0, `${selector}: no summary`);
    assert.equal(view.source, "", `${selector}: no empty config shown`);
    assert.equal(view.problems, false, `${selector}: no problems list`);
    assert.equal(view.noTimeline, false);
    assert.equal(view.notes, false);
    assert.equal(view.link, false, `${selector}: no playground link to an empty config`);
    assert.doesNotMatch(view.text, /No problems found|Rolling|\bmin\b/, selector);
    assert.equal(view.analysis, null);
  }
  assert.equal((await shown("#missing")).title, "Staging");
  // The same element draws once its src can be read.
  await change(page, "#missing", 'e.setAttribute("src", "../examples/doc-linear-25-fixed.tfvars")');
  await settle(page);
  const fixed = await shown("#missing");
  assert.equal(fixed.state, "ready");
  assert.equal(fixed.charts, 1);
  assert.deepEqual(fixed.notices, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the guide loads with no console errors and every example renders as the page says", async () => {
  const { page, problems, wasmRequests } = await openDist("guide.html");
  const examples = await page.$$eval("ecs-rollout-timeline", (all) =>
    all.map((e) => ({
      label: e.getAttribute("label"),
      expectCodes: e.dataset.expectCodes,
      expectTimeline: e.dataset.expectTimeline ?? "drawn",
      expectTrigger: e.dataset.expectTrigger ?? null,
      state: e.shadowRoot.querySelector(".frame").dataset.state,
      charts: e.shadowRoot.querySelectorAll("svg.rollout-chart").length,
      codes: [...new Set([...e.shadowRoot.querySelectorAll(".diag")].map((d) => d.dataset.code))].sort(),
      trigger: e.analysis?.timeline?.rollback?.trigger ?? null,
      expectDelays: e.dataset.expectDelays ?? null,
      delays: e.shadowRoot.querySelectorAll("svg.rollout-chart .rc-delay").length,
      delayedStages: (e.analysis?.timeline?.stages ?? []).filter((s) => s.delayMinutes !== undefined).length,
      bands: e.shadowRoot.querySelectorAll("svg.rollout-chart .rc-delay-band").length,
    })),
  );
  assert.ok(examples.length >= 25, `the guide has its examples (${examples.length})`);
  for (const example of examples) {
    assert.notEqual(example.expectCodes, undefined, `${example.label} states the codes it expects`);
    const expected = example.expectCodes.split(/\s+/).filter(Boolean).sort();
    assert.deepEqual(example.codes, expected, `${example.label}: diagnostics`);
    if (example.expectTimeline === "none") {
      assert.equal(example.state, "invalid", `${example.label} has no timeline`);
      assert.equal(example.charts, 0);
    } else {
      assert.equal(example.state, "ready", `${example.label} is drawn`);
      assert.equal(example.charts, 1);
    }
    if (example.expectTrigger) assert.equal(example.trigger, example.expectTrigger, `${example.label}: who detects the failure`);
    // Issue 20: a Network Load Balancer's delays are drawn, one bar and one band per delayed stage run.
    assert.equal(example.delays, example.delayedStages, `${example.label}: one delay bar per delayed stage`);
    assert.equal(example.bands, example.delayedStages, `${example.label}: one delay band per delayed stage`);
    if (example.expectDelays !== null) assert.equal(example.delays, Number(example.expectDelays), `${example.label}: delays drawn`);
  }
  assert.ok(examples.some((e) => e.expectDelays !== null && Number(e.expectDelays) > 0), "the guide shows a Network Load Balancer's delay");
  // Every "as written" example with an error is paired with a corrected one that is clean. (Since
  // issue 20 the document's blue/green, canary and linear setups are valid as written.)
  const pairs = await page.$$eval(".pair", (all) => all.map((p) => [...p.querySelectorAll("ecs-rollout-timeline")].map((e) => e.shadowRoot.querySelectorAll(".diag--error").length)));
  assert.ok(pairs.filter(([wrong, fixed]) => wrong > 0 && fixed === 0).length >= 6, "wrong and corrected side by side");
  assert.equal(await page.$$eval("ecs-rollout-timeline[compare]", (all) => all[0].shadowRoot.querySelectorAll(".compare .metric-chart").length), 4, "the selection guide is a live comparison");
  assert.equal(wasmRequests.length, 1);
  await screenshot(page, "guide-light", { fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.outside, []);
  await page.close();
});

test("the guide and a dark-themed component in a dark colour scheme", async () => {
  const dark = await launch({ origin: server.origin, colorScheme: "dark" });
  try {
    const { page, problems } = await openDist("guide.html", dark.context);
    const background = await page.$eval("ecs-rollout-timeline", (e) => getComputedStyle(e.shadowRoot.querySelector(".frame")).backgroundColor);
    assert.equal(background, "rgb(22, 29, 39)", "theme auto follows the system");
    const pair = await page.$eval("#canary .pair", (p) => {
      const box = p.getBoundingClientRect();
      return { y: box.top + scrollY, height: box.height };
    });
    await screenshot(page, "guide-dark-canary", { fullPage: true, clip: { x: 0, y: pair.y - 40, width: 1440, height: pair.height + 60 } });
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await dark.close();
  }
  const { page, problems } = await openHost(
    hostPage(`<ecs-rollout-timeline theme="dark" snippet fail-at-minute="8" label="Canary failing at minute 8">${CANARY}</ecs-rollout-timeline>`, `<style>body { background: #0b0f14; margin: 2rem; }</style>`),
    { name: "dark" },
  );
  assert.equal(await page.$eval("ecs-rollout-timeline", (e) => getComputedStyle(e.shadowRoot.querySelector(".frame")).backgroundColor), "rgb(22, 29, 39)");
  await screenshot(page, "component-dark", { fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the embedding page loads cleanly and its example renders", async () => {
  const { page, problems } = await openDist("embed.html");
  const example = await view(page);
  assert.equal(example.state, "ready");
  assert.deepEqual(example.codes, ["no-behaviour-check"]);
  await screenshot(page, "embed", { fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the component's own JS is at most 60 KB gzipped", async () => {
  const js = await readFile(path.join(DIST, "ecs-rollout-timeline.js"));
  const gzipped = zlib.gzipSync(js, { level: 9 }).length;
  assert.ok(gzipped <= 60 * 1024, `ecs-rollout-timeline.js is ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  const wasm = await readFile(path.join(DIST, "ecs-rollout-timeline.wasm"));
  assert.equal(wasm.subarray(0, 4).toString("hex"), "0061736d", "the .wasm next to it is WebAssembly");
});

test("a deployment record is drawn beside its plan; only then is the observed .wasm fetched, next to the script", async () => {
  const record = await readFile(new URL("../../tests/fixtures/deployment-record/several-deployments.json", import.meta.url), "utf8");
  const escaped = record.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const { page, problems, wasmRequests } = await openHost(
    hostPage(`<ecs-rollout-timeline id="config">${CANARY}</ecs-rollout-timeline><ecs-rollout-timeline id="record" deployment="Bb2">${escaped}</ecs-rollout-timeline>`),
    { name: "record" },
  );
  assert.deepEqual(
    wasmRequests.map((url) => new URL(url).pathname).sort(),
    ["/site/ecs-rollout-timeline-full.wasm", "/site/ecs-rollout-timeline.wasm"],
    "each .wasm once, resolved next to the script",
  );
  const config = await view(page, "#config");
  assert.equal(config.strategy, "Canary");
  const shown = await view(page, "#record");
  assert.equal(shown.state, "ready");
  assert.equal(shown.title, "Deployment Bb2: plan and what happened");
  assert.equal(shown.charts, 1, "the plan's chart");
  assert.equal(shown.totalMinutes, 5.5);
  assert.deepEqual(shown.codes, ["deployment-slower-than-planned"]);
  const record2 = await page.$eval("#record", (e) => {
    const root = e.shadowRoot;
    return {
      deployment: root.querySelector(".observed").dataset.deployment,
      curves: root.querySelectorAll(".record .diff-curve").length,
      duration: root.querySelector(".observed-duration").textContent,
      rows: [...root.querySelectorAll(".observed-phases tbody tr")].length,
      assumptions: root.querySelector(".observed-assumptions").textContent,
      apply: root.querySelectorAll(".observed-apply").length,
      observed: e.observed.deployments.length,
    };
  });
  assert.deepEqual(record2, {
    deployment: "Bb2",
    curves: 2,
    duration: "Blue/green deployment, SUCCESSFUL: took 7.7 min; its plan: 5.5 min (+2.2).",
    rows: 3,
    assumptions: JSON.stringify({ assumptions: { scaleUpMinutes: 4, drainMinutes: 1 } }, null, 2),
    apply: 0,
    observed: 3,
  });
  await page.$eval("#record", (e) => e.scrollIntoView());
  await screenshot(page, "component-record", { fullPage: true });

  // A deployment the record does not hold: said, and the newest drawn.
  await change(page, "#record", 'e.setAttribute("deployment", "nope")');
  const fallback = await view(page, "#record");
  assert.equal(fallback.title, "Deployment Cc3: plan and what happened");
  assert.deepEqual(fallback.notices, ['The deployment attribute names "nope", which the record does not hold, so Cc3 is shown']);
  // A configuration again: the record's view goes.
  await change(page, "#record", `e.textContent = ${JSON.stringify(BLUE_GREEN)}`);
  assert.equal(await page.$eval("#record", (e) => e.shadowRoot.querySelector(".record").hidden && e.observed === null), true);
  assert.equal((await view(page, "#record")).strategy, "Blue/green");
  assert.equal(wasmRequests.length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
