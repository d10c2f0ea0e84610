// <ecs-rollout-timeline>: the rollout of one ECS service's config, for docs sites: a Portkey
// Gateway module .tfvars file, a Terraform aws_ecs_service, a CloudFormation template or ECS API
// JSON (detected from the text, or named by the `input` attribute; with several services, the
// first or the one the `service` attribute names is drawn).
// One ES module (this file, bundled by `vite.component.config.js`) plus the analyzer's .wasm,
// which sits next to it and is fetched once per page, however many elements there are. Each
// element reads its config from its text content or its `src` attribute, its assumptions from
// attributes, and draws, in its own shadow root, what the playground draws: the summary figures
// and the timeline chart (the same `chart.js` and `summary.js`), then the problems. It redraws
// when its content, attributes or width change. Nothing the config says is parsed as HTML.
//
// A deployment record (contract section 10) is drawn too: the plan of one of its deployments (the
// newest, or the one the `deployment` attribute names by id or ARN) and, beside it, what happened
// (observed-panel.js, as in the playground). It is read by the package's `observed`, whose own
// .wasm (`ecs-rollout-timeline-full.wasm`, next to this module) is fetched only when an
// element's text is a record.

import init, { analyze, compare, rules, observed, initObserved } from "ecs-rollout/web";
import chartCss from "../chart.css?inline";
import diffCss from "../diff-mode.css?inline";
import observedCss from "../observed.css?inline";
import componentCss from "./component.css?inline";
import { renderTimelineChart, describeReadout, formatMinutes } from "../chart.js";
import { renderSummary, renderNotes, strategyName } from "../summary.js";
import { renderComparison } from "../compare.js";
import { renderDiagnosticsList, countSummary } from "../diagnostics-list.js";
import { encodeState, MAX_SOURCE_CHARS } from "../url-state.js";
import { ASSUMPTION_ATTRIBUTES, dedent, readOptions, safePlaygroundUrl } from "./attributes.js";
import { renderCodeView } from "./code-view.js";
import { pickService } from "../services.js";
import { breakerSetting } from "../breaker.js";
import { pickDeployment, recordBreaker, RECORD_BREAKER_UNKNOWN, isRecord, deploymentId } from "../observed-view.js";
import { renderObservedDeployment } from "../observed-panel.js";

export const TAG_NAME = "ecs-rollout-timeline";

/** The analyzer's file, next to this module in `dist/`; hosts may serve both from any path. */
const WASM_FILE = "ecs-rollout-timeline.wasm";
/** The `observed` analyzer's file, beside it, fetched only for a deployment record. */
const OBSERVED_WASM_FILE = "ecs-rollout-timeline-full.wasm";
/** Below this container width the chart is drawn compact (no legend or labels). */
const COMPACT_BELOW = 300;
/** The full chart is laid out at its container's width, never scaled down: text stays at 11 px or more. */
const MIN_FULL_WIDTH = 300;

let enginePromise = null;

/**
 * Loads the analyzer once per page: every element awaits the same promise. In the library
 * build the .wasm URL is resolved against this module's own URL; under the dev server, Vite
 * serves the package's file and the glue finds it itself.
 */
export function loadEngine() {
  enginePromise ??= (async () => {
    const wasmUrl = import.meta.env?.DEV ? undefined : new URL(/* @vite-ignore */ WASM_FILE, import.meta.url);
    await init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
    return { analyze, compare, codes: new Set(rules().map((rule) => rule.code)) };
  })();
  return enginePromise;
}

let observedPromise = null;

/** Loads the `observed` analyzer once per page, with the first record any element shows. */
export function loadObserved() {
  observedPromise ??= (async () => {
    const wasmUrl = import.meta.env?.DEV ? undefined : new URL(/* @vite-ignore */ OBSERVED_WASM_FILE, import.meta.url);
    await initObserved(wasmUrl);
    return observed;
  })();
  observedPromise.catch(() => {
    observedPromise = null;
  });
  return observedPromise;
}

let sharedSheets = null;

/** One constructed stylesheet shared by every shadow root (no inline <style>, so a strict CSP holds). */
function adoptStyles(root) {
  const css = `${chartCss}\n${diffCss}\n${observedCss}\n${componentCss}`;
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sharedSheets) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sharedSheets = [sheet];
    }
    root.adoptedStyleSheets = sharedSheets;
  } else {
    const style = document.createElement("style");
    style.textContent = css;
    root.append(style);
  }
}

/**
 * Where "Open in playground" leads: the element's `playground` attribute, else the page's one
 * setting `<meta name="ecs-rollout-playground" content="...">`; null (no link) when neither
 * is set or the value is empty, since a docs site has no playground of its own.
 */
function playgroundUrl(element) {
  const own = element.getAttribute("playground");
  const shared = document.querySelector('meta[name="ecs-rollout-playground"]')?.getAttribute("content") ?? null;
  return safePlaygroundUrl(own ?? shared, document.baseURI);
}


const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

export class EcsRolloutTimeline extends HTMLElement {
  static observedAttributes = [
    "src",
    ...ASSUMPTION_ATTRIBUTES.map(([name]) => name),
    "fail-at-minute",
    "rules",
    "input",
    "service",
    "deployment",
    "snippet",
    "editable",
    "compare",
    "theme",
    "playground",
    "label",
    "hide-source",
  ];

  #parts;
  #contentObserver = null;
  #resizeObserver = null;
  #queued = false;
  #updateComplete = Promise.resolve();
  /** Text typed into the editor; null until the reader edits, and again after the content changes. */
  #edited = null;
  /** The fetched `src` text: { url, text } once loaded, { url, error } on failure. */
  #fetched = null;
  #fetchGeneration = 0;
  #analysis = null;
  #observed = null;
  /** The timeline drawn: the chosen service's, redrawn at a new width. */
  #timeline = null;
  #chartWidth = 0;
  #linkGeneration = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptStyles(root);
    const frame = element("div", "frame");
    frame.setAttribute("part", "frame");
    frame.dataset.state = "loading";
    const head = element("div", "head");
    const title = element("div", "title");
    const link = element("a", "playground-link", "Open in playground");
    link.setAttribute("part", "playground-link");
    link.target = "_blank";
    link.rel = "noopener";
    link.hidden = true;
    head.append(title, link);
    const source = element("div", "source");
    const notices = element("ul", "notices");
    const summary = element("div", "summary");
    const chart = element("div", "chart");
    chart.append(element("div", "placeholder", "Loading the rollout…"));
    const readout = element("p", "readout");
    readout.setAttribute("aria-live", "polite");
    const noTimeline = element("p", "no-timeline");
    noTimeline.hidden = true;
    const record = element("div", "record");
    record.hidden = true;
    const notes = element("details", "notes");
    notes.hidden = true;
    const comparison = element("div", "compare");
    comparison.hidden = true;
    const problems = element("section", "problems");
    const problemsHead = element("div", "problems-head");
    const count = element("span", "count");
    count.setAttribute("role", "status");
    problemsHead.append(element("span", "", "Problems"), count);
    const list = element("div", "diag-host");
    problems.append(problemsHead, list);
    problems.hidden = true;
    frame.append(head, source, notices, summary, chart, readout, noTimeline, record, notes, comparison, problems);
    root.append(frame);
    this.#parts = { frame, title, link, source, notices, summary, chart, readout, noTimeline, record, notes, comparison, problems, count, list, textarea: null };
  }

  connectedCallback() {
    this.#contentObserver ??= new MutationObserver(() => {
      if (this.hasAttribute("src")) return;
      this.#edited = null;
      this.#schedule();
    });
    this.#contentObserver.observe(this, { childList: true, characterData: true, subtree: true });
    this.#resizeObserver ??= new ResizeObserver(() => this.#resized());
    this.#resizeObserver.observe(this);
    if (this.hasAttribute("src") && !this.#fetched) this.#fetchSource();
    this.#schedule();
  }

  disconnectedCallback() {
    this.#contentObserver?.disconnect();
    this.#resizeObserver?.disconnect();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === "src") {
      this.#edited = null;
      this.#fetched = null;
      if (newValue !== null && this.isConnected) this.#fetchSource();
    }
    if (name === "editable" || name === "hide-source") this.#parts.textarea = null;
    this.#schedule();
  }

  /** The config shown: the reader's edits, else the `src` file, else the text content. */
  get source() {
    if (this.#edited !== null) return this.#edited;
    if (this.hasAttribute("src")) return this.#fetched && "text" in this.#fetched ? this.#fetched.text : "";
    return dedent(this.textContent ?? "");
  }

  /** Replaces the config (as the element's text content) and redraws. */
  set source(text) {
    this.removeAttribute("src");
    this.textContent = String(text);
  }

  /** The latest `Analysis` drawn, or null before the first one. */
  get analysis() {
    return this.#analysis;
  }

  /** The latest `Observed` drawn when the config is a deployment record, else null. */
  get observed() {
    return this.#observed;
  }

  /** Resolves once the element has drawn everything asked of it so far. */
  get updateComplete() {
    return this.#updateComplete;
  }

  async #fetchSource() {
    const generation = ++this.#fetchGeneration;
    const url = new URL(this.getAttribute("src") ?? "", document.baseURI).href;
    let result;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      result = { url, text: await response.text() };
    } catch (error) {
      result = { url, error: error instanceof Error ? error.message : String(error) };
    }
    if (generation !== this.#fetchGeneration) return;
    this.#fetched = result;
    this.#schedule();
  }

  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    this.#updateComplete = new Promise((resolve) => {
      queueMicrotask(async () => {
        this.#queued = false;
        try {
          await this.#render();
        } finally {
          resolve();
        }
      });
    });
  }

  #resized() {
    const width = this.#containerWidth();
    if (this.#timeline && Math.abs(width - this.#chartWidth) >= 1) this.#renderChart(this.#timeline, width);
  }

  #containerWidth() {
    return Math.floor(this.#parts.chart.clientWidth || this.#parts.frame.clientWidth || 880);
  }

  async #render() {
    const parts = this.#parts;
    let engine;
    try {
      engine = await loadEngine();
    } catch (error) {
      parts.frame.dataset.state = "error";
      const message = element("p", "load-error", `The rollout analyzer could not load: ${error instanceof Error ? error.message : String(error)}. The page must allow WebAssembly ('wasm-unsafe-eval') and serve ${WASM_FILE} next to the script.`);
      message.setAttribute("role", "alert");
      parts.chart.replaceChildren(message);
      return;
    }
    if (!this.isConnected) return;
    const notices = [];
    const fromSrc = this.hasAttribute("src");
    if (fromSrc && !this.#fetched) {
      parts.frame.dataset.state = "loading";
      return;
    }
    if (fromSrc && this.#fetched.error) {
      this.#renderLoadError(this.#fetched);
      return;
    }
    const source = this.source;
    const { assumptions, failAtMinute, rules: ruleLevels, input, service, problems } = readOptions((name) => this.getAttribute(name), engine.codes);
    for (const text of problems) notices.push({ text, kind: "warning" });

    const options = { assumptions };
    if (failAtMinute !== null) options.failAtMinute = failAtMinute;
    if (Object.keys(ruleLevels).length) options.rules = ruleLevels;
    if (input) options.input = input;
    let analysis;
    try {
      analysis = engine.analyze(source, options);
    } catch (error) {
      // Only misuse throws, and readOptions checks every input first; say so rather than break.
      notices.push({ text: `The analyzer refused the options: ${error instanceof Error ? error.message : String(error)}`, kind: "error" });
      analysis = engine.analyze(source, {});
    }
    this.#analysis = analysis;
    if (isRecord(analysis)) {
      await this.#renderRecord(source, { assumptions, input, failAtMinute }, notices);
      return;
    }
    this.#observed = null;
    parts.record.hidden = true;
    parts.record.replaceChildren();
    // With several services, the one the `service` attribute names, else the first.
    const picked = pickService(analysis, service);
    this.#timeline = picked.timeline;
    if (!picked.found) notices.push({ text: `The service attribute names "${service}", which the config does not declare, so ${picked.name ?? "the first service"} is shown`, kind: "warning" });

    this.#renderSource(source, analysis.diagnostics);
    parts.notices.replaceChildren(
      ...notices.map(({ text, kind }) => {
        const item = element("li", kind, text);
        return item;
      }),
    );
    const label = this.getAttribute("label");
    const strategy = picked.strategy ? `${strategyName(picked.strategy)} rollout` : "Rollout";
    parts.title.replaceChildren(document.createTextNode(label || strategy));
    const named = picked.strategy && label && label.toLowerCase().includes(strategyName(picked.strategy).toLowerCase());
    if (label && picked.strategy && !named) parts.title.append(element("small", "", strategyName(picked.strategy)));

    const timeline = picked.timeline;
    this.#showTimeline(
      timeline,
      () => renderSummary(timeline, breakerSetting(analysis, picked, options.rules ?? {})),
      assumptions,
      "No timeline: the deployment settings cannot be read or are outside the values ECS accepts. The problems below say why.",
    );

    if (this.hasAttribute("compare")) {
      let content;
      try {
        const wrap = element("div", "compare-table-wrap");
        wrap.append(renderComparison(engine.compare(source, { assumptions, ...(input ? { input } : {}) }), picked.strategy));
        content = wrap;
      } catch (error) {
        content = element("p", "no-timeline", `No comparison: ${error instanceof Error ? error.message : String(error)}`);
      }
      parts.comparison.replaceChildren(content);
      parts.comparison.hidden = false;
    } else {
      parts.comparison.replaceChildren();
      parts.comparison.hidden = true;
    }

    this.#showProblems(analysis.diagnostics);

    this.#updateLink(source, assumptions, failAtMinute, { input, service: picked.name && analysis.services.length > 1 ? picked.name : null });
    parts.frame.dataset.state = timeline ? "ready" : "invalid";
    this.dispatchEvent(new CustomEvent("ecs-rollout-render", { detail: { analysis }, bubbles: true, composed: true }));
  }

  /**
   * A deployment record: its chosen deployment's plan drawn as any timeline, and what happened
   * beside it. The `observed` analyzer is loaded with the first record of the page.
   */
  async #renderRecord(source, { assumptions, input, failAtMinute }, notices) {
    const parts = this.#parts;
    const options = { assumptions, ...(input ? { input } : {}) };
    let result;
    try {
      const read = await loadObserved();
      result = await read(source, options);
    } catch (error) {
      parts.frame.dataset.state = "error";
      const message = element("p", "load-error", `The deployment record could not be read: ${error instanceof Error ? error.message : String(error)}. The page must serve ${OBSERVED_WASM_FILE} next to the script.`);
      message.setAttribute("role", "alert");
      parts.chart.replaceChildren(message);
      return;
    }
    // A newer render started while this one waited: it draws instead.
    if (!this.isConnected || this.source !== source) return;
    this.#observed = result;
    const chosen = this.getAttribute("deployment");
    const index = pickDeployment(result, chosen);
    const deployment = result.deployments[index] ?? null;
    if (chosen && deployment && chosen !== deployment.serviceDeploymentArn && chosen !== deploymentId(deployment)) {
      notices.push({ text: `The deployment attribute names "${chosen}", which the record does not hold, so ${deploymentId(deployment)} is shown`, kind: "warning" });
    }
    this.#renderSource(source, result.diagnostics);
    parts.notices.replaceChildren(...notices.map(({ text, kind }) => element("li", kind, text)));
    const label = this.getAttribute("label");
    parts.title.replaceChildren(document.createTextNode(label || (deployment ? `Deployment ${deploymentId(deployment)}: plan and what happened` : "Deployment record")));
    const timeline = deployment?.plan ?? null;
    this.#timeline = timeline;
    this.#showTimeline(
      timeline,
      () => renderSummary(timeline, recordBreaker(source, deployment.serviceDeploymentArn), { breakerUnknown: RECORD_BREAKER_UNKNOWN }),
      assumptions,
      deployment ? "No plan: the deployment's own settings cannot be used. The problems below say why." : "The record holds no service deployment.",
    );
    parts.record.replaceChildren(renderObservedDeployment(result, index));
    parts.record.hidden = false;
    parts.comparison.replaceChildren();
    parts.comparison.hidden = true;
    this.#showProblems(result.diagnostics);
    this.#updateLink(source, assumptions, failAtMinute, { input, service: null });
    parts.frame.dataset.state = timeline ? "ready" : "invalid";
    this.dispatchEvent(new CustomEvent("ecs-rollout-render", { detail: { analysis: this.#analysis, observed: result }, bubbles: true, composed: true }));
  }

  /**
   * A `src` that could not be loaded: the reason alone, with the address as text. Nothing is
   * analysed, since an empty config would draw a rollout (and "No problems found") that is
   * nobody's.
   */
  #renderLoadError({ url, error }) {
    const parts = this.#parts;
    this.#analysis = null;
    this.#timeline = null;
    this.#chartWidth = 0;
    parts.textarea = null;
    const label = this.getAttribute("label");
    parts.title.replaceChildren(document.createTextNode(label || "Rollout"));
    const message = element("li", "error", `The config at ${url} could not be read: ${error}. Nothing is drawn until it can be.`);
    message.setAttribute("role", "alert");
    parts.notices.replaceChildren(message);
    this.#observed = null;
    parts.record.hidden = true;
    for (const part of [parts.source, parts.summary, parts.chart, parts.record, parts.comparison, parts.list]) part.replaceChildren();
    parts.readout.textContent = "";
    parts.count.textContent = "";
    parts.noTimeline.hidden = true;
    parts.notes.hidden = true;
    parts.comparison.hidden = true;
    parts.problems.hidden = true;
    parts.link.hidden = true;
    ++this.#linkGeneration;
    parts.frame.dataset.state = "error";
    this.dispatchEvent(new CustomEvent("ecs-rollout-render", { detail: { analysis: null }, bubbles: true, composed: true }));
  }

  #renderSource(source, diagnostics) {
    const parts = this.#parts;
    if (this.hasAttribute("editable")) {
      if (!parts.textarea) {
        const id = "config";
        const label = element("label", "editor-label", "Config (.tfvars), editable: the rollout follows your changes");
        label.htmlFor = id;
        const textarea = element("textarea");
        textarea.id = id;
        textarea.spellcheck = false;
        textarea.setAttribute("autocapitalize", "off");
        textarea.setAttribute("autocomplete", "off");
        textarea.wrap = "off";
        textarea.addEventListener("input", () => {
          this.#edited = textarea.value;
          this.#schedule();
        });
        parts.source.replaceChildren(label, textarea);
        parts.textarea = textarea;
      }
      if (parts.textarea.value !== source) parts.textarea.value = source;
      parts.textarea.rows = Math.min(Math.max(source.split("\n").length, 4), 40);
    } else if (this.hasAttribute("hide-source")) {
      parts.source.replaceChildren();
    } else {
      parts.textarea = null;
      parts.source.replaceChildren(renderCodeView(source, diagnostics));
    }
  }

  #renderChart(timeline, containerWidth) {
    const parts = this.#parts;
    const compact = containerWidth < COMPACT_BELOW;
    const width = compact ? Math.max(containerWidth, 240) : Math.max(containerWidth, MIN_FULL_WIDTH);
    const label = this.getAttribute("label");
    const chart = renderTimelineChart(timeline, {
      width,
      compact,
      interactive: true,
      title: label ? `${label}: ${strategyName(timeline.strategy)} rollout over ${formatMinutes(timeline.totalMinutes)} minutes` : undefined,
      onReadout: (readout) => {
        parts.readout.textContent = readout ? describeReadout(readout) : "";
      },
    });
    parts.chart.replaceChildren(chart);
    parts.readout.textContent = "";
    this.#chartWidth = containerWidth;
  }

  #renderNotes(timeline, overrides) {
    const parts = this.#parts;
    const summary = element("summary", "", "Assumptions and notes");
    const list = element("div", "assumption-list");
    for (const [name, key] of ASSUMPTION_ATTRIBUTES) {
      const item = element("span");
      const unit = key.endsWith("Minutes") ? " min" : key.endsWith("Percent") ? "%" : "";
      item.append(document.createTextNode(`${name}: `), element("b", "", `${timeline.assumptions[key]}${unit}`));
      if (key in overrides) item.append(document.createTextNode(" (set)"));
      list.append(item);
    }
    const notes = renderNotes(timeline);
    parts.notes.replaceChildren(summary, list, ...(notes ? [notes] : []));
    parts.notes.hidden = false;
  }

  /** Shows where a problem is: selects it in the editor, or flashes its line in the code view. */
  #reveal(diagnostic) {
    const parts = this.#parts;
    if (!diagnostic.range) return;
    if (parts.textarea) {
      parts.textarea.focus();
      parts.textarea.setSelectionRange(diagnostic.range.start.offset, Math.max(diagnostic.range.end.offset, diagnostic.range.start.offset));
      return;
    }
    const line = parts.source.querySelector(`.line[data-line="${diagnostic.range.start.line}"]`);
    if (!line) return;
    line.scrollIntoView({ block: "nearest", inline: "nearest" });
    line.classList.remove("flash");
    void line.offsetWidth;
    line.classList.add("flash");
    setTimeout(() => line.classList.remove("flash"), 900);
  }

  /** `timeline`'s summary (made by `summary`), chart and notes, or `missing` in their place. */
  #showTimeline(timeline, summary, assumptions, missing) {
    const parts = this.#parts;
    if (timeline) {
      parts.summary.replaceChildren(summary());
      this.#renderChart(timeline, this.#containerWidth());
      parts.noTimeline.hidden = true;
      this.#renderNotes(timeline, assumptions);
      return;
    }
    parts.summary.replaceChildren();
    parts.chart.replaceChildren();
    parts.readout.textContent = "";
    parts.noTimeline.textContent = missing;
    parts.noTimeline.hidden = false;
    parts.notes.hidden = true;
    this.#chartWidth = 0;
  }

  /** The problems list under the chart: its count, and each problem linked to its place. */
  #showProblems(diagnostics) {
    const parts = this.#parts;
    parts.count.textContent = countSummary(diagnostics);
    parts.count.classList.toggle("clean", diagnostics.length === 0);
    if (diagnostics.length) renderDiagnosticsList(parts.list, diagnostics, (d) => this.#reveal(d));
    else parts.list.replaceChildren();
    parts.problems.hidden = false;
  }

  /** Points "Open in playground" at the playground's share link for what is shown. */
  async #updateLink(source, assumptions, failAtMinute, { input, service }) {
    const link = this.#parts.link;
    const base = playgroundUrl(this);
    if (!base || source.length > MAX_SOURCE_CHARS || typeof CompressionStream !== "function") {
      link.hidden = true;
      return;
    }
    const generation = ++this.#linkGeneration;
    const hash = await encodeState({ source, assumptions, failAtMinute, example: null, input, service });
    if (generation !== this.#linkGeneration) return;
    base.hash = hash;
    link.href = base.href;
    link.hidden = false;
    link.title = "Opens this config, with these assumptions, in the ecs-rollout playground";
  }
}

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, EcsRolloutTimeline);
