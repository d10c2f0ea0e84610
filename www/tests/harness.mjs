// Test and bench harness: serves www/dist on a local port and drives Debian's chromium through
// playwright-core (never a downloaded browser), with background networking off, a fresh context
// per `launch`. Every request to a host other than the local server is aborted and recorded.

import http from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

export const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(WWW, "dist");
export const ARTIFACTS = path.join(WWW, "test-artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serves `root` on 127.0.0.1 at a free port; `base` is the URL path it is mounted under. */
export async function startServer(root = DIST, base = "/") {
  if (!existsSync(path.join(root, "index.html"))) throw new Error(`${root}/index.html is missing: run \`make www\` first`);
  const served = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      served.push(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    served,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** The one browser of this process, and how many contexts use it. */
let shared = null;

/**
 * The browser the contexts open in. Under `make test-www` (tests/run.mjs) that is the one
 * Chromium the suite launched, reached at `ECS_ROLLOUT_BROWSER_WS`, and launching another is an
 * error; a file run on its own (or a bench) launches one for itself.
 */
async function browserForContexts() {
  if (!shared) {
    const endpoint = process.env.ECS_ROLLOUT_BROWSER_WS;
    const browser = endpoint
      ? chromium.connect(endpoint)
      : process.env.ECS_ROLLOUT_ONE_BROWSER
        ? Promise.reject(new Error("the browser suite shares one Chromium: ECS_ROLLOUT_BROWSER_WS is missing"))
        : chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    shared = { browser, users: 0 };
  }
  shared.users += 1;
  return shared.browser;
}

/** Gives a context's use of the browser back, closing (or leaving) it after the last one. */
async function releaseBrowser() {
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  const { browser } = shared;
  shared = null;
  await (await browser).close();
}

/**
 * A fresh browser context (its own cookies, storage and downloads) in the suite's browser.
 * Returns the context, the list of blocked outside requests, and a `close`.
 */
export async function launch({ origin, colorScheme = "light", viewport = { width: 1440, height: 1000 }, bypassCSP = false } = {}) {
  const browser = await browserForContexts();
  const context = await browser.newContext({ viewport, colorScheme, bypassCSP, acceptDownloads: true });
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (origin && !url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")) {
      outside.push(url);
      return route.abort();
    }
    return route.continue();
  });
  return {
    context,
    outside,
    async close() {
      await context.close();
      await releaseBrowser();
    },
  };
}

/** The bytes of a finished download, streamed from the browser (which may be another process). */
export async function downloaded(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Opens a page that records script errors, console errors and CSP violations. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15000 });
  return { page, problems };
}

export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** A share-link hash (without `#`) for `state`, as the page writes it: `v1.` + base64url(deflate-raw(JSON)). */
export const encodeHash = (state) => "v1." + zlib.deflateRawSync(Buffer.from(JSON.stringify(state))).toString("base64url");

/** The state in a URL's share-link hash. */
export const decodeHash = (url) =>
  JSON.parse(zlib.inflateRawSync(Buffer.from(url.slice(url.indexOf("#v1.") + 4), "base64url")).toString());

/** The axe-core script, for accessibility scans inside a page. */
export const axeSource = () => readFile(path.join(WWW, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * Waits until the playground has redrawn after the last change: it analyses in a microtask
 * after each edit and draws before the next frame, so two frames later the drawing is on screen.
 */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * Waits until the page's address holds a share link that `accept` takes (the page writes the
 * link throttled, always ending on the latest state), and returns that state: each wait is for
 * the address to change, never for a time.
 */
export async function waitForLink(page, accept) {
  for (;;) {
    const url = page.url();
    if (url.includes("#v1.")) {
      const state = decodeHash(url);
      if (accept(state)) return state;
    }
    await page.waitForFunction((seen) => location.href !== seen, url, { polling: "raf", timeout: 15000 });
  }
}

/** Replaces the playground editor's whole text as one edit, like a paste. */
export async function pasteConfig(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
  await settle(page);
}
