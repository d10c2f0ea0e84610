// `make bench`, issue 21 point 4 ("linear everywhere"): inputs that once took quadratic time or
// memory, each run as a fresh process, natively and from npm, with its wall time and peak memory
// (/usr/bin/time; memory n/a without it). The goal is each under 1 s and 200 MiB.
// `node bench/linear.mjs` prints these rows alone; BENCH_NATIVE (a binary) and BENCH_PKG (a
// built pkg/ directory) measure another build, such as one of main before the fix, and
// BENCH_TIMEOUT_MS bounds each run (120 s by default); BENCH_ONLY (a regular expression) picks
// rows by name.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Adds one row per measurement with `row(what, value, note)`. */
export async function linearRows(row) {
  const dir = mkdtempSync(join(tmpdir(), "ecs-rollout-bench-linear-"));
  const nativeBin = process.env.BENCH_NATIVE ?? join(ROOT, "target", "release", "ecs-rollout");
  const pkg = process.env.BENCH_PKG ?? join(ROOT, "pkg");
  const npmBin = join(pkg, "bin", "ecs-rollout.mjs");
  const hasTime = existsSync("/usr/bin/time");
  const measure = (command, args, input) => {
    const argv = hasTime ? ["-f", "%e %M", command, ...args] : args;
    const start = performance.now();
    const run = spawnSync(hasTime ? "/usr/bin/time" : command, argv, { input, maxBuffer: 1 << 30, timeout: Number(process.env.BENCH_TIMEOUT_MS ?? 120_000) });
    const seconds = (performance.now() - start) / 1000;
    if (run.error) return [`n/a (${run.error.code ?? run.error.message})`, ""];
    // /usr/bin/time exits 127 (126) when it cannot find (run) the command, and times itself.
    if (hasTime && (run.status === 126 || run.status === 127)) return ["n/a (cannot run)", String(command)];
    const figures = hasTime ? /([\d.]+) (\d+)\s*$/.exec(run.stderr.toString()) : null;
    const memory = figures ? `${(Number(figures[2]) / 1024).toFixed(0)} MiB peak` : "memory n/a";
    return [`${seconds.toFixed(2)} s`, memory];
  };
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  const both = (what, args, input) => {
    if (only && !only.test(what)) return;
    for (const [name, command, prefix] of [["native", nativeBin, []], ["npm", process.execPath, [npmBin]]]) {
      // The program the row runs: the native binary, or the package's bin script under Node.
      const program = prefix[0] ?? command;
      if (!existsSync(program)) {
        row(`linear: ${what} (${name})`, "n/a (not built)", program);
        continue;
      }
      const [value, note] = measure(command, [...prefix, ...args], input);
      row(`linear: ${what} (${name})`, value, note);
    }
  };

  // 6,000 unknown keys on one 150 KB line, in the human format.
  const keys = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`unknown_key_${String(i).padStart(5, "0")}`, i]));
  writeFileSync(join(dir, "one-line.tfvars.json"), JSON.stringify(keys));
  both("check 6,000 diagnostics on one line, human", ["check", join(dir, "one-line.tfvars.json")]);

  // A folder of 3,000 .tf files, each a service using the next file's variable. Each service has
  // the `name` the AWS provider requires: without it, every file is a `missing-attribute` error
  // (issue 22's schema), and the row measured printing 3,000 more code frames.
  const module = join(dir, "module");
  mkdirSync(module);
  for (let i = 0; i < 3000; i++) {
    writeFileSync(
      join(module, `f${String(i).padStart(4, "0")}.tf`),
      `variable "count_${i}" {\n  default = 2\n}\n\nlocals {\n  bake_${i} = 5\n}\n\nresource "aws_ecs_service" "svc_${i}" {\n  name          = "svc-${i}"\n  desired_count = var.count_${(i + 1) % 3000}\n  deployment_configuration {\n    strategy             = "BLUE_GREEN"\n    bake_time_in_minutes = local.bake_${i}\n  }\n}\n`,
    );
  }
  both("check a folder of 3,000 .tf files", ["check", module]);

  // The language server: framed messages on standard input.
  const frame = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  };
  const session = (...parts) =>
    Buffer.concat([
      frame({ id: 1, method: "initialize", params: { capabilities: {} } }),
      ...parts,
      frame({ id: 2, method: "shutdown" }),
      frame({ method: "exit" }),
    ]);
  // A 1 MiB document whose first line takes the edits.
  const uri = "file:///bench/edits.tfvars";
  const edit = (line, character) => ({ range: { start: { line, character }, end: { line, character: character + 1 } }, text: "b" });
  const opened = frame({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "terraform-vars", version: 1, text: `# ${"a".repeat(20000)}\n${"# a comment line of the file\n".repeat(36000)}environment = "dev"\n` } } });
  const descending = Array.from({ length: 20000 }, (_, i) => edit(0, 20001 - i));
  both("lsp: one didChange of 20,000 edits", ["lsp"], session(opened, frame({ method: "textDocument/didChange", params: { textDocument: { uri, version: 2 }, contentChanges: descending } })));
  const ascending = Array.from({ length: 20000 }, (_, i) => edit(0, 2 + i));
  both("lsp: 20,000 edits out of order (refused)", ["lsp"], session(opened, frame({ method: "textDocument/didChange", params: { textDocument: { uri, version: 2 }, contentChanges: ascending } })));
  const body = (bytes) => Buffer.concat([Buffer.from(`Content-Length: ${bytes}\r\n\r\n`), Buffer.alloc(bytes, 0x61)]);
  both("lsp: a 32 MiB body", ["lsp"], session(body(32 << 20)));
  both("lsp: a 100 MiB body", ["lsp"], session(body(100 << 20)));
  both("lsp: a 64 MiB header line", ["lsp"], session(Buffer.concat([Buffer.from("X-Long: "), Buffer.alloc(64 << 20, 0x61), Buffer.from("\r\n")])));

  // A `rules` object of 10^6 entries, refused at the boundary.
  const script = `
    const { analyze } = await import(${JSON.stringify(join(pkg, "index.mjs"))});
    const rules = {};
    for (let i = 0; i < 1e6; i++) rules["code-" + i] = "off";
    try { analyze("x = 1\\n", { rules }); } catch (error) { console.log(error.message.slice(0, 80)); }`;
  if (only && !only.test("rules")) return;
  const [value, note] = measure(process.execPath, ["--input-type=module", "-e", script]);
  row("linear: analyze with 10^6 rules (npm)", value, `${note}, building the object included`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = [];
  await linearRows((what, value, note = "") => rows.push([what, value, note]));
  for (const [what, value, note] of rows) console.log(`| ${what} | ${value} | ${note} |`);
}
