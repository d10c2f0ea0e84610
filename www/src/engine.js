// The analyzer, loaded from the npm package like any other user would: `ecs-rollout/web`
// and its `init()`, which fetches the .wasm file that Vite copies next to the page. `observed`,
// `hover` and `completions` run in a second .wasm that the package fetches on its first call
// (only for a deployment record, or for help in another source than the module's tfvars), so
// the page's first load never downloads it.

import init, { analyze, compare, diff, observed, hover, completions, rules, schema, policySchema, version } from "ecs-rollout/web";

export async function loadEngine() {
  await init();
  return { analyze, compare, diff, observed, hover, completions, rules, schema, policySchema, version };
}
