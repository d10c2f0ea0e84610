// The diagnostics list: one button per diagnostic (severity, code, message, place) that moves
// the editor's cursor to it. Built with DOM calls only: messages quote the user's text.

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

/** A one-line summary of counts, e.g. "2 errors, 1 warning". */
export function countSummary(diagnostics) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] = (counts[d.severity] ?? 0) + 1;
  const parts = [];
  if (counts.error) parts.push(`${counts.error} error${counts.error === 1 ? "" : "s"}`);
  if (counts.warning) parts.push(`${counts.warning} warning${counts.warning === 1 ? "" : "s"}`);
  if (counts.info) parts.push(`${counts.info} note${counts.info === 1 ? "" : "s"}`);
  return parts.length ? parts.join(", ") : "No problems found";
}

/**
 * Renders the list into `container`, replacing what was there.
 * @param {HTMLElement} container
 * @param {object[]} diagnostics contract `Diagnostic`s, in the package's order
 * @param {(diagnostic: object) => void} onSelect
 */
export function renderDiagnosticsList(container, diagnostics, onSelect) {
  const list = document.createElement("ol");
  list.className = "diag-list";
  for (const d of diagnostics) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = `diag diag--${d.severity}`;
    button.dataset.code = d.code;
    const severity = document.createElement("span");
    severity.className = "diag-severity";
    severity.textContent = d.severity;
    const code = document.createElement("code");
    code.className = "diag-code";
    code.textContent = d.code;
    const place = document.createElement("span");
    place.className = "diag-place";
    place.textContent = d.range ? `line ${d.range.start.line}, col ${d.range.start.column}` : "whole file";
    const message = document.createElement("span");
    message.className = "diag-message";
    message.textContent = d.message;
    const head = document.createElement("span");
    head.className = "diag-head";
    head.append(severity, code, place);
    button.append(head, message);
    if (d.help) {
      const help = document.createElement("span");
      help.className = "diag-help";
      help.textContent = d.help;
      button.append(help);
    }
    button.addEventListener("click", () => onSelect(d));
    item.append(button);
    list.append(item);
  }
  container.replaceChildren(list);
  return list;
}

export { SEVERITY_ORDER };
