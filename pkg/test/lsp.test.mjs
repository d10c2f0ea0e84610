// The language server from npm (`npx ecs-rollout lsp`) answers every scripted session of
// tests/lsp_sessions/ byte for byte as the native `ecs-rollout lsp` does, with the same exit code,
// and its framing does not depend on how standard input is chunked. The script format is the one
// tests/lsp_sessions.rs documents. The native binary is target/release/ecs-rollout (`make test`
// builds it first; set ECS_ROLLOUT_NATIVE to use another build); it is built here when missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { BIN, REPO } from "./helpers.mjs";
import { serveLsp } from "../bin/lsp.mjs";

const NATIVE = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
if (!existsSync(NATIVE)) {
  const build = spawnSync("cargo", ["build", "--quiet", "--release"], { cwd: REPO, stdio: "inherit" });
  assert.equal(build.status, 0, "cargo build --release failed");
}

const SESSIONS = join(REPO, "tests", "lsp_sessions");

function substituteFiles(value) {
  if (typeof value === "string" && value.startsWith("@file:")) {
    return readFileSync(join(SESSIONS, value.slice("@file:".length)), "utf8");
  }
  if (Array.isArray(value)) return value.map(substituteFiles);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, substituteFiles(field)]));
  }
  return value;
}

/** The bytes a script sends (see tests/lsp_sessions.rs for the format). */
function scriptInput(script) {
  const parts = [];
  for (const raw of script.split("\n")) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    let count = 1;
    const repeat = /^repeat (\d+) (.*)$/.exec(line);
    if (repeat) {
      count = Number(repeat[1]);
      line = repeat[2].trim();
    }
    const sent = lineInput(line);
    for (let time = 0; time < count; time += 1) parts.push(sent);
  }
  return Buffer.concat(parts);
}

/** The bytes one script line sends. */
function lineInput(line) {
  if (line.startsWith("raw ")) return Buffer.from(JSON.parse(line.slice(4)), "utf8");
  if (line.startsWith("hex ")) return Buffer.from(line.slice(4).replace(/\s+/g, ""), "hex");
  const message = substituteFiles(JSON.parse(line));
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

function serve(command, args, input) {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  // The server may exit (after `exit`) before reading all of its input.
  assert.ok(!result.error || result.error.code === "EPIPE", String(result.error));
  return { stdout: result.stdout, exitCode: result.status };
}

/** Runs the package's server in this process, feeding `input` in chunks of `size` bytes. */
async function serveInProcess(input, size, stats = undefined) {
  const chunks = [];
  for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
  const output = new PassThrough();
  const written = [];
  output.on("data", (chunk) => written.push(Buffer.from(chunk)));
  const exitCode = await serveLsp(Readable.from(chunks), output, stats);
  return { stdout: Buffer.concat(written), exitCode };
}

const scripts = readdirSync(SESSIONS).filter((name) => name.endsWith(".lsp")).sort();

test("the sessions are there", () => {
  assert.ok(scripts.length >= 8, `${scripts.length} scripts`);
});

for (const name of scripts) {
  const input = scriptInput(readFileSync(join(SESSIONS, name), "utf8"));

  test(`${name}: npx ecs-rollout lsp answers byte for byte as the native server`, () => {
    const native = serve(NATIVE, ["lsp"], input);
    assert.ok(native.stdout.length > 0 || name === "exit-without-shutdown.lsp", "the native server said nothing");
    const npm = serve(process.execPath, [BIN, "lsp", "--stdio"], input);
    assert.equal(npm.exitCode, native.exitCode, "exit code");
    assert.equal(npm.stdout.toString("latin1"), native.stdout.toString("latin1"), "standard output");
  });

  test(`${name}: the same answers however standard input is chunked`, async () => {
    const whole = await serveInProcess(input, input.length || 1);
    // Megabytes in one-byte chunks would test the stream, not the framing.
    const sizes = input.length > 1 << 20 ? [4096, 65521] : [1, 7, 4096];
    for (const size of sizes) {
      assert.deepEqual(await serveInProcess(input, size), whole, `chunks of ${size} bytes`);
    }
    assert.deepEqual(whole, serve(NATIVE, ["lsp"], input), "in-process answers equal the native server's");
  });
}

test("the npm server copies each byte it receives at most once, however it is chunked", async () => {
  // A 16 MiB body (refused, skipped unread), a 3 KB header line and a 1 MiB document, in 4 KiB
  // chunks: framing that joined each chunk to what was left over would copy gigabytes.
  const input = scriptInput(
    readFileSync(join(SESSIONS, "framing-limits.lsp"), "utf8") +
      readFileSync(join(SESSIONS, "batch-edits-out-of-order.lsp"), "utf8").replace(/\{"method":"exit"\}\n?$/, ""),
  );
  const stats = { copiedBytes: 0 };
  await serveInProcess(input, 4096, stats);
  assert.ok(stats.copiedBytes > 0, "the server counts what it copies");
  assert.ok(stats.copiedBytes <= input.length, `${stats.copiedBytes} bytes copied of ${input.length} received`);
});
