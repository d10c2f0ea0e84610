// The read-only view of the config: line numbers, light syntax colouring for HCL and JSON,
// and each diagnostic's range underlined in its severity's colour. Built with DOM calls and
// text nodes only: the config is user text and is never parsed as HTML.

const TOKENS =
  /(#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?)|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|\b(true|false|null)\b|([A-Za-z_][\w-]*)(?=[ \t]*=(?!=))|([{}[\](),=:])/g;
const KINDS = [null, "comment", "string", "number", "keyword", "name", "punct"];
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
const RANK_NAME = [null, "info", "warning", "error"];

/** Syntax classes for every UTF-16 index of `source` (null where the text is plain). */
export function tokenKinds(source) {
  const kinds = new Array(source.length).fill(null);
  TOKENS.lastIndex = 0;
  for (let match; (match = TOKENS.exec(source)); ) {
    const group = match.findIndex((part, i) => i > 0 && part !== undefined);
    const kind = KINDS[group];
    for (let i = match.index; i < match.index + match[0].length; i++) kinds[i] = kind;
    if (match[0].length === 0) TOKENS.lastIndex++;
  }
  return kinds;
}

/** The worst severity covering each UTF-16 index; an empty range marks the character at it. */
export function severityRanks(source, diagnostics) {
  const ranks = new Uint8Array(source.length + 1);
  for (const d of diagnostics) {
    if (!d.range) continue;
    const rank = SEVERITY_RANK[d.severity] ?? 1;
    const start = Math.min(d.range.start.offset, source.length);
    let end = Math.min(d.range.end.offset, source.length);
    if (end <= start) end = Math.min(start + 1, source.length + 1);
    for (let i = start; i < end; i++) ranks[i] = Math.max(ranks[i], rank);
  }
  return ranks;
}

/**
 * Renders `source` as numbered lines.
 * @param {string} source
 * @param {object[]} diagnostics contract `Diagnostic`s with UTF-16 ranges into `source`
 * @returns {HTMLElement}
 */
export function renderCodeView(source, diagnostics) {
  const kinds = tokenKinds(source);
  const ranks = severityRanks(source, diagnostics);
  const lineRanks = new Map();
  for (const d of diagnostics) {
    if (!d.range) continue;
    const rank = SEVERITY_RANK[d.severity] ?? 1;
    for (let line = d.range.start.line; line <= d.range.end.line; line++) lineRanks.set(line, Math.max(lineRanks.get(line) ?? 0, rank));
  }
  const code = document.createElement("code");
  code.className = "code";
  let lineNumber = 0;
  let start = 0;
  const text = source.endsWith("\n") ? source : `${source}\n`;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber += 1;
    const line = document.createElement("span");
    line.className = "line";
    line.dataset.line = String(lineNumber);
    const worst = lineRanks.get(lineNumber);
    if (worst) line.classList.add(`line--${RANK_NAME[worst]}`);
    const number = document.createElement("span");
    number.className = "ln";
    number.setAttribute("aria-hidden", "true");
    number.textContent = String(lineNumber);
    const content = document.createElement("span");
    content.className = "lc";
    let runStart = start;
    const lineEnd = end > start && text[end - 1] === "\r" ? end - 1 : end;
    for (let i = start; i <= lineEnd; i++) {
      const same = i < lineEnd && kinds[i] === kinds[runStart] && ranks[i] === ranks[runStart];
      if (same) continue;
      if (i > runStart) {
        const run = document.createElement("span");
        const classes = [];
        if (kinds[runStart]) classes.push(`tok-${kinds[runStart]}`);
        if (ranks[runStart]) classes.push(`sq sq--${RANK_NAME[ranks[runStart]]}`);
        if (classes.length) run.className = classes.join(" ");
        run.textContent = text.slice(runStart, i);
        content.append(classes.length ? run : document.createTextNode(run.textContent));
      }
      runStart = i;
    }
    // A problem at the very end of a line (a missing value, say) still gets a visible mark.
    if (ranks[lineEnd] && lineEnd < source.length + 1 && text[lineEnd] === "\n") {
      const mark = document.createElement("span");
      mark.className = `sq sq--${RANK_NAME[ranks[lineEnd]]} sq--end`;
      mark.textContent = " ";
      content.append(mark);
    }
    if (!content.childNodes.length) content.append(document.createTextNode(" "));
    line.append(number, content);
    code.append(line);
    start = end + 1;
  }
  const pre = document.createElement("pre");
  pre.className = "code-view";
  pre.append(code);
  return pre;
}
