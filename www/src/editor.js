// The config editor: CodeMirror 6 with HCL highlighting, line numbers, the analyzer's
// diagnostics as lint underlines, gutter markers and quick-fix actions, completion of variable,
// attribute and lifecycle stage names with their docs, and hover docs. The page pushes each
// new analysis in with `showDiagnostics`; the editor itself knows nothing of the analyzer.

import { EditorView, keymap, hoverTooltip, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState, EditorSelection, Annotation } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { lintGutter, setDiagnostics, lintKeymap } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { tags } from "@lezer/highlight";

import { childrenAt, docAt, itemValuesAt } from "./schema-docs.js";
import { hclLanguage } from "./hcl-language.js";

/**
 * Where a position sits in HCL text: the chain of object keys around it, whether it is inside
 * a string, and the key of the list it is in, if any. A small scanner is enough for tfvars.
 */
export function hclContext(text, pos) {
  const stack = [];
  let lastKey = null;
  let i = 0;
  let inString = false;
  while (i < pos) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"' || ch === "\n") inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      i++;
      continue;
    }
    if (ch === "#" || (ch === "/" && text[i + 1] === "/")) {
      while (i < pos && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? pos : end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < text.length && /[\w-]/.test(text[j])) j++;
      const word = text.slice(i, j);
      let k = j;
      while (k < text.length && (text[k] === " " || text[k] === "\t")) k++;
      if ((text[k] === "=" && text[k + 1] !== "=") || text[k] === ":") lastKey = word;
      i = j;
      continue;
    }
    if (ch === "{") stack.push({ kind: "object", key: lastKey });
    else if (ch === "[") stack.push({ kind: "list", key: lastKey });
    else if (ch === "}" || ch === "]") stack.pop();
    if (ch === "{" || ch === "[" || ch === "\n" || ch === ",") lastKey = ch === "\n" || ch === "," ? lastKey : null;
    i++;
  }
  const path = [];
  for (const frame of stack) {
    if (frame.kind === "object" && frame.key) path.push(frame.key);
  }
  const top = stack[stack.length - 1];
  return { path, depth: stack.length, inString, listKey: top && top.kind === "list" ? top.key : null, inObject: top?.kind === "object" };
}

/**
 * Markdown from the language server as DOM, text only: paragraphs, with `code` spans in <code>
 * and the emphasis marks dropped. Nothing in it becomes markup, whatever the source holds.
 */
export function markdownAsText(markdown) {
  const dom = document.createElement("div");
  for (const paragraph of String(markdown).split(/\n\s*\n/)) {
    if (/^\s*-{3,}\s*$/.test(paragraph)) continue;
    const block = document.createElement("p");
    paragraph.split(/(`[^`\n]*`)/).forEach((part) => {
      if (part.length > 1 && part.startsWith("`") && part.endsWith("`")) {
        const code = document.createElement("code");
        code.textContent = part.slice(1, -1);
        block.append(code);
      } else if (part) {
        block.append(document.createTextNode(part.replace(/\*\*|__/g, "")));
      }
    });
    dom.append(block);
  }
  return dom;
}

/**
 * Completions from the language server's own docs (`help`, the package's `completions()`), for
 * the sources other than the module's tfvars; `null` when they do not apply.
 */
async function helpCompletions(help, context) {
  const word = context.matchBefore(/[\w-]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const items = await help.completions(context.state.doc.toString(), context.pos);
  if (!items.length) return null;
  return {
    from: Math.min(...items.map((item) => item.from)),
    options: items.map((item) => ({
      label: item.label,
      type: "property",
      detail: item.detail,
      info: item.documentation ? () => markdownAsText(item.documentation) : undefined,
      apply: item.insert,
    })),
    validFor: /^[\w-]*$/,
  };
}

function completionSource(getSchema, help) {
  return (context) => {
    if (help?.applies()) return helpCompletions(help, context);
    const text = context.state.doc.toString();
    const where = hclContext(text, context.pos);
    const word = context.matchBefore(/[\w-]*/);
    if (where.inString) {
      if (where.listKey !== "lifecycle_hook_stages") return null;
      const stageWord = context.matchBefore(/[A-Z_]*/);
      // Stage names and their docs from the package's schema, as the language server gives them.
      const schema = getSchema();
      const stages = schema ? itemValuesAt(schema, [...where.path, "lifecycle_hook_stages"]) : [];
      if (!stages.length) return null;
      return {
        from: stageWord ? stageWord.from : context.pos,
        options: stages.map(({ name, doc }) => ({ label: name, type: "enum", detail: "lifecycle stage", info: doc || undefined })),
        validFor: /^[A-Z_]*$/,
      };
    }
    if (!word || (word.from === word.to && !context.explicit)) return null;
    if (where.depth === 0 || where.inObject) {
      // Only at the start of a line's key: nothing but blanks before the word.
      const line = context.state.doc.lineAt(context.pos);
      if (text.slice(line.from, word.from).trim() !== "" && !/[{,]\s*$/.test(text.slice(line.from, word.from))) return null;
      const schema = getSchema();
      if (!schema) return null;
      const children = childrenAt(schema, where.path);
      if (!children.length) return null;
      return {
        from: word.from,
        options: children.map(({ name, doc, note }) => ({
          label: name,
          type: where.path.length ? "property" : "variable",
          detail: where.path.length ? `${where.path.join(".")} attribute` : "variable",
          info: [doc, note].filter(Boolean).join("\n") || undefined,
          apply: `${name} = `,
        })),
        validFor: /^[\w-]*$/,
      };
    }
    return null;
  };
}

/** A hover from the language server's own docs (`help`, the package's `hover()`). */
async function helpHover(help, view, pos) {
  const found = await help.hover(view.state.doc.toString(), pos);
  if (!found) return null;
  return {
    pos: found.from,
    end: found.to,
    above: true,
    create() {
      const dom = markdownAsText(found.markdown);
      dom.className = "cm-doc-tooltip";
      return { dom };
    },
  };
}

function hoverDocs(getSchema, help) {
  return hoverTooltip((view, pos) => {
    if (help?.applies()) return helpHover(help, view, pos);
    const line = view.state.doc.lineAt(pos);
    const rel = pos - line.from;
    let start = rel;
    let end = rel;
    while (start > 0 && /[\w-]/.test(line.text[start - 1])) start--;
    while (end < line.text.length && /[\w-]/.test(line.text[end])) end++;
    if (start === end) return null;
    const word = line.text.slice(start, end);
    const text = view.state.doc.toString();
    const where = hclContext(text, line.from + start);
    let heading;
    let doc;
    const stage =
      where.inString && where.listKey === "lifecycle_hook_stages" && getSchema()
        ? itemValuesAt(getSchema(), [...where.path, "lifecycle_hook_stages"]).find(({ name }) => name === word)
        : undefined;
    if (stage?.doc) {
      heading = `${word} (lifecycle stage)`;
      doc = stage.doc;
    } else if (!where.inString && /^\s*=/.test(line.text.slice(end))) {
      const schema = getSchema();
      if (!schema) return null;
      const path = [...where.path, word];
      const known = childrenAt(schema, where.path).some((c) => c.name === word);
      if (!known) return null;
      heading = path.join(".");
      doc = docAt(schema, path) || "No description in the module.";
    } else {
      return null;
    }
    return {
      pos: line.from + start,
      end: line.from + end,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-doc-tooltip";
        const title = document.createElement("strong");
        title.textContent = heading;
        const body = document.createElement("div");
        body.textContent = doc;
        dom.append(title, body);
        return { dom };
      },
    };
  });
}

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.bool, tags.null], class: "tok-keyword" },
  { tag: [tags.string, tags.special(tags.string)], class: "tok-string" },
  { tag: tags.number, class: "tok-number" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], class: "tok-comment" },
  { tag: [tags.propertyName, tags.definition(tags.variableName), tags.variableName, tags.attributeName], class: "tok-name" },
  { tag: [tags.operator, tags.punctuation, tags.bracket, tags.brace, tags.squareBracket], class: "tok-punct" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13.5px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
});

/** Converts the package's diagnostics to CodeMirror's, clamped to the current document. */
export function toEditorDiagnostics(diagnostics, docLength) {
  const out = [];
  for (const d of diagnostics) {
    if (!d.range) continue;
    const from = Math.min(Math.max(d.range.start.offset, 0), docLength);
    const to = Math.min(Math.max(d.range.end.offset, from), docLength);
    out.push({
      from,
      to,
      severity: d.severity === "info" ? "info" : d.severity,
      source: d.code,
      message: d.message,
      renderMessage() {
        const dom = document.createElement("div");
        dom.className = "cm-diag-message";
        const message = document.createElement("div");
        message.textContent = d.message;
        dom.append(message);
        if (d.help) {
          const help = document.createElement("div");
          help.className = "cm-diag-help";
          help.textContent = `help: ${d.help}`;
          dom.append(help);
        }
        // The code itself is shown by CodeMirror from `source`.
        return dom;
      },
      actions: d.fixes.map((fix) => ({
        name: fix.title,
        apply(view) {
          applyFix(view, fix);
        },
      })),
    });
  }
  return out;
}

/** Applies one fix's edits (UTF-16 offsets map straight to CodeMirror positions). */
export function applyFix(view, fix) {
  const length = view.state.doc.length;
  const changes = fix.edits
    .map((edit) => ({
      from: Math.min(edit.range.start.offset, length),
      to: Math.min(Math.max(edit.range.end.offset, edit.range.start.offset), length),
      insert: edit.newText,
    }))
    .sort((a, b) => a.from - b.from);
  view.dispatch({ changes, userEvent: "input.fix" });
  view.focus();
}

/**
 * Whether one change replaces most of the text, so that what the editor holds afterwards is
 * another document rather than an edit of the same one (a paste over a selection of the whole
 * file, a drop, a cut of nearly everything). `changes` is a CodeMirror `ChangeSet`; the text
 * is another document when less than half of the old text survives the change, or when text
 * arrives in an empty editor.
 */
export function replacesDocument(changes) {
  if (changes.empty) return false;
  let kept = 0;
  changes.iterGaps((fromA, fromB, length) => {
    kept += length;
  });
  if (changes.length === 0) return changes.newLength > 0;
  return kept < changes.length / 2;
}

/** Marks the editor's own replacements of the text (loading an example or a link). */
const loading = Annotation.define();

/**
 * Creates the editor.
 * `onChange` learns, with each change the reader makes, whether it replaced the document
 * (`replacesDocument`); the page's own `setText` calls it with `loaded` instead.
 * A file dropped on the editor goes to `onDropFile` (the page opens it as another document)
 * instead of being inserted where it lands.
 * @param {{ parent: HTMLElement, doc: string,
 *   onChange: (text: string, how: { newDocument: boolean, loaded: boolean }) => void,
 *   onDropFile?: (file: File) => void,
 *   getSchema: () => object | null, label?: string,
 *   help?: { applies: () => boolean,
 *     hover: (text: string, offset: number) => Promise<object | null>,
 *     completions: (text: string, offset: number) => Promise<object[]> } }} options
 * Hover and completion read the module's variables from `getSchema()`; in another source
 * (when `help.applies()`), they ask `help`: the language server's own answers, from the
 * package's `hover()` and `completions()`.
 */
export function createEditor({ parent, doc, onChange, onDropFile, getSchema, help, label = "tfvars config" }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        // No closing bracket is inserted ahead of the reader: retyping a block by hand would
        // leave a stray brace behind once the typed line moves past the inserted one.
        highlightActiveLine(),
        highlightSelectionMatches(),
        hclLanguage,
        syntaxHighlighting(highlight),
        lintGutter(),
        autocompletion({ override: [completionSource(getSchema, help)], icons: false }),
        hoverDocs(getSchema, help),
        keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        // Tab indents inside the editor; Escape then Tab leaves it (CodeMirror's documented escape hatch).
        keymap.of([indentWithTab]),
        // An explicit tabindex on the (already focusable) content lets accessibility checkers
        // see that the scrolling editor can be reached from the keyboard.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        theme,
        EditorView.domEventHandlers({
          drop(event) {
            const file = event.dataTransfer?.files?.[0];
            if (!file || !onDropFile) return false;
            event.preventDefault();
            onDropFile(file);
            return true;
          },
        }),
        // Long lines wrap, so the editor never scrolls sideways and the start of every line
        // (a comment's `#`) stays next to the line numbers.
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const loaded = update.transactions.some((tr) => tr.annotation(loading));
          const newDocument = loaded || replacesDocument(update.changes);
          // Another document pasted or dropped in opens at its first line, as a file does; one
          // begun by typing (or by deleting everything) keeps the cursor where it is.
          const typed = update.transactions.some((tr) => tr.isUserEvent("input.type") || tr.isUserEvent("delete"));
          if (newDocument && !loaded && !typed) queueMicrotask(() => showStart());
          onChange(update.state.doc.toString(), { newDocument, loaded });
        }),
      ],
    }),
  });

  /** Puts the cursor at the start and scrolls there, down and across. */
  function showStart() {
    view.dispatch({ selection: EditorSelection.cursor(0), effects: EditorView.scrollIntoView(0, { y: "start", x: "start" }) });
    view.scrollDOM.scrollLeft = 0;
  }

  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replaces the whole text (loading an example or a link), shown from its start. */
    setText(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(0),
        effects: EditorView.scrollIntoView(0, { y: "start", x: "start" }),
        annotations: loading.of(true),
      });
      view.scrollDOM.scrollLeft = 0;
    },
    /** Shows a new analysis's diagnostics. */
    showDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(diagnostics, view.state.doc.length)));
    },
    /** Moves the cursor to a diagnostic's range, selects it and scrolls it into view. */
    reveal(range) {
      const length = view.state.doc.length;
      const from = Math.min(range ? range.start.offset : 0, length);
      const to = Math.min(range ? Math.max(range.end.offset, from) : from, length);
      view.dispatch({ selection: EditorSelection.range(from, to), effects: EditorView.scrollIntoView(from, { y: "center" }) });
      view.focus();
    },
  };
}
