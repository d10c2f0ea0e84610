// Imports the package the two ways a browser app can: the `./web` entry and the bare name
// (which resolves to the same web build through the "browser" export condition).
import init, { analyze, observed, rules, version } from "ecs-rollout/web";
import { compare } from "ecs-rollout";

await init();
const analysis = analyze('environment = "dev"\n');
document.querySelector("#out").textContent = JSON.stringify(
  { version, rules: rules().length, diagnostics: analysis.diagnostics.length, rows: compare("").rows.length },
  null,
  2,
);

// Deployment records are read by a second .wasm, which the bundle must load only when asked.
globalThis.readRecord = (text) => observed(text);
