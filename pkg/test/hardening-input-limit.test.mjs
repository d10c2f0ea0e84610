// Bounded reads: the native binary and the npm `bin` read at most MAX_INPUT_BYTES + 1 bytes of
// any file, standard input or device, so `check /dev/zero` ends with `input-too-large` instead of
// taking all memory, and both print the same bytes for it. Each binary runs with its data segment
// held to 1 GiB (`ulimit -d`), so an unbounded read fails at once instead of filling the machine.
// How far a file was read is told by what follows the limit: bytes that are not UTF-8, which a
// reader that went on would answer with `not valid UTF-8`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "ecs-rollout";
import { MAX_INPUT_BYTES } from "../bin/read.mjs";
import { BIN, REPO } from "./helpers.mjs";

const NATIVE = process.env.ECS_ROLLOUT_NATIVE ?? join(REPO, "target", "release", "ecs-rollout");
if (!existsSync(NATIVE)) {
  const build = spawnSync("cargo", ["build", "--quiet", "--release"], { cwd: REPO, stdio: "inherit" });
  assert.equal(build.status, 0, "cargo build --release failed");
}

const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-limit-"));
const POISON = Buffer.alloc(4 * 1024 * 1024, 0xff);
/** The limit's bytes and one more, all `#` (a comment), then 4 MiB that are not UTF-8. */
writeFileSync(join(dir, "big.tfvars"), Buffer.concat([Buffer.alloc(MAX_INPUT_BYTES + 1, "#"), POISON]));
/** A two-byte character across the limit: the read ends inside it. */
writeFileSync(join(dir, "split.tfvars"), Buffer.concat([Buffer.alloc(MAX_INPUT_BYTES, "#"), Buffer.from("é"), POISON]));
/** A policy file over the limit (about 12.5 MB), whose end is not UTF-8 either. */
writeFileSync(join(dir, "policy.json"), Buffer.concat([Buffer.from("{"), Buffer.alloc(MAX_INPUT_BYTES, " "), POISON]));
writeFileSync(join(dir, "dev.tfvars"), 'environment = "dev"\n');

/** Runs `command` (a binary and its arguments) in `dir`, standard input from `stdin` if given. */
function run(command, args, stdin) {
  const input = stdin ? openSync(stdin, "r") : "ignore";
  try {
    const result = spawnSync("sh", ["-c", 'ulimit -d 1048576 && exec "$@"', "sh", ...command, ...args], {
      cwd: dir,
      encoding: "utf8",
      stdio: [input, "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { exitCode: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  } finally {
    if (stdin) closeSync(input);
  }
}

/** Both binaries' answers, required to be byte for byte the same; returns the native one. */
function both(args, stdin) {
  const native = run([NATIVE], args, stdin);
  const npm = run([process.execPath, BIN], args, stdin);
  assert.deepEqual(npm, native, `npm and native differ for ${args.join(" ")}`);
  return native;
}

const tooLarge = (bytes) => new RegExp(`^error\\[input-too-large\\]: the input is ${bytes} bytes, over the limit of 8388608 bytes \\(8 MiB\\)$`, "m");

test("the package's limit is the core's", () => {
  const codes = (text) => analyze(text, { format: "json" }).diagnostics.map((d) => d.code);
  assert.ok(!codes(`{}${" ".repeat(MAX_INPUT_BYTES - 2)}`).includes("input-too-large"));
  assert.ok(codes(`{}${" ".repeat(MAX_INPUT_BYTES - 1)}`).includes("input-too-large"));
});

for (const [name, args, stdin] of [
  ["an endless device", ["check", "/dev/zero"]],
  ["an endless standard input", ["check", "-"], "/dev/zero"],
  ["a file over the limit", ["check", "big.tfvars"]],
  ["standard input over the limit", ["check", "-"], join(dir, "big.tfvars")],
  ["a timeline of an endless device", ["timeline", "/dev/zero"]],
]) {
  test(`${name} is read to the limit and one byte more, then reported as too large`, () => {
    const result = both(args, stdin);
    assert.equal(result.exitCode, 1, result.stderr);
    // `check` reports on standard output; `timeline` explains on standard error why it has none.
    assert.match(args[0] === "check" ? result.stdout : result.stderr, tooLarge(8388609));
  });
}

test("a character cut by the limit is replaced, as both decoders replace it", () => {
  const result = both(["check", "split.tfvars"]);
  assert.equal(result.exitCode, 1, result.stderr);
  // The limit's bytes, then the first byte of `é` as U+FFFD's three.
  assert.match(result.stdout, tooLarge(8388611));
});

test("a policy file over the limit is a usage error", () => {
  const result = both(["check", "--policy", "policy.json", "dev.tfvars"]);
  assert.equal(result.exitCode, 2);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, "error: policy file `policy.json` is over the limit of 8388608 bytes (8 MiB)\n");
});

test("a file at the limit is read whole, and invalid UTF-8 within it is still refused", () => {
  writeFileSync(join(dir, "at-limit.tfvars"), Buffer.alloc(MAX_INPUT_BYTES, "#"));
  writeFileSync(join(dir, "invalid.tfvars"), Buffer.from([0x23, 0x20, 0xff, 0x0a]));
  const atLimit = both(["check", "--format", "json", "at-limit.tfvars"]);
  assert.ok(!atLimit.stdout.includes("input-too-large"), atLimit.stdout.slice(0, 400));
  const invalid = both(["check", "invalid.tfvars"]);
  assert.equal(invalid.exitCode, 2);
  assert.equal(invalid.stderr, "error: cannot read `invalid.tfvars`: not valid UTF-8\n");
});
