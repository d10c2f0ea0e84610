// Reads variable and attribute names with their one-line docs out of the package's JSON Schema
// (`schema()`), for completion and hover. It understands the shapes a generated schema uses:
// `properties`, `anyOf` / `oneOf` / `allOf` alternatives (nullable objects), `$ref` into `$defs`
// or `definitions`, and `items` for lists.

function resolve(root, node, depth = 0) {
  if (!node || typeof node !== "object" || depth > 16) return null;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
    let target = root;
    for (const part of node.$ref.slice(2).split("/")) target = target?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    return resolve(root, target, depth + 1);
  }
  return node;
}

/** Every `properties` map reachable from a node through alternatives and references. */
function propertyMaps(root, node, depth = 0) {
  const n = resolve(root, node);
  if (!n || depth > 8) return [];
  const maps = [];
  if (n.properties && typeof n.properties === "object") maps.push(n.properties);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(n[key])) for (const alt of n[key]) maps.push(...propertyMaps(root, alt, depth + 1));
  }
  return maps;
}

function firstLine(text) {
  return typeof text === "string" ? text.split(/\n\s*\n/)[0].trim() : "";
}

/** Finds a description on a node or its alternatives. */
function describe(root, node) {
  const n = resolve(root, node);
  if (!n) return "";
  if (n.description) return firstLine(n.description);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(n[key])) {
      for (const alt of n[key]) {
        const d = describe(root, alt);
        if (d) return d;
      }
    }
  }
  return "";
}

/** The default a generated schema notes in `$comment` ("Default: ..."), or "". */
function defaultNote(root, node) {
  const n = resolve(root, node);
  return n && typeof n.$comment === "string" && /^Default:/.test(n.$comment) ? n.$comment : "";
}

/** The nodes at a path of property names. */
function nodesAt(schema, path) {
  let nodes = [schema];
  for (const segment of path) {
    const next = [];
    for (const node of nodes) {
      for (const map of propertyMaps(schema, node)) if (segment in map) next.push(map[segment]);
    }
    nodes = next;
    if (!nodes.length) return [];
  }
  return nodes;
}

/**
 * The values the items of the list at `path` may take, each with its description: an `enum`'s
 * strings (no description) and an `anyOf` / `oneOf` of `const`s, the shape `schema()` gives the
 * lifecycle stages, so that stage names and their docs come from the package.
 * @returns {{ name: string, doc: string }[]}
 */
export function itemValuesAt(schema, path) {
  const out = new Map();
  const visit = (node, depth) => {
    const n = resolve(schema, node);
    if (!n || depth > 8) return;
    if (Array.isArray(n.enum)) for (const v of n.enum) if (typeof v === "string" && !out.has(v)) out.set(v, "");
    if (typeof n.const === "string") out.set(n.const, firstLine(n.description));
    if (n.items) visit(n.items, depth + 1);
    for (const key of ["anyOf", "oneOf", "allOf"]) if (Array.isArray(n[key])) for (const alt of n[key]) visit(alt, depth + 1);
  };
  for (const node of nodesAt(schema, path)) {
    const n = resolve(schema, node);
    if (n?.items) visit(n.items, 0);
    for (const key of ["anyOf", "oneOf"]) if (Array.isArray(n?.[key])) for (const alt of n[key]) if (resolve(schema, alt)?.items) visit(resolve(schema, alt).items, 0);
  }
  return [...out].map(([name, doc]) => ({ name, doc }));
}

/**
 * The named children of the object at `path` (variable names for []), each with its doc and
 * the default the schema notes, if any.
 * @returns {{ name: string, doc: string, note: string }[]}
 */
export function childrenAt(schema, path) {
  const seen = new Map();
  for (const node of nodesAt(schema, path)) {
    for (const map of propertyMaps(schema, node)) {
      for (const [name, child] of Object.entries(map)) {
        if (!seen.has(name)) seen.set(name, { name, doc: describe(schema, child), note: defaultNote(schema, child) });
      }
    }
  }
  return [...seen.values()];
}

/** The doc of the variable or attribute at `path`, or "" when the schema does not know it. */
export function docAt(schema, path) {
  if (!path.length) return "";
  const parent = childrenAt(schema, path.slice(0, -1));
  return parent.find((c) => c.name === path[path.length - 1])?.doc ?? "";
}
