// The analyzer, loaded from the npm package like any other user would: `ecs-rollout/web`
// and its `init()`, which fetches the .wasm file that Vite copies next to the page.

import init, { analyze, compare, diff, rules, schema, policySchema, version } from "ecs-rollout/web";

export async function loadEngine() {
  await init();
  return { analyze, compare, diff, rules, schema, policySchema, version };
}
