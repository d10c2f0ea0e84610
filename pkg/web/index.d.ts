// Types of the browser entry, `ecs-rollout/web`: call `await init()` once before anything else.
export type * from "../index.js";
export { analyze, compare, diff, rules, schema, policySchema, version } from "../index.js";

/** Where to load the .wasm from; by default the file next to the glue, resolved from import.meta.url. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches and instantiates the .wasm; every other export works once this resolves. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
/** Instantiates already-fetched .wasm bytes or a compiled module synchronously. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
