// The share link: the whole view state (config text, assumptions, simulated failure, policy
// text, the source kind and service chosen, the "before" version being compared with) as JSON, deflated with the browser's CompressionStream ("deflate-raw") and written as
// base64url in the URL hash. Reading is defensive: a link that is truncated, tampered with or
// hostile gives a clear error, never a partial state, and nothing in it is ever treated as markup.

import { isInputKind } from "./input-kind.js";

const PREFIX = "v1.";
/** Largest config accepted from a link, in characters, and largest inflated payload, in bytes. */
export const MAX_SOURCE_CHARS = 512 * 1024;
/** Largest policy text accepted from a link, in characters. */
export const MAX_POLICY_CHARS = 64 * 1024;
/** Longest service name accepted from a link (CloudFormation logical ids stop at 255). */
const MAX_SERVICE_CHARS = 512;
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024;
const MAX_HASH_CHARS = 1024 * 1024;

export const ASSUMPTION_KEYS = [
  "scaleUpMinutes",
  "hookMinutes",
  "drainMinutes",
  "bakeTimeMinutes",
  "minimumHealthyPercent",
  "maximumPercent",
  "nlbShiftDelayMinutes",
  "loadBalancerType",
];

/** The kinds of load balancer the `loadBalancerType` assumption names (contract section 2). */
export const LOAD_BALANCER_TYPES = ["application", "network"];

/** Whether an assumption names one of a few words (the load balancer's kind) rather than a number. */
export function isWordAssumption(key) {
  return key === "loadBalancerType";
}

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("the link holds characters outside base64url");
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Bytes fed to a (de)compression stream at a time. Deflate inflates at most about 1,032 times,
 * so one slice yields at most about a megabyte: the running count in `pipe` stops a link that
 * inflates to hundreds of megabytes within a megabyte of the cap, rather than after a
 * DecompressionStream has produced one huge chunk from a large input chunk.
 */
const INPUT_SLICE_BYTES = 1024;

/** `bytes` as a stream of `size`-byte slices, each handed over only when the reader asks;
 * `onInput` sees each slice's size. */
function slices(bytes, size, onInput) {
  let offset = 0;
  return new ReadableStream(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        const slice = bytes.subarray(offset, offset + size);
        onInput?.(slice.length);
        controller.enqueue(slice);
        offset += size;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Runs `bytes` through `transform`, refusing output beyond `limit` bytes as it arrives;
 * `onChunk` sees each output chunk's size and `onInput` each input slice's (tests hold the
 * refusal to the cap with them).
 */
async function pipe(bytes, transform, limit, { onChunk, onInput } = {}) {
  const stream = slices(bytes, INPUT_SLICE_BYTES, onInput).pipeThrough(transform);
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onChunk?.(value.length);
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error("the link's content is too large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Checks a decoded value and keeps only the known, well-typed fields. */
export function validateState(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("the link does not hold a view state");
  if (typeof value.source !== "string") throw new Error("the link has no config text");
  if (value.source.length > MAX_SOURCE_CHARS) throw new Error("the link's config is too large");
  const assumptions = {};
  if (value.assumptions !== undefined && value.assumptions !== null) {
    if (typeof value.assumptions !== "object" || Array.isArray(value.assumptions)) throw new Error("the link's assumptions are not an object");
    for (const key of ASSUMPTION_KEYS) {
      const v = value.assumptions[key];
      if (v === undefined || v === null) continue;
      if (isWordAssumption(key)) {
        if (!LOAD_BALANCER_TYPES.includes(v)) throw new Error(`the link's ${key} is not one of ${LOAD_BALANCER_TYPES.join(", ")}`);
        assumptions[key] = v;
        continue;
      }
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100000) throw new Error(`the link's ${key} is not a usable number`);
      assumptions[key] = v;
    }
  }
  let failAtMinute = null;
  if (value.failAtMinute !== undefined && value.failAtMinute !== null) {
    const v = value.failAtMinute;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1000000) throw new Error("the link's failure minute is not a usable number");
    failAtMinute = v;
  }
  const example = typeof value.example === "string" && /^[a-z0-9-]{1,64}$/.test(value.example) ? value.example : null;
  const state = { source: value.source, assumptions, failAtMinute, example };
  // The excerpt switch is kept only when on, so links made before it decode to the same state.
  if (value.excerpt !== undefined && value.excerpt !== null && value.excerpt !== false) {
    if (value.excerpt !== true) throw new Error("the link's excerpt switch is not true or false");
    state.excerpt = true;
  }
  // The policy is kept as the text the user wrote (it is checked when applied, like a pasted
  // one); links made before the policy panel have none.
  if (value.policy !== undefined && value.policy !== null && value.policy !== "") {
    if (typeof value.policy !== "string") throw new Error("the link's policy is not text");
    if (value.policy.length > MAX_POLICY_CHARS) throw new Error("the link's policy is too large");
    state.policy = value.policy;
  }
  // The "Source" menu's kind and the chosen service are kept only when set, so links made
  // before them (detection, the first service) decode to the same state.
  if (value.input !== undefined && value.input !== null && value.input !== "") {
    if (!isInputKind(value.input)) throw new Error("the link's source kind is not one the analyzer reads");
    state.input = value.input;
  }
  if (value.service !== undefined && value.service !== null && value.service !== "") {
    if (typeof value.service !== "string" || value.service.length > MAX_SERVICE_CHARS) throw new Error("the link's service name is not usable");
    state.service = value.service;
  }
  // The deployment drawn from a deployment record (issue 26), kept only when chosen.
  if (value.deployment !== undefined && value.deployment !== null && value.deployment !== "") {
    if (typeof value.deployment !== "string" || value.deployment.length > MAX_SERVICE_CHARS) throw new Error("the link's deployment is not usable");
    state.deployment = value.deployment;
  }
  // "Compare with…" keeps the "before" version; links made without it have none.
  if (value.before !== undefined && value.before !== null) {
    if (typeof value.before !== "string") throw new Error("the link's compared version is not text");
    if (value.before.length > MAX_SOURCE_CHARS) throw new Error("the link's compared version is too large");
    state.before = value.before;
  }
  return state;
}

/** Encodes a view state as a URL hash (without the leading "#"). */
export async function encodeState(state) {
  const json = JSON.stringify({
    source: state.source,
    assumptions: state.assumptions ?? {},
    failAtMinute: state.failAtMinute ?? null,
    example: state.example ?? null,
    ...(state.excerpt ? { excerpt: true } : {}),
    ...(state.input ? { input: state.input } : {}),
    ...(state.service ? { service: state.service } : {}),
    ...(state.deployment ? { deployment: state.deployment } : {}),
    // Left out when empty, so a link without a policy is the same as before the policy panel.
    ...(state.policy ? { policy: state.policy } : {}),
    ...(typeof state.before === "string" ? { before: state.before } : {}),
  });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"), Infinity);
  return PREFIX + toBase64Url(deflated);
}

/**
 * Decodes a URL hash (with or without "#"). Returns null for an empty hash and throws an Error
 * with a short, plain reason for anything that is not a valid state.
 */
export async function decodeState(hash, { onChunk, onInput } = {}) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text === "") return null;
  if (text.length > MAX_HASH_CHARS) throw new Error("the link is too long");
  if (!text.startsWith(PREFIX)) throw new Error("the link is not a playground link");
  let bytes;
  try {
    const compressed = fromBase64Url(text.slice(PREFIX.length));
    bytes = await pipe(compressed, new DecompressionStream("deflate-raw"), MAX_INFLATED_BYTES, { onChunk, onInput });
  } catch (error) {
    throw new Error(error instanceof Error && /too large|base64url/.test(error.message) ? error.message : "the link is damaged");
  }
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new Error("the link is damaged");
  }
  return validateState(value);
}

/**
 * Returns a function that writes the hash with history.replaceState, at most once per
 * `intervalMs` (browsers throttle faster history updates), always ending on the latest state.
 * `now` and `schedule` are the clock and the timer (the page's own unless a test gives others).
 */
export function createHashWriter({
  intervalMs = 750,
  now = () => performance.now(),
  schedule = (run, ms) => setTimeout(run, ms),
  onWrite,
} = {}) {
  let pending = null;
  let timer = null;
  let lastWrite = -Infinity;
  let generation = 0;
  const flush = async () => {
    timer = null;
    const state = pending;
    pending = null;
    if (!state) return;
    lastWrite = now();
    const mine = ++generation;
    const hash = await encodeState(state);
    if (mine !== generation) return;
    history.replaceState(null, "", `#${hash}`);
    onWrite?.(hash);
  };
  return (state) => {
    pending = state;
    if (timer !== null) return;
    const wait = Math.max(0, lastWrite + intervalMs - now());
    timer = schedule(flush, wait);
  };
}
