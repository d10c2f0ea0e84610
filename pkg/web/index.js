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

// `observed` (contract section 10), `hover` and `completions` live in a second .wasm,
// dist/web/ecs_rollout_full_bg.wasm: the main one has no room for them within its size budget. Its glue is imported, and the .wasm
// fetched, only by the first call of `initObserved()` or `observed()`, so a page that never reads
// a deployment record never downloads it (bundlers split the dynamic import into its own chunk).
let observedGlue = null;

/** The `observed` glue, its .wasm instantiated: one promise for every caller, dropped on failure so that a later call retries. */
function loadObserved(moduleOrPath) {
  if (!observedGlue) {
    const loading = import("../dist/web/ecs_rollout_full.js").then(async (glue) => {
      await glue.default(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
      return glue;
    });
    observedGlue = loading;
    loading.catch(() => {
      if (observedGlue === loading) observedGlue = null;
    });
  }
  return observedGlue;
}

/**
 * Loads the `observed` analyzer once: `moduleOrPath` is what `init()` takes (by default the
 * .wasm next to its glue). A call after the first returns the first one's promise.
 */
export async function initObserved(moduleOrPath) {
  await loadObserved(moduleOrPath);
}

/**
 * Each service deployment of an ECS deployment record beside its plan, and the calibrated
 * assumptions: Node's `observed(source, options?)`, asynchronous because its .wasm is loaded on
 * the first call. Misuse rejects with the same `TypeError` that Node's throws.
 */
export async function observed(source, options) {
  const glue = await loadObserved();
  return glue.observed(source, options);
}

/**
 * The language server's hover at UTF-16 `offset`, or `null`: Node's `hover(source, offset,
 * options?)`, asynchronous in browsers because its .wasm is loaded on the first call, and without
 * the rollout summary in the module's tfvars (that .wasm carries no analyzer).
 */
export async function hover(source, offset, options) {
  const glue = await loadObserved();
  return glue.hover(source, offset, options);
}

/**
 * The language server's completions at UTF-16 `offset`: Node's `completions(source, offset,
 * options?)`, asynchronous in browsers because its .wasm is loaded on the first call.
 */
export async function completions(source, offset, options) {
  const glue = await loadObserved();
  return glue.completions(source, offset, options);
}
