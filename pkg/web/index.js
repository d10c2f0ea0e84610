// The package's browser entry: `import init, { analyze } from "ecs-rollout/web"`, then
// `await init()` once (it fetches the .wasm next to the glue; bundlers such as Vite copy it).
export { default, initSync, analyze, compare, diff } from "../dist/web/ecs_rollout.js";
export { version } from "../dist/web/version.js";
import { schema as SCHEMA, policySchema as POLICY_SCHEMA, rules as RULES } from "../dist/web/schemas.js";

// The schemas never change, so the build writes them out as data (dist/web/schemas.js) instead
// of computing them in the .wasm; each call returns a fresh copy, as the .wasm's did.
/** The JSON Schema (draft 2020-12) of the module's `.tfvars.json`. */
export const schema = () => structuredClone(SCHEMA);
/** The JSON Schema (draft 2020-12) of `options.policy` and of `--policy` files. */
export const policySchema = () => structuredClone(POLICY_SCHEMA);
/** Every diagnostic code with its default severity and summary (data too, for the same reason). */
export const rules = () => structuredClone(RULES);
