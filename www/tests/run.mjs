// `make test-www`: every test file of www/tests in one `node --test` run, with one Chromium for
// all of them. Node 20 runs each test file in a process of its own, so the browser is launched
// here, once, as a server; each file's harness connects to it and opens a fresh context per
// `launch`, and refuses to launch a browser of its own (ECS_ROLLOUT_ONE_BROWSER).

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./harness.mjs";

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let status = 1;
try {
  const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...process.argv.slice(2), "tests/"], {
    cwd: WWW,
    stdio: "inherit",
    env: { ...process.env, ECS_ROLLOUT_BROWSER_WS: server.wsEndpoint(), ECS_ROLLOUT_ONE_BROWSER: "1" },
  });
  status = await new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
} finally {
  await server.close();
}
console.log("browser suite: 1 Chromium launched for every test file");
process.exit(status);
