// `hover()` and `completions()` answer as the language server does (contract section 9), for
// editors that do not speak its protocol (the playground): on every fixture of every source, at
// the start of every name, both exports must give exactly what `textDocument/hover` and
// `textDocument/completion` give at that position. Misused, they throw a `TypeError`. The
// browser entry's (asynchronous, from its second .wasm) answer as Node's do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, hover, completions } from "ecs-rollout";
import * as web from "ecs-rollout/web";
import { PKG, REPO } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const { LspSession } = require("../dist/node/ecs_rollout.js");

const FIXTURES = join(REPO, "tests", "fixtures");
const cases = ["cloudformation", "terraform", "ecs-api", "strategies-doc"].flatMap((folder) =>
  readdirSync(join(FIXTURES, folder))
    .filter((name) => /\.(ya?ml|json|tf|tfvars)$/.test(name))
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, source: readFileSync(join(FIXTURES, folder, name), "utf8") })),
);

/** The protocol position (0-based line, UTF-16 character) of a UTF-16 offset. */
function position(source, offset) {
  const before = source.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return { line, character: offset - lineStart };
}

/** The UTF-16 offset of a protocol position. */
function offsetOf(source, { line, character }) {
  const lines = source.split(/(?<=\r\n|\r(?!\n)|\n)/);
  return lines.slice(0, line).reduce((sum, text) => sum + text.length, 0) + character;
}

/** A language server session with `source` open, asked one request at a time. */
function openSession(name, source) {
  const session = new LspSession();
  let id = 0;
  const send = (message) => session.receive(JSON.stringify({ jsonrpc: "2.0", ...message })).map((body) => JSON.parse(body));
  send({ id: ++id, method: "initialize", params: { capabilities: {} } });
  send({ method: "initialized", params: {} });
  const uri = `file:///work/${name.replace(/[^A-Za-z0-9._/-]/g, "_")}`;
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "plaintext", version: 1, text: source } } });
  return (method, offset) => {
    const request = ++id;
    const replies = send({ id: request, method, params: { textDocument: { uri }, position: position(source, offset) } });
    return replies.find((reply) => reply.id === request)?.result ?? null;
  };
}

/** The offset where every name of the source starts. */
const nameStarts = (source) => [...source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((match) => match.index);

for (const { name, source } of cases) {
  test(`${name}: hover() and completions() answer as the language server`, () => {
    const ask = openSession(name, source);
    let hovers = 0;
    for (const offset of nameStarts(source)) {
      const served = ask("textDocument/hover", offset);
      const expected = served && {
        markdown: served.contents.value,
        from: offsetOf(source, served.range.start),
        to: offsetOf(source, served.range.end),
      };
      assert.deepEqual(hover(source, offset), expected, `hover at offset ${offset}`);
      if (expected) hovers += 1;

      const listed = ask("textDocument/completion", offset) ?? [];
      const expectedItems = listed.map((item) => ({
        label: item.label,
        detail: item.detail ?? "",
        documentation: item.documentation?.value ?? "",
        insert: item.textEdit.newText,
        from: offsetOf(source, item.textEdit.range.start),
        to: offsetOf(source, item.textEdit.range.end),
      }));
      assert.deepEqual(completions(source, offset), expectedItems, `completions at offset ${offset}`);
    }
    // Every fixture with a service names settings the schema documents, so a silent export
    // cannot pass.
    if (analyze(source).services.length > 0) assert.ok(hovers > 0, "no name of the fixture has a hover");
  });
}

test("a hover documents the property under the cursor in its own syntax", () => {
  const source = "Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      DeploymentConfiguration:\n        Strategy: CANARY\n";
  const at = source.indexOf("Strategy");
  const help = hover(source, at + 2);
  assert.equal(source.slice(help.from, help.to), "Strategy");
  assert.match(help.markdown, /Strategy/);
  const names = completions(source.replace("Strategy: CANARY", "Str"), source.indexOf("Strategy") + 3).map((item) => item.label);
  assert.ok(names.includes("Strategy"), `completions inside DeploymentConfiguration: ${names.join(", ")}`);
});

test("misuse is a TypeError naming the argument", () => {
  for (const [call, pattern] of [
    [() => hover(1, 0), /source must be a string/],
    [() => hover("x", -1), /offset must be a whole number/],
    [() => hover("x", 1.5), /offset must be a whole number/],
    [() => completions("x", "0"), /offset must be a whole number/],
    [() => completions("x", 0, 5), /options must be an object/],
  ]) {
    assert.throws(call, (error) => error instanceof TypeError && pattern.test(error.message));
  }
  assert.equal(hover("", 0), null);
});

test("the browser entry's hover() and completions() are Node's, from its second .wasm", async () => {
  // Node's fetch cannot read the file: URL the glue resolves by default, so the bytes are given.
  await web.initObserved(readFileSync(join(PKG, "dist", "web", "ecs_rollout_full_bg.wasm")));
  for (const { name, source } of cases.filter((item) => !item.name.startsWith("strategies-doc/"))) {
    for (const offset of nameStarts(source)) {
      const pending = web.hover(source, offset);
      assert.ok(pending instanceof Promise);
      assert.deepEqual(await pending, hover(source, offset), `${name}: hover at ${offset}`);
      assert.deepEqual(await web.completions(source, offset), completions(source, offset), `${name}: completions at ${offset}`);
    }
  }
  await assert.rejects(web.hover("x", -1), TypeError);
});

test("in the module's tfvars, the browser's hover is Node's without the rollout summary", async () => {
  await web.initObserved(readFileSync(join(PKG, "dist", "web", "ecs_rollout_full_bg.wasm")));
  const { source } = cases.find((item) => item.name === "strategies-doc/canary-setup.tfvars");
  const at = source.indexOf("gateway_deployment_configuration") + 3;
  const full = hover(source, at);
  const [docs, summary] = full.markdown.split("\n\n---\n\n");
  assert.match(summary, /Rollout/, "Node's hover there ends with the rollout summary");
  assert.deepEqual(await web.hover(source, at), { ...full, markdown: docs });
});
