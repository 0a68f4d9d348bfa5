// Open value sets of spec/sinch-verification.yaml (decision 1 in the spec's header), recognised in
// both shapes the spec has used:
//
//   anyOf: [ {type: string, enum: [...]}, {type: string} ]                      (inline known values)
//   anyOf: [ {$ref: '#/components/schemas/KnownX'}, {type: string} ]            (named known values;
//            KnownX = {type: string, enum: [...], x-enum-varnames, x-enum-descriptions})
//
// i.e. an anyOf of exactly two branches: one string enum (inline, or a $ref to one) and one plain
// `type: string` with nothing that restricts it. Used by build/spec-tools/typescript.mjs (types that
// keep the known values) and build/spec-tools/spec-compat.mjs (removing a known value is breaking,
// adding one is not).

/** Resolves a local `#/...` JSON pointer in `doc`; undefined when it does not resolve. */
export function resolvePointer(doc, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The schema behind `schema` when it is a `$ref` (followed until a non-ref), else `schema`. */
export function deref(doc, schema, seen = new Set()) {
  while (schema && typeof schema === "object" && typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return schema;
    seen.add(schema.$ref);
    const target = resolvePointer(doc, schema.$ref);
    if (target === undefined) return schema;
    schema = target;
  }
  return schema;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

const isStringType = (s) => s.type === "string" || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === "string");

/** A string enum schema: `{type: string, enum: [strings]}` (annotations and x- members allowed). */
export function isStringEnum(s) {
  return isObject(s) && isStringType(s) && Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v) => typeof v === "string");
}

// Keywords that restrict a string; the "any string" branch must have none of them.
const RESTRICTING = ["enum", "const", "pattern", "format", "minLength", "maxLength", "not", "allOf", "anyOf", "oneOf", "$ref"];

/** The plain `{type: string}` branch (annotations such as description or example allowed). */
export function isAnyString(s) {
  return isObject(s) && isStringType(s) && RESTRICTING.every((k) => !(k in s));
}

/**
 * When `schema` is an open value set, its known values and, for the `$ref` shape, the name of the
 * known-values schema: `{ values: [...], knownRef: '#/components/schemas/KnownX' | undefined }`.
 * Otherwise undefined. `doc` is the whole document, to follow the `$ref` of the known branch.
 */
export function openSet(doc, schema) {
  if (!isObject(schema) || !Array.isArray(schema.anyOf) || schema.anyOf.length !== 2) return undefined;
  for (const [i, j] of [[0, 1], [1, 0]]) {
    const known = schema.anyOf[i];
    const other = schema.anyOf[j];
    if (!isAnyString(other)) continue;
    const target = deref(doc, known);
    if (isStringEnum(target)) {
      return { values: [...target.enum], knownRef: typeof known.$ref === "string" ? known.$ref : undefined };
    }
  }
  return undefined;
}

/** Every named open value set of `doc`: [{ name, values, knownRef }], in the order of components.schemas. */
export function namedOpenSets(doc) {
  const out = [];
  for (const [name, schema] of Object.entries(doc?.components?.schemas ?? {})) {
    const set = openSet(doc, schema);
    if (set) out.push({ name, ...set });
  }
  return out;
}
