// The playground page: wires the editor, the diagnostics list, the chart, the "what if" panel,
// the policy panel, the compare view and the share link together. Each keystroke runs `analyze`
// once and redraws from its result; nothing here computes a rollout itself. The "Source" menu
// names the kind of text (or leaves it to detection), and when the text declares several ECS
// services the service picker chooses the one the chart, summary and notes show.
//
// A document has an identity: an example, a share link, a file opened (or dropped on the
// editor), or a paste that replaces most of the text each open another document, and nothing of the one before stays. Its chart, figures and
// notes go (so a new text that cannot be drawn shows why, in the chart's place, not the last
// file's rollout), and so do the settings that belong to a document: the excerpt switch, the
// simulated failure and the service picked, which a link brings along with its text. Only an
// edit of the same document keeps the last good chart, marked stale.
//
// A deployment record (contract section 10) is read by the package's `observed`, whose .wasm is
// fetched only when a text is a record, and so is the code that draws it (observed-panel.js and
// its styles): the rollout panel then draws the chosen deployment's plan, and below it what
// happened beside that plan, with the record's checks in the problems list and its calibrated
// assumptions ready for the What-if inputs. A page that never sees a record loads none of it.

import "./style.css";
import "./chart.css";
import "./diff-mode.css";

import { loadEngine } from "./engine.js";
import { createEditor } from "./editor.js";
import { renderDiagnosticsList, countSummary } from "./diagnostics-list.js";
import { renderTimelineChart, describeReadout, formatMinutes } from "./chart.js";
import { renderSummary, renderTimelineTables, renderNotes, strategyName } from "./summary.js";
import { renderComparison } from "./compare.js";
import { createAssumptionsPanel } from "./assumptions.js";
import { createPolicyPanel } from "./policy-panel.js";
import { createDiffMode } from "./diff-mode.js";
import { decodeState, encodeState, createHashWriter } from "./url-state.js";
import { downloadChartSvg, downloadChartPng, downloadJson } from "./export.js";
import { initTheme } from "./theme.js";
import { fillInputMenu, inputLabel } from "./input-kind.js";
import { pickService, serviceChoices } from "./services.js";
import { breakerSetting } from "./breaker.js";
import { examples, defaultExample } from "../examples/index.js";
import { policyExamples } from "../examples/policies/index.js";

const $ = (id) => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page element #${id} is missing`);
  return node;
};

function showNotice(message, kind = "info") {
  const notice = $("notice");
  notice.hidden = false;
  notice.dataset.kind = kind;
  $("notice-text").textContent = message;
}

function fillExamplesMenu(select) {
  const groups = new Map();
  for (const example of examples) {
    if (!groups.has(example.group)) {
      const group = document.createElement("optgroup");
      group.label = example.group;
      groups.set(example.group, group);
      select.append(group);
    }
    const option = document.createElement("option");
    option.value = example.id;
    option.textContent = example.title;
    groups.get(example.group).append(option);
  }
}

/** The most the analyzer reads (the package's input limit, 8 MiB); a larger file is not opened. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const DEFAULT_STATE = { source: defaultExample.source, assumptions: {}, failAtMinute: null, example: defaultExample.id, excerpt: true };

/** The input kind the analyzer names a deployment record by, which the main .wasm does not read. */
const RECORD_KIND = "ecs-deployment-record";

/** The code that draws a record, loaded with the first one. */
let recordView = null;
function loadRecordView() {
  recordView ??= Promise.all([import("./observed-panel.js"), import("./observed.css")]).then(([panel]) => panel);
  recordView.catch(() => {
    recordView = null;
  });
  return recordView;
}

/** The rule levels of the excerpt switch, as the web component's `snippet` sets them. */
const EXCERPT_RULES = { "missing-required-variable": "off" };

async function readInitialState() {
  if (!location.hash || location.hash === "#") return DEFAULT_STATE;
  try {
    const state = await decodeState(location.hash);
    if (state) return state;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "the link could not be read";
    showNotice(`This share link could not be opened (${reason}), so the default example is shown instead.`, "warning");
    history.replaceState(null, "", location.pathname + location.search);
  }
  return DEFAULT_STATE;
}

async function main() {
  $("notice-dismiss").addEventListener("click", () => {
    $("notice").hidden = true;
  });
  initTheme($("theme-toggle"));
  const engine = await loadEngine();
  $("version").textContent = `ecs-rollout ${engine.version}`;
  let schema = null;
  try {
    schema = engine.schema();
  } catch (error) {
    console.warn("schema() failed; completion is limited", error);
  }
  const baseline = engine.analyze("gateway_deployment_configuration = null\n");
  const defaults = baseline.timeline ? baseline.timeline.assumptions : null;

  const examplesMenu = $("examples");
  fillExamplesMenu(examplesMenu);
  const initial = await readInitialState();
  examplesMenu.value = initial.example && examples.some((e) => e.id === initial.example) ? initial.example : "";

  const panel = createAssumptionsPanel($("what-if"), () => schedule(), { failureContainer: $("failure-control") });
  panel.setDefaults(defaults);
  panel.setState(initial);

  const policyPanel = createPolicyPanel($("policy"), {
    examples: policyExamples,
    // An empty file is enough for the package to check every field of the policy.
    validate: (policy) => engine.analyze("", { policy }),
    onChange: () => schedule(),
    onDownloadSchema: () => downloadJson(engine.policySchema(), "ecs-rollout-policy.schema.json"),
  });
  policyPanel.setText(initial.policy ?? "");

  // The excerpt switch: a fragment of a larger file does not set every required variable. It is
  // on for the bundled excerpts only (and for a link that says so), off for any other document.
  const excerpt = $("excerpt");
  excerpt.checked = Boolean(initial.excerpt);
  excerpt.addEventListener("change", () => schedule());

  // The kind of source: detected from the text unless the menu names one.
  const inputMenu = $("input-menu");
  fillInputMenu(inputMenu);
  inputMenu.value = initial.input ?? "";
  inputMenu.addEventListener("change", () => schedule());

  // The service drawn, by name; null draws the first. The picker is shown only for several.
  let chosenService = initial.service ?? null;
  const servicePicker = $("service-picker");
  const serviceMenu = $("service");
  let listedServices = "";
  serviceMenu.addEventListener("change", () => {
    chosenService = serviceMenu.value;
    schedule();
  });

  /** Lists the services to choose from (only when their names changed) and selects `name`. */
  function showServices(names, name) {
    const key = JSON.stringify(names);
    if (key !== listedServices) {
      listedServices = key;
      serviceMenu.replaceChildren(
        ...names.map((serviceName) => {
          const option = document.createElement("option");
          option.value = serviceName;
          option.textContent = serviceName;
          return option;
        }),
      );
    }
    const hidden = names.length < 2;
    if (servicePicker.hidden !== hidden) servicePicker.hidden = hidden;
    if (names.length && serviceMenu.value !== name) serviceMenu.value = name;
  }

  // The deployment of a record drawn, by id; null draws the newest.
  let chosenDeployment = initial.deployment ?? null;
  const deploymentPicker = $("deployment-picker");
  const deploymentMenu = $("deployment");
  let listedDeployments = "";
  deploymentMenu.addEventListener("change", () => {
    chosenDeployment = deploymentMenu.value;
    schedule();
  });
  // Each record analysis gets a number: an answer from `observed` (asynchronous, since its .wasm
  // may still be loading) is drawn only if no newer text was analysed meanwhile.
  let recordGeneration = 0;
  let observedLoaded = false;

  let latest = null;
  let currentExample = initial.example;
  let chart = null;
  const writeHash = createHashWriter();
  const readout = $("chart-readout");

  const diffMode = createDiffMode({
    diff: engine.diff,
    getText: () => editor.getText(),
    onChange: () => schedule(),
    reveal: (range) => editor.reveal(range),
  });
  // "Compare with…" comes last, after the comparison of strategies.
  document.querySelector(".compare-panel").after(diffMode.element);
  diffMode.setBefore(initial.before ?? null);

  const editor = createEditor({
    parent: $("editor"),
    doc: initial.source,
    getSchema: () => schema,
    // Terraform, CloudFormation and the ECS API get the language server's hover and completion,
    // from the package's second .wasm, loaded on the first hover or completion there.
    help: {
      applies: () => Boolean(latest) && !["portkey-tfvars", "ecs-deployment-record"].includes(latest.analysis.input),
      hover: (text, offset) => engine.hover(text, offset, inputMenu.value ? { input: inputMenu.value } : undefined),
      completions: (text, offset) => engine.completions(text, offset, inputMenu.value ? { input: inputMenu.value } : undefined),
    },
    onDropFile: (file) => openFile(file),
    onChange: (text, { newDocument, loaded }) => {
      // The page's own loads (`openDocument`) set the document's settings themselves.
      if (!loaded) {
        currentExample = null;
        examplesMenu.value = "";
        if (newDocument) {
          forgetDrawing();
          setDocumentSettings({});
        }
      }
      schedule();
    },
  });

  // A screen reader says how to leave the editor (Tab indents there) as it takes focus.
  document.querySelector("#editor .cm-content")?.setAttribute("aria-describedby", "editor-help");

  // The editor reports changes from inside its own update, where it cannot take new
  // diagnostics yet; a microtask runs right after, still before the next frame.
  let queued = false;
  function schedule() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      update();
    });
  }

  function currentState() {
    return {
      source: editor.getText(),
      assumptions: panel.getAssumptions(),
      failAtMinute: panel.getFailAtMinute(),
      example: currentExample,
      excerpt: excerpt.checked,
      ...(inputMenu.value ? { input: inputMenu.value } : {}),
      ...(chosenService ? { service: chosenService } : {}),
      ...(chosenDeployment ? { deployment: chosenDeployment } : {}),
      policy: policyPanel.getText(),
      ...(diffMode.getBefore() === null ? {} : { before: diffMode.getBefore() }),
    };
  }

  // What was last drawn, so an analysis that changes nothing redraws nothing (typing inside a
  // comment, or a keystroke that leaves the timeline as it was).
  let drawnTimelineKey = null;
  let drawnWidth = 0;
  let drawnDiagnosticsKey = null;
  let lastTimeline = null;
  const chartHost = $("chart");

  function chartWidth() {
    return Math.max(Math.floor(chartHost.clientWidth), 300);
  }
  // The host's width is read only where layout is already up to date (here at start, then in the
  // resize observer's callback, which runs after layout): reading it while drawing would force
  // the browser to lay the whole page out again on every keystroke (4.5 ms each, measured).
  let hostWidth = chartWidth();

  // The chart's title when it is not the timeline's own (a record's plan says whose it is).
  let chartTitle;
  function drawChart(timeline) {
    const start = performance.now();
    chart = renderTimelineChart(timeline, {
      width: hostWidth,
      title: chartTitle,
      onReadout: (r) => {
        readout.textContent = r ? describeReadout(r) : "";
      },
    });
    chartHost.replaceChildren(chart);
    drawnWidth = hostWidth;
    performance.mark("chart-drawn");
    performance.measure("chart-draw", { start, end: performance.now() });
  }

  // The chart is laid out at its container's width (text keeps its size), so it is redrawn
  // when that width changes.
  new ResizeObserver(() => {
    hostWidth = chartWidth();
    if (lastTimeline && Math.abs(hostWidth - drawnWidth) >= 1) drawChart(lastTimeline);
  }).observe(chartHost);

  /** Forgets what was drawn for the document before: its chart, figures, notes and read-out. */
  function forgetDrawing() {
    drawnTimelineKey = null;
    lastTimeline = null;
    chart = null;
    drawnWidth = 0;
    chartHost.replaceChildren();
    $("summary").replaceChildren();
    $("notes").replaceChildren();
    readout.textContent = "";
  }

  /** The settings that belong to one document: a new document's, or those its link or example gives. */
  function setDocumentSettings({ excerpt: on = false, failAtMinute = null, service = null, deployment = null, example = null }) {
    excerpt.checked = on;
    panel.setFailAtMinute(failAtMinute);
    chosenService = service;
    chosenDeployment = deployment;
    currentExample = example;
    examplesMenu.value = example && examples.some((e) => e.id === example) ? example : "";
  }

  /** Opens another document: `state` holds its text and the settings that come with it. */
  function openDocument(state) {
    forgetDrawing();
    setDocumentSettings(state);
    editor.setText(state.source);
    schedule();
  }

  /** Opens a file from the reader's computer (the button, or a drop on the editor) as another document. */
  async function openFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      showNotice(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB, more than the 8 MB the analyzer reads, so it was not opened.`, "warning");
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (error) {
      showNotice(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`, "error");
      return;
    }
    openDocument({ source: text });
  }
  const fileInput = $("open-file");
  $("open-file-button").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    // Cleared, so that opening the same file again (after edits) is a change too.
    fileInput.value = "";
    if (file) openFile(file);
  });

  /** Marks the chart as out of date, naming the first error that stops a new one. */
  function showStale(diagnostics) {
    const error = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0];
    const where = error?.range ? `line ${error.range.start.line}: ` : "";
    const reason = error ? `${where}${error.message}` : "the deployment settings cannot be read";
    $("rollout-panel").dataset.stale = lastTimeline ? "true" : "none";
    $("stale-reason").textContent = lastTimeline
      ? `Showing the last rollout that could be read. Not updated, because of ${reason}.`
      : `No timeline yet: ${reason}.`;
    $("stale-banner").hidden = false;
  }

  /** Says which kind of text the editor holds. */
  function showInputKind(analysis, state) {
    // Written only when they change: a write on every keystroke would make the editor's next
    // layout read lay the page out again.
    const kindLabel = $("input-kind");
    const kindText = inputLabel(analysis.input, state.input ?? null);
    if (kindLabel.textContent !== kindText) kindLabel.textContent = kindText;
    if (kindLabel.dataset.kind !== analysis.input) kindLabel.dataset.kind = analysis.input;
  }

  /** The problems, in the editor and in the list. */
  function showDiagnostics(diagnostics) {
    editor.showDiagnostics(diagnostics);
    // The list shows lines and columns, not offsets: a keystroke that only moves offsets
    // (typing in a comment) leaves it as it is.
    const diagnosticsKey = JSON.stringify(diagnostics, (key, value) => (key === "offset" ? undefined : value));
    if (diagnosticsKey !== drawnDiagnosticsKey) {
      drawnDiagnosticsKey = diagnosticsKey;
      $("diag-count").textContent = countSummary(diagnostics);
      renderDiagnosticsList($("diagnostics"), diagnostics, (d) => editor.reveal(d.range));
    }
  }

  /** Draws the plan's timeline (or marks the chart stale), its figures and notes. */
  function showTimeline(timeline, key, summary, diagnostics) {
    if (timeline) {
      if (key !== drawnTimelineKey || !chart) {
        drawnTimelineKey = key;
        lastTimeline = timeline;
        drawChart(timeline);
        $("summary").replaceChildren(summary());
        const notes = renderNotes(timeline);
        if (notes) $("notes").replaceChildren(notes);
        else $("notes").replaceChildren();
      }
      delete $("rollout-panel").dataset.stale;
      $("stale-banner").hidden = true;
    } else {
      // The last good chart stays, marked out of date, so nothing below it moves mid-edit.
      showStale(diagnostics);
    }
    for (const id of ["download-svg", "download-png"]) $(id).disabled = !chart;
  }

  /** Leaves the record view, when the text is no longer a deployment record. */
  function leaveRecord() {
    ++recordGeneration;
    if (!$("record").hidden) {
      $("record").hidden = true;
      $("record-view").replaceChildren();
      $("record-status").textContent = "";
    }
    if (!deploymentPicker.hidden) deploymentPicker.hidden = true;
  }

  /**
   * A deployment record: the package's `observed` reads it (its .wasm is fetched on the first
   * record), and its answer is drawn unless a newer text came meanwhile.
   */
  function updateRecord(state) {
    const generation = ++recordGeneration;
    showServices([], null);
    $("record").hidden = false;
    if (!observedLoaded) $("record-status").textContent = "Loading the deployment-record reader…";
    const options = { assumptions: state.assumptions, ...(state.input ? { input: state.input } : {}) };
    Promise.all([engine.observed(state.source, options), loadRecordView()]).then(
      ([result, view]) => {
        observedLoaded = true;
        if (generation === recordGeneration) drawRecord(view, state.source, result, options);
      },
      (error) => {
        if (generation !== recordGeneration) return;
        $("record-status").textContent = `The deployment record could not be read: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
    writeHash(state);
  }

  /** Draws `observed` (the package's answer for the record `source`): the chosen deployment's plan and what happened beside it. */
  function drawRecord(view, source, observed, options) {
    const { pickDeployment, deploymentId, recordBreaker, RECORD_BREAKER_UNKNOWN, renderDeploymentMenu, renderObservedDeployment } = view;
    performance.mark("record-start");
    $("record-status").textContent = "";
    const index = pickDeployment(observed, chosenDeployment);
    const key = JSON.stringify(observed.deployments.map((d) => d.serviceDeploymentArn));
    if (key !== listedDeployments) {
      listedDeployments = key;
      renderDeploymentMenu(deploymentMenu, observed, index);
    } else if (index >= 0) deploymentMenu.selectedIndex = index;
    deploymentPicker.hidden = observed.deployments.length < 2;
    const deployment = observed.deployments[index] ?? null;
    const timeline = deployment?.plan ?? null;
    chartTitle = deployment && timeline ? `Plan of deployment ${deploymentId(deployment)}: ${strategyName(timeline.strategy)} rollout over ${formatMinutes(timeline.totalMinutes)} minutes, from its own deployment configuration` : undefined;
    latest = { analysis: observed, strategy: deployment?.strategy ?? null, timeline, service: null, options, record: true };
    showDiagnostics(observed.diagnostics);
    panel.showUsed(timeline ? timeline.assumptions : null);
    const breaker = deployment ? recordBreaker(source, deployment.serviceDeploymentArn) : null;
    showTimeline(
      timeline,
      JSON.stringify({ timeline, breaker, deployment: deployment?.serviceDeploymentArn }),
      () => renderSummary(timeline, breaker, { breakerUnknown: RECORD_BREAKER_UNKNOWN }),
      observed.diagnostics,
    );
    $("record-view").replaceChildren(
      renderObservedDeployment(observed, index, {
        onApply: (assumptions) => {
          panel.setState({ assumptions: { ...panel.getAssumptions(), ...assumptions }, failAtMinute: panel.getFailAtMinute() });
          schedule();
        },
        copy: async (text) => {
          try {
            await navigator.clipboard.writeText(text);
            return true;
          } catch {
            return false;
          }
        },
      }),
    );
    renderOpenDetails();
    performance.mark("record-drawn");
  }

  function update() {
    performance.mark("update-start");
    const state = currentState();
    // An invalid policy is left out whole (the panel says why), never applied in part.
    const { policy } = policyPanel.current();
    const options = { assumptions: state.assumptions };
    if (policy) options.policy = policy;
    if (state.excerpt) options.rules = EXCERPT_RULES;
    if (state.input) options.input = state.input;
    let analysis;
    let withoutFailure = null;
    try {
      if (state.failAtMinute !== null) {
        withoutFailure = engine.analyze(state.source, options);
        analysis = engine.analyze(state.source, { ...options, failAtMinute: state.failAtMinute });
      } else {
        analysis = engine.analyze(state.source, options);
      }
    } catch (error) {
      showNotice(`The analyzer failed: ${error instanceof Error ? error.message : String(error)}`, "error");
      return;
    }
    performance.mark("analyze-done");
    performance.measure("analyze-call", "update-start", "analyze-done");
    showInputKind(analysis, state);
    if (analysis.input === RECORD_KIND) {
      updateRecord(state);
      return;
    }
    leaveRecord();
    // The service shown: the chosen one when the text declares several, else the only one.
    const picked = pickService(analysis, chosenService);
    showServices(serviceChoices(analysis), picked.name);
    chartTitle = undefined;
    latest = {
      analysis,
      strategy: picked.strategy,
      timeline: picked.timeline,
      service: picked.name,
      options: state.failAtMinute !== null ? { ...options, failAtMinute: state.failAtMinute } : options,
    };

    showDiagnostics(analysis.diagnostics);
    // The policy's status depends on the policy text too, not only on the diagnostics.
    policyPanel.showStatus(
      analysis.diagnostics.filter((d) => d.code === "policy-violation").length,
      analysis.policy ?? null,
    );
    diffMode.update(state.source, options);

    const timeline = picked.timeline;
    panel.showUsed(timeline ? timeline.assumptions : null);
    const breaker = timeline ? breakerSetting(analysis, picked, options.rules) : null;
    if (timeline) {
      const unfailed = withoutFailure ? pickService(withoutFailure, picked.name).timeline : null;
      // A failure after the rollout's end is brought back to its end, and the rollout analysed
      // again with it, so the chart, the slider and the link say the same minute.
      if (panel.setMaxMinute((unfailed ?? timeline).totalMinutes) && state.failAtMinute !== null) schedule();
    }
    showTimeline(timeline, JSON.stringify({ timeline, breaker }), () => renderSummary(timeline, breaker), analysis.diagnostics);
    renderOpenDetails();
    writeHash(state);
    performance.mark("render-done");
    requestAnimationFrame(() => performance.mark("render-frame"));
  }

  // The table and the compare view are drawn only while open, to keep keystrokes fast.
  const tableDetails = $("table-details");
  const compareDetails = $("compare-details");
  function renderOpenDetails() {
    if (!latest) return;
    const timeline = latest.timeline;
    if (tableDetails.open) {
      $("timeline-table").replaceChildren(timeline ? renderTimelineTables(timeline) : document.createTextNode("No timeline to show."));
    }
    if (compareDetails.open && latest.record) {
      $("compare").textContent = "The strategies are compared for a configuration. For a deployment record, its plan and what happened are drawn under Rollout.";
    } else if (compareDetails.open) {
      try {
        const comparison = engine.compare(editor.getText(), { assumptions: latest.options.assumptions, ...(latest.options.input ? { input: latest.options.input } : {}) });
        $("compare").replaceChildren(renderComparison(comparison, latest.strategy));
      } catch (error) {
        $("compare").textContent = `Compare failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  tableDetails.addEventListener("toggle", renderOpenDetails);
  compareDetails.addEventListener("toggle", renderOpenDetails);

  examplesMenu.addEventListener("change", () => {
    const example = examples.find((e) => e.id === examplesMenu.value);
    if (!example) return;
    openDocument({ source: example.source, excerpt: example.excerpt, example: example.id });
  });

  // A share link pasted into the address bar while the page is open opens its document, with
  // everything the link holds. The page's own writes (replaceState) fire no hashchange.
  window.addEventListener("hashchange", async () => {
    let state;
    try {
      state = await decodeState(location.hash);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "the link could not be read";
      showNotice(`This share link could not be opened (${reason}), so the page still shows what it showed before.`, "warning");
      return;
    }
    if (!state) return;
    panel.setState(state);
    policyPanel.setText(state.policy ?? "");
    inputMenu.value = state.input ?? "";
    diffMode.setBefore(state.before ?? null);
    openDocument(state);
  });

  // Marks for the benchmark: a keystroke in the editor until the chart and list are redrawn.
  $("editor").addEventListener("keydown", () => performance.mark("keystroke"), true);

  $("copy-link").addEventListener("click", async () => {
    const hash = await encodeState(currentState());
    history.replaceState(null, "", `#${hash}`);
    const link = location.href;
    $("share-url").value = link;
    try {
      await navigator.clipboard.writeText(link);
      $("share-status").textContent = "Link copied to the clipboard.";
    } catch {
      $("share-url").select();
      $("share-status").textContent = "Copy the selected link (the clipboard is not available here).";
    }
  });
  $("download-svg").addEventListener("click", () => chart && downloadChartSvg(chart));
  $("download-png").addEventListener("click", () => chart && downloadChartPng(chart));
  $("download-json").addEventListener("click", () => latest && downloadJson({ version: engine.version, options: latest.options, analysis: latest.analysis }));

  update();
  performance.mark("first-chart");
  document.documentElement.dataset.ready = "true";
}

main().catch((error) => {
  console.error(error);
  showNotice(`The playground could not start: ${error instanceof Error ? error.message : String(error)}`, "error");
});
