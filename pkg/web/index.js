// The package's browser entry: `import init, { analyze } from "ecs-rollout/web"`, then
// `await init()` once (it fetches the .wasm next to the glue; bundlers such as Vite copy it).
export { default, initSync, analyze, compare, diff, rules, schema, policySchema } from "../dist/web/ecs_rollout.js";
export { version } from "../dist/web/version.js";
