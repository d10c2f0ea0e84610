// One deployment of a deployment record drawn beside its plan, for the playground's "What
// happened" panel and the web component: what it took against its plan, both traffic curves on
// diff-mode.js's chart (the plan dashed, what happened solid, the rollback or stop marked), the
// difference phase by phase, the service's events, and the calibrated assumptions as the
// `assumptions` object a reader copies (or applies to the What-if inputs). Every string from the
// record (reasons, messages, names) is hostile: it is set as text only, never as markup.

import { renderDiffChart } from "./diff-mode.js";
import { formatMinutes } from "./chart-geometry.js";
import { assumptionsText, deploymentCurves, deploymentId, deploymentLabel, durationSentence, phaseRows } from "./observed-view.js";

export { pickDeployment, deploymentId, recordBreaker, RECORD_BREAKER_UNKNOWN } from "./observed-view.js";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(caption, headers, rows, className) {
  const t = element("table", className);
  t.append(element("caption", null, caption));
  const head = element("tr");
  for (const h of headers) {
    const th = element("th", null, h);
    th.scope = "col";
    head.append(th);
  }
  t.createTHead().append(head);
  const body = t.createTBody();
  for (const row of rows) {
    const tr = element("tr");
    for (const cell of row) tr.append(element("td", null, cell));
    body.append(tr);
  }
  return t;
}

/** A menu of the record's deployments (value: the id, the ARN's last part), newest selected by default. */
export function renderDeploymentMenu(select, observed, index) {
  const options = observed.deployments.map((d, i) => {
    const option = element("option", null, `${i + 1}. ${deploymentLabel(d)}`);
    option.value = deploymentId(d);
    return option;
  });
  select.replaceChildren(...options);
  if (index >= 0) select.selectedIndex = index;
}

/**
 * The drawing of deployment `index` of `observed` (the package's `Observed`), as one element.
 * `onApply(assumptions)`, when given, adds a button that applies the calibrated assumptions;
 * `copy(text)` copies text (the page's clipboard; left out, the button is not offered).
 */
export function renderObservedDeployment(observed, index, { onApply, copy } = {}) {
  const root = element("div", "observed");
  const deployment = observed.deployments[index];
  if (!deployment) {
    root.append(element("p", "observed-empty", "The record holds no service deployment to draw."));
    return root;
  }
  root.dataset.deployment = deploymentId(deployment);
  root.dataset.status = deployment.status;
  root.append(element("p", "observed-duration", durationSentence(deployment)));
  const reason = deployment.rollback?.reason ?? deployment.statusReason;
  if (reason) {
    const line = element("p", "observed-reason");
    line.append(element("b", null, deployment.rollback ? "Rolled back: " : "Reason: "), document.createTextNode(reason));
    root.append(line);
  }

  const curves = deploymentCurves(deployment);
  if (curves) {
    const markers = curves.cut === null ? [] : [{ minute: curves.cut, label: curves.cutBy === "rollback" ? `rollback at ${formatMinutes(curves.cut)}` : `stopped at ${formatMinutes(curves.cut)}` }];
    const title = `Production traffic on the new version of deployment ${deploymentId(deployment)}: planned over ${formatMinutes(curves.plan.totalMinutes)} minutes, ${typeof deployment.observedMinutes === "number" ? `took ${formatMinutes(deployment.observedMinutes)}` : "no recorded end"}.`;
    const chart = renderDiffChart({ before: curves.plan, after: curves.observed }, { title, markers });
    chart.classList.add("observed-chart");
    root.append(chart);
    const legend = element("p", "diff-legend");
    legend.append(element("span", "diff-key diff-key--before", "plan"), " ", element("span", "diff-key diff-key--after", "what happened"));
    root.append(legend);
    root.append(element("p", "hint", "What happened: the plan's traffic steps moved to the times the record shows (targets registered, targets deregistered, the end); a stretch the record shows no end of keeps its planned length."));
  } else {
    root.append(element("p", "observed-empty", "No plan: the deployment's own settings cannot be used (the problems list says why)."));
  }

  const rows = phaseRows(deployment);
  if (rows.length) {
    root.append(table("Plan and record, phase by phase (minutes)", ["Phases", "Planned", "Observed", "Difference"], rows.map((r) => [r.phases, r.planned, r.observed, r.difference]), "observed-phases"));
  }

  if (deployment.events.length) {
    const details = element("details", "observed-events");
    details.append(element("summary", null, `Service events in its window (${deployment.events.length})`));
    details.append(table("Events, minutes from the deployment's start", ["Minute", "Kind", "Message"], deployment.events.map((e) => [formatMinutes(e.minute), e.kind, e.message]), "observed-event-table"));
    root.append(details);
  }

  const calibrated = assumptionsText(observed.calibratedAssumptions);
  const box = element("div", "observed-calibration");
  box.append(element("h3", null, "Calibrated assumptions"));
  if (calibrated) {
    const spread = observed.calibration
      .map((s) => `${s.assumption}: median ${formatMinutes(s.median)} of ${s.samples} (${formatMinutes(s.min)}–${formatMinutes(s.max)})`)
      .join("; ");
    box.append(element("p", "hint", `What would make the plan match the record's finished deployments. ${spread}.`));
    const pre = element("pre", "observed-assumptions", calibrated);
    pre.tabIndex = 0;
    box.append(pre);
    const actions = element("div", "observed-actions");
    if (copy) {
      const button = element("button", "secondary observed-copy", "Copy");
      button.type = "button";
      const status = element("span", "status");
      status.setAttribute("role", "status");
      button.addEventListener("click", async () => {
        status.textContent = (await copy(calibrated)) ? "Copied." : "Select the text to copy it (the clipboard is not available here).";
      });
      actions.append(button, status);
    }
    if (onApply) {
      const button = element("button", "observed-apply", "Apply to What if");
      button.type = "button";
      button.addEventListener("click", () => onApply({ ...observed.calibratedAssumptions }));
      actions.prepend(button);
    }
    if (actions.childElementCount) box.append(actions);
  } else {
    box.append(element("p", "hint", "None: no deployment of the record finished with the events that calibrate them."));
  }
  root.append(box);
  return root;
}
