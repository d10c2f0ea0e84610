// The editor's HCL colours, in Node: the stream tokenizer run over a file with every kind of
// token (comments, strings with escaped quotes, heredocs, numbers, booleans, null, keys, `for`),
// compared with the token kinds pinned beside it. A change of colouring shows as a diff there.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { hclLanguage } from "../src/hcl-language.js";

const FIXTURE = new URL("./fixtures/highlight/every-token.tfvars", import.meta.url);
const EXPECTED = new URL("./fixtures/highlight/every-token.tokens.txt", import.meta.url);

/** Every token as `line:column kind text`, one per line. */
function tokens(source) {
  const tree = hclLanguage.parser.parse(source);
  const lines = [];
  tree.iterate({
    enter(node) {
      if (node.type.isTop || !node.name) return;
      const before = source.slice(0, node.from);
      const line = before.split("\n").length;
      const column = node.from - before.lastIndexOf("\n");
      lines.push(`${line}:${column} ${node.name} ${JSON.stringify(source.slice(node.from, node.to))}`);
    },
  });
  return lines.join("\n") + "\n";
}

test("every token of the fixture gets the kind pinned beside it", () => {
  const actual = tokens(readFileSync(FIXTURE, "utf8"));
  if (process.env.UPDATE_SNAPSHOTS || !existsSync(EXPECTED)) writeFileSync(EXPECTED, actual);
  assert.equal(actual, readFileSync(EXPECTED, "utf8"));
});

test("a heredoc's body is a string up to its marker, and what follows is read again", () => {
  const source = 'a = <<EOT\nb = "not a key"\nEOT\nc = 1\n';
  const kinds = tokens(source);
  assert.match(kinds, /2:1 string "b = \\"not a key\\""/);
  assert.match(kinds, /4:1 propertyName "c"/);
  assert.match(kinds, /4:5 number "1"/);
});

test("an escaped quote does not end a string", () => {
  assert.match(tokens('a = "x\\"y" # z\n'), /1:5 string "\\"x\\\\\\"y\\""\n1:12 lineComment "# z"/);
});
