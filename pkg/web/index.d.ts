// Types of the browser entry, `ecs-rollout/web`: call `await init()` once before anything else.
export type * from "../index.js";
import type { CompletionHelp, HoverHelp, Observed, Options } from "../index.js";
export { analyze, compare, diff, rules, schema, policySchema, version } from "../index.js";

/** Where to load the .wasm from; by default the file next to the glue, resolved from import.meta.url. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches and instantiates the .wasm; every other export works once this resolves. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
/** Instantiates already-fetched .wasm bytes or a compiled module synchronously. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

/**
 * Loads the second .wasm, which `observed` runs in (the main one leaves it out for size): by
 * default the file next to its glue. Optional: `observed()` loads it on its first call. A call
 * after the first returns the first one's promise.
 */
export function initObserved(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/**
 * Each service deployment of an ECS deployment record beside its plan, and the calibrated
 * assumptions (contract section 10): Node's `observed`, asynchronous in browsers because its
 * .wasm is fetched on the first call. Misuse rejects with a `TypeError`.
 */
export function observed(source: string, options?: Options | null): Promise<Observed>;

/**
 * The language server's hover at UTF-16 `offset` (the property, variable or stage there, with its
 * docs), or `null`: Node's `hover`, asynchronous in browsers because it runs in the second .wasm,
 * loaded on the first call. That .wasm has no analyzer of its own, so in the module's tfvars the
 * hover leaves out the rollout summary Node's ends with.
 */
export function hover(source: string, offset: number, options?: Options | null): Promise<HoverHelp | null>;

/**
 * The language server's completions at UTF-16 `offset`: Node's `completions`, asynchronous in
 * browsers for the same reason.
 */
export function completions(source: string, offset: number, options?: Options | null): Promise<CompletionHelp[]>;
