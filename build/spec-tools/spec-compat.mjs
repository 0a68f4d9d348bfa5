#!/usr/bin/env node
// Breaking changes between the last released spec and a candidate (run by build/spec-compat.sh).
//
//   node build/spec-tools/spec-compat.mjs <released spec> <candidate spec>     (YAML or JSON)
//
// Exit 1 when the candidate differs from the released spec without a higher info.version, or
// when it breaks a client of the released spec and the major version of
// `info.version` was not raised; exit 0 otherwise. Prints every breaking change on a line of its
// own, in plain words, naming the operation and the field.
//
// Why a checker of our own: of the OpenAPI diff tools npm serves, @pb33f/openapi-changes downloads
// its binary from GitHub when installed (fails here), and @useoptic/optic 1.0.9 does not start
// without overriding its ajv, then skips every enum inside anyOf/oneOf on purpose
// (preventEnumBreak.js) - which is where all our open value sets live -, does not check callbacks
// or removed request fields, and its --json output carries the changelog, not the rule results.
//
// How the two documents are read: YAML anchors are expanded (js-yaml), and every local `$ref` is
// followed where it is met, so moving a schema behind a `$ref` (or inlining one) is no change.
// In particular an open value set written `anyOf: [{type: string, enum: [...]}, {type: string}]`
// and the same set written `anyOf: [{$ref: KnownX}, {type: string}]` compare equal
// (build/spec-tools/open-sets.mjs).
//
// What is breaking. "Request" is what a client sends (operation parameters and bodies, and the
// answer your backend sends to a callback); "response" is what it receives (responses, and the
// events of callbacks).
//   - an operation (by operationId), a callback operation, a response status, a content type, a
//     parameter or a response header was removed, or an operation moved to another method or path;
//   - a field was removed, from a request or a response;
//   - a request member, parameter or body is new and required, or became required; a response
//     field that was required no longer is;
//   - a type was narrowed (a request field accepts fewer types) or changed at all in a response;
//   - a value was removed from an enum, or a known value from an open value set; a value was added
//     to a closed enum of a response; an open set became closed; a closed response enum became
//     open; a request field got an enum it did not have;
//   - a request field got a tighter limit: maxLength, minLength, maximum, minimum, maxItems,
//     minItems, a new or changed pattern, a changed format or a new one that validators check
//     (date-time, email, uuid, int32, ...; not a format of our own such as e164, which only
//     annotates), or additionalProperties: false;
//   - a variant of a union (anyOf/oneOf of named schemas, e.g. a callback event) was removed.
//   A discriminator property narrowed to the values that select its schema (`event` of
//   VerificationResultEvent becoming the single-value enum [VerificationResultEvent]) is no change:
//   the discriminator already said so.
// Not breaking: anything added (operations, optional fields, response fields, known values of an
// open set, union variants such as a new callback event - receivers ignore what they do not know),
// descriptions, examples, `x-` members.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { deref, openSet } from "./open-sets.mjs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// JSON needs nothing; YAML needs js-yaml, loaded only then, so the copy in the spec's npm
// package (bin/spec-compat.mjs) runs on the published JSON documents with no dependency.
// A file that cannot be read or parsed is bad input (exit 2), never a "break" (exit 1).
export async function load(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    console.error(`spec-compat: cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    process.exit(2);
  }
  const parsed = (parse, what) => {
    try {
      const doc = parse(text);
      if (doc === null || typeof doc !== "object" || typeof doc.openapi !== "string") throw Object.assign(new Error("no openapi field"), { notOpenApi: true });
      return doc;
    } catch (error) {
      // Not the parsers' own messages: they quote the file's text (a secrets file passed by mistake).
      const where = error.mark ? ` (line ${error.mark.line + 1})` : "";
      console.error(`spec-compat: ${file} is not ${what}${error.notOpenApi ? ": it has no openapi field" : where}`);
      process.exit(2);
    }
  };
  if (file.endsWith(".json")) return parsed(JSON.parse, "a JSON OpenAPI document");
  let yaml;
  try {
    yaml = (await import("js-yaml")).default;
  } catch {
    console.error(`spec-compat: reading ${file} needs js-yaml (npm install js-yaml), or pass the .json renditions`);
    process.exit(2);
  }
  return parsed((t) => yaml.load(t), "a YAML OpenAPI document");
}

const major = (version) => {
  const m = /^\s*v?(\d+)/.exec(String(version ?? ""));
  return m ? Number(m[1]) : undefined;
};

/** -1, 0 or 1 comparing two info.version values as major.minor.patch numbers; undefined when either is not one. */
export function compareVersions(a, b) {
  const parse = (v) => /^\s*v?(\d+)\.(\d+)\.(\d+)\s*$/.exec(String(v ?? ""))?.slice(1).map(Number);
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** The breaking changes from `base` to `head`, as sentences. */
export function breakingChanges(base, head) {
  // The same change met through several operations or statuses (a shared schema) is one line:
  // the sentence for the first place, then "(also in ...)" for the others.
  const found = new Map();
  const report = (text, where) => {
    const key = where && text.includes(where) ? text.replace(where, "\u0000") : text;
    if (!found.has(key)) found.set(key, []);
    if (where && !found.get(key).includes(where)) found.get(key).push(where);
  };

  // ---- operations --------------------------------------------------------------------------
  const baseOps = collectOperations(base);
  const headOps = collectOperations(head);
  for (const [key, b] of baseOps) {
    const h = headOps.get(key);
    const what = b.callback ? `callback operation \`${b.id}\` (callback \`${b.callback}\` of ${b.parent})` : `operation \`${b.id}\` (${b.method.toUpperCase()} ${b.path})`;
    if (!h) {
      report(`${what} was removed`);
      continue;
    }
    if (!b.callback && (b.method !== h.method || b.path !== h.path)) {
      report(`operation \`${b.id}\` moved from ${b.method.toUpperCase()} ${b.path} to ${h.method.toUpperCase()} ${h.path}`);
    }
    compareOperation(b, h, report);
  }

  // ---- security schemes: how a client authenticates and signs is contract too -------------
  // (prose may change, and an extension may be added; any other member, an existing
  // x-sinch-signature included, may not).
  const baseSchemes = base.components?.securitySchemes ?? {};
  const headSchemes = head.components?.securitySchemes ?? {};
  for (const [name, b] of Object.entries(baseSchemes)) {
    const h = headSchemes[name];
    if (!h) {
      report(`security scheme \`${name}\` was removed`);
      continue;
    }
    for (const key of new Set([...Object.keys(b), ...Object.keys(h)])) {
      if (key === "description" || (!(key in b) && key.startsWith("x-"))) continue; // prose, or data newly stated
      if (canonical(b[key]) === canonical(h[key])) continue;
      // Which part of the signing data changed (hmac.algorithm, stringToSign.fields.2, ...).
      // A part whose old and new values are both plain values says them: "maxClockSkewSeconds 300 -> 600".
      const at = (node, part) => part.split(".").reduce((n, k) => (n !== null && typeof n === "object" ? n[k] : undefined), node);
      const plain = (v) => v === null || ["string", "number", "boolean"].includes(typeof v);
      const said = (part) => {
        const [was, now] = [at(b[key], part), at(h[key], part)];
        return plain(was) && plain(now) ? `${part} ${JSON.stringify(was)} -> ${JSON.stringify(now)}` : part;
      };
      const parts = key in h ? changedParts(b[key], h[key]).map(said) : [];
      report(`\`${key}\` of security scheme \`${name}\` ${key in h ? "changed" : "was removed"}${parts.length ? ` (${parts.slice(0, 5).join(", ")}${parts.length > 5 ? ", ..." : ""})` : ""}`);
    }
  }

  return [...found].map(([key, [first, ...rest]]) =>
    first === undefined ? key : `${key.replace("\u0000", first)}${rest.length ? ` (also in ${places(rest)})` : ""}`,
  );

  function compareOperation(b, h, report) {
    const callback = Boolean(b.callback);
    const name = callback ? `callback ${b.id}` : b.id;
    // Whether a call may be sent twice is contract in both directions: clients retry by it.
    const [bSafe, hSafe] = [b.op["x-sinch-retry-safe"], h.op["x-sinch-retry-safe"]];
    if (bSafe !== undefined && bSafe !== hSafe) {
      report(`\`x-sinch-retry-safe\` of ${name} changed from ${bSafe} to ${hSafe ?? "absent"}: clients decide by it whether the call may be sent again`);
    }
    // What the client sends: the request of an operation, the answer to a callback.
    const send = callback ? "answer" : "request";
    const receive = callback ? "event" : "response";

    // Parameters (the callbacks here have none, but a callback could).
    const params = (ctx, op) => {
      const out = new Map();
      for (const p of [...(op.itemParameters ?? []), ...(op.op.parameters ?? [])].map((p) => deref(ctx, p))) {
        if (!p?.name) continue;
        out.set(`${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`, p);
      }
      return out;
    };
    const bp = params(base, b);
    const hp = params(head, h);
    for (const [key, p] of bp) {
      const q = hp.get(key);
      const label = `${p.in} parameter \`${p.name}\` of ${name}`;
      if (!q) {
        report(`${label} was removed`);
        continue;
      }
      if (!p.required && q.required) report(`${label} became required`);
      compareSchema(p.schema, q.schema, { dir: "request", role: `${p.in} parameter`, where: name, field: p.name });
    }
    for (const [key, q] of hp) {
      if (!bp.has(key) && q.required) report(`${q.in} parameter \`${q.name}\` of ${name} is new and required`);
    }

    // Request body (an event, for a callback).
    const bb = deref(base, b.op.requestBody);
    const hb = deref(head, h.op.requestBody);
    const bodyDir = callback ? "response" : "request";
    const bodyRole = callback ? receive : send;
    if (bb && !hb) report(`the ${bodyRole} body of ${name} was removed`);
    if (!callback && hb?.required && !bb?.required) report(`the request body of ${name} ${bb ? "became" : "is new and"} required`);
    if (bb && hb) {
      for (const [type, media] of Object.entries(bb.content ?? {})) {
        const other = hb.content?.[type];
        if (!other) report(`${bodyRole} content type ${type} of ${name} was removed`);
        else compareSchema(media.schema, other.schema, { dir: bodyDir, role: `${bodyRole} field`, where: name, field: "" });
      }
    }

    // Responses (answers your backend sends, for a callback).
    const respDir = callback ? "request" : "response";
    const respRole = callback ? send : receive;
    for (const [status, br] of Object.entries(b.op.responses ?? {})) {
      const hr0 = h.op.responses?.[status];
      const label = callback ? `answer ${status} of ${name}` : `response ${status} of ${name}`;
      if (!hr0) {
        report(`${label} was removed`);
        continue;
      }
      const r = deref(base, br);
      const hr = deref(head, hr0);
      for (const [header, value] of Object.entries(r.headers ?? {})) {
        const other = Object.entries(hr.headers ?? {}).find(([k]) => k.toLowerCase() === header.toLowerCase());
        if (!other) report(`header \`${header}\` of ${label} was removed`);
        else compareSchema(deref(base, value).schema, deref(head, other[1]).schema, { dir: respDir, role: "header", where: `${name} ${status}`, field: header });
      }
      for (const [type, media] of Object.entries(r.content ?? {})) {
        const other = hr.content?.[type];
        if (!other) report(`content type ${type} of ${label} was removed`);
        else compareSchema(media.schema, other.schema, { dir: respDir, role: `${respRole} field`, where: `${name} ${status}`, field: "" });
      }
    }
  }

  // ---- schemas -----------------------------------------------------------------------------
  // ctx: { dir: "request" | "response", role: "request field" | ..., where: "getVerificationById 200", field: "identity.endpoint" }
  function compareSchema(bRaw, hRaw, ctx, seen = new Set()) {
    if (!bRaw || !hRaw) return;
    const pair = `${bRaw.$ref ?? ""}|${hRaw.$ref ?? ""}|${ctx.dir}`;
    if ((bRaw.$ref || hRaw.$ref) && seen.has(pair)) return;
    if (bRaw.$ref || hRaw.$ref) seen = new Set(seen).add(pair);
    const b = flatten(base, deref(base, bRaw));
    const h = flatten(head, deref(head, hRaw));
    const say = (text) => report(text, ctx.where);
    const subject = ctx.field ? `${ctx.role} \`${ctx.field}\` of ${ctx.where}` : `the ${ctx.role.replace(/ field$/, "")} body of ${ctx.where}`;

    // Open value sets: known values may be added, not removed.
    const bo = openSet(base, b);
    const ho = openSet(head, h);
    if (bo || ho) {
      if (bo && ho) {
        for (const v of bo.values.filter((v) => !ho.values.includes(v))) say(`known value \`${v}\` of ${subject} was removed`);
        return;
      }
      if (bo && Array.isArray(h.enum)) {
        say(`${subject} was an open value set and is now closed to ${list(h.enum)}`);
        for (const v of bo.values.filter((v) => !h.enum.includes(v))) say(`known value \`${v}\` of ${subject} was removed`);
        return;
      }
      if (bo && sameTypes(types(h), ["string"])) {
        say(`the known values ${list(bo.values)} of ${subject} were removed (it is a plain string now)`);
        return;
      }
      if (ho && Array.isArray(b.enum)) {
        if (ctx.dir === "response") say(`${subject} was closed to ${list(b.enum)} and may now carry any string`);
        for (const v of b.enum.filter((v) => !ho.values.includes(v))) say(`value \`${v}\` of ${subject} was removed`);
        return;
      }
      if (ho && sameTypes(types(b), ["string"])) return; // a plain string that gained known values
      // Otherwise a type change: fall through.
    }

    // Types.
    const bt = types(b);
    const ht = types(h);
    if (bt && ht && !sameTypes(bt, ht)) {
      const lost = bt.filter((t) => !ht.includes(t) && !(t === "integer" && ht.includes("number")));
      if (ctx.dir === "request") {
        if (lost.length) say(`the type of ${subject} was narrowed from ${bt.join(" or ")} to ${ht.join(" or ")}`);
      } else {
        say(`the type of ${subject} changed from ${bt.join(" or ")} to ${ht.join(" or ")}`);
      }
    }

    // Closed enums.
    const be = Array.isArray(b.enum) ? b.enum : undefined;
    const he = Array.isArray(h.enum) ? h.enum : undefined;
    if (be && he) {
      for (const v of be.filter((v) => !he.includes(v))) say(`value \`${v}\` of ${subject} was removed`);
      if (ctx.dir === "response") for (const v of he.filter((v) => !be.includes(v))) say(`value \`${v}\` was added to the closed set of ${subject}`);
    } else if (!be && he && ctx.dir === "request") {
      say(`${subject} is now restricted to ${list(he)}`);
    } else if (be && !he && ctx.dir === "response") {
      say(`${subject} is no longer restricted to ${list(be)}`);
    }

    // Limits on what a client may send.
    if (ctx.dir === "request") {
      const tighter = [
        ["maxLength", (x, y) => y < x], ["maxItems", (x, y) => y < x], ["maximum", (x, y) => y < x],
        ["minLength", (x, y) => y > x], ["minItems", (x, y) => y > x], ["minimum", (x, y) => y > x],
      ];
      for (const [k, isTighter] of tighter) {
        if (h[k] === undefined) continue;
        if (b[k] === undefined) say(`${subject} got a new limit: ${k} ${h[k]}`);
        else if (isTighter(b[k], h[k])) say(`the ${k} of ${subject} was tightened from ${b[k]} to ${h[k]}`);
      }
      if (h.pattern !== undefined && h.pattern !== b.pattern) say(`the pattern of ${subject} ${b.pattern === undefined ? "is new" : "changed"}: ${h.pattern}`);
      // A format validators check narrows what is accepted; one they do not know (e164) is a note.
      if (h.format !== undefined && h.format !== b.format && (b.format !== undefined || CHECKED_FORMATS.has(h.format))) {
        say(`the format of ${subject} ${b.format === undefined ? `is new: ${h.format}` : `changed from ${b.format} to ${h.format}`}`);
      }
      if (h.additionalProperties === false && b.additionalProperties !== false) say(`${subject} no longer accepts members it does not declare`);
    } else if (h.format !== b.format && (CHECKED_FORMATS.has(h.format) || CHECKED_FORMATS.has(b.format))) {
      // What a typed client reads it into changes (int32 -> int64: int -> long; a new date-time: string -> Date).
      say(`the format of ${subject} changed from ${b.format ?? "none"} to ${h.format ?? "none"}`);
    }

    // Object members.
    const bProps = b.properties ?? {};
    const hProps = h.properties ?? {};
    const bReq = new Set(b.required ?? []);
    const hReq = new Set(h.required ?? []);
    const child = (k) => ({ ...ctx, discriminated: undefined, field: ctx.field ? `${ctx.field}.${k}` : k });
    for (const [k, bs] of Object.entries(bProps)) {
      const c = child(k);
      const childSubject = `${c.role.endsWith("field") ? c.role : `${c.role} field`} \`${c.field}\` of ${c.where}`;
      if (!(k in hProps)) {
        say(`${childSubject} was removed`);
        continue;
      }
      if (ctx.dir === "request" && !bReq.has(k) && hReq.has(k)) say(`${childSubject} became required`);
      if (ctx.dir === "response" && bReq.has(k) && !hReq.has(k)) say(`${childSubject} is no longer required (clients relied on it being there)`);
      if (ctx.discriminated?.property === k && fixedTo(deref(head, hProps[k]), ctx.discriminated.values)) continue;
      compareSchema(bs, hProps[k], c, seen);
    }
    if (ctx.dir === "request") {
      for (const k of Object.keys(hProps)) {
        if (!(k in bProps) && hReq.has(k)) {
          const c = child(k);
          say(`${c.role.replace(/ field$/, "")} member \`${c.field}\` of ${c.where} is new and required`);
        }
      }
    }

    // Arrays.
    if (b.items && h.items) compareSchema(b.items, h.items, { ...ctx, discriminated: undefined, field: `${ctx.field}[]` }, seen);

    // Unions of named schemas (after open sets and primitive unions, which `types` covered).
    for (const kw of ["anyOf", "oneOf"]) {
      const bv = variants(b[kw]);
      const hv = variants(h[kw]);
      if (!bv || !hv) continue;
      for (const [vname, bs] of bv) {
        const hs = hv.get(vname);
        if (!hs) {
          say(`variant \`${vname}\` of ${subject} was removed`);
          continue;
        }
        // The discriminator values that select this variant: its property may be narrowed to them.
        const property = h.discriminator?.propertyName;
        const mapping = Object.entries(h.discriminator?.mapping ?? {});
        const values = mapping.length ? mapping.filter(([, ref]) => ref.split("/").pop() === vname).map(([key]) => key) : [vname];
        compareSchema(bs, hs, { ...ctx, where: `${ctx.where} (${vname})`, discriminated: property ? { property, values } : undefined }, seen);
      }
    }
    const bd = b.discriminator?.propertyName;
    const hd = h.discriminator?.propertyName;
    if (bd && hd && bd !== hd) say(`the discriminator of ${subject} changed from \`${bd}\` to \`${hd}\``);
    if (bd && hd && bd === hd) {
      for (const key of Object.keys(b.discriminator.mapping ?? {})) {
        if (!(key in (h.discriminator.mapping ?? {}))) say(`\`${bd}\` value \`${key}\` of ${subject} was removed`);
      }
    }
  }
}

// "getVerificationById 200", "getVerificationById 404", "startVerification 400" ->
// "getVerificationById 200, 404; startVerification 400".
/** The dotted paths under which two values differ, down to the first level that differs in kind. */
function changedParts(a, b, at = "") {
  const isObject = (v) => v !== null && typeof v === "object";
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return canonical(a) === canonical(b) ? [] : [at || "(all)"];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => (canonical(a[k]) === canonical(b[k]) ? [] : changedParts(a[k], b[k], at ? `${at}.${k}` : k)));
}

function places(wheres) {
  const byOperation = new Map();
  for (const where of wheres) {
    const m = /^(.+) (\d{3}|[1-5]XX|default)$/.exec(where);
    const [op, status] = m ? [m[1], m[2]] : [where, undefined];
    if (!byOperation.has(op)) byOperation.set(op, []);
    if (status) byOperation.get(op).push(status);
  }
  return [...byOperation].map(([op, statuses]) => (statuses.length ? `${op} ${statuses.join(", ")}` : op)).join("; ");
}

// JSON with sorted keys, to compare two values whatever order their members were written in.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Formats that JSON Schema validators check (draft 2020-12 and OpenAPI's numeric ones).
const CHECKED_FORMATS = new Set([
  "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
  "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "json-pointer", "relative-json-pointer",
  "regex", "int32", "int64", "float", "double", "byte",
]);

// Whether a schema admits only (some of) `values`: a `const`, or an enum of them.
function fixedTo(s, values) {
  if (!s) return false;
  if (s.const !== undefined) return values.includes(s.const);
  return Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v) => values.includes(v));
}

// allOf merged into one object schema (properties and required), enough for a comparison.
function flatten(doc, s) {
  if (!s || !Array.isArray(s.allOf)) return s;
  const out = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  delete out.allOf;
  for (const part of s.allOf.map((p) => flatten(doc, deref(doc, p)))) {
    Object.assign(out.properties, part.properties ?? {});
    out.required.push(...(part.required ?? []));
    for (const k of ["type", "enum", "additionalProperties"]) if (out[k] === undefined && part[k] !== undefined) out[k] = part[k];
  }
  return out;
}

// The JSON types a schema admits, sorted; undefined when it does not say (any, or object unions).
function types(s) {
  if (!s || typeof s !== "object") return undefined;
  let t;
  if (Array.isArray(s.type)) t = [...s.type];
  else if (typeof s.type === "string") t = [s.type];
  else {
    const branches = s.oneOf ?? s.anyOf;
    if (!Array.isArray(branches)) return s.properties ? ["object"] : undefined;
    const each = branches.map((x) => (x.$ref ? undefined : types(x)));
    if (each.some((x) => !x)) return undefined;
    t = each.flat();
  }
  if (s.nullable === true) t.push("null");
  return [...new Set(t)].sort();
}

const sameTypes = (a, b) => Boolean(a && b) && a.length === b.length && a.every((t, i) => t === b[i]);

// Named variants of a union: [name, schema] by $ref name, else by position; undefined for a
// union that `types` already compared (all primitive branches).
function variants(list) {
  if (!Array.isArray(list) || list.every((x) => !x.$ref && !x.properties && x.type !== "object")) return undefined;
  return new Map(list.map((x, i) => [x.$ref ? x.$ref.split("/").pop() : `#${i + 1}`, x]));
}

const list = (values) => values.map((v) => `\`${v}\``).join(", ");

/** Operations by operationId (else METHOD path), with callback operations: Map<key, {...}>. */
function collectOperations(doc) {
  const out = new Map();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const id = op.operationId ?? `${method.toUpperCase()} ${path}`;
      out.set(id, { id, method, path, op, itemParameters: item.parameters });
      for (const [callback, expressions] of Object.entries(op.callbacks ?? {})) {
        for (const [expression, rawCb] of Object.entries(deref(doc, expressions) ?? {})) {
          const cbItem = deref(doc, rawCb);
          for (const m of METHODS) {
            const cbOp = cbItem?.[m];
            if (!cbOp) continue;
            const cbId = cbOp.operationId ?? `${callback} ${m.toUpperCase()} ${expression}`;
            out.set(`callback:${cbId}`, { id: cbId, method: m, path: expression, op: cbOp, itemParameters: cbItem.parameters, callback, parent: id });
          }
        }
      }
    }
  }
  return out;
}

// Run as a program (also through an npm bin, a symlink to this file).
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const [baseFile, headFile] = args;
  if (args.length !== 2 || args.some((a) => a.startsWith("-"))) {
    console.error(
      "usage: spec-compat <released spec> <candidate spec>   (JSON, or YAML with js-yaml installed; both the same rendition)\n" +
        "exit 0: compatible (or breaking under a new major version); 1: breaking, or changed without a higher info.version; 2: bad input",
    );
    process.exit(args.length === 1 && /^(-h|--help)$/.test(args[0]) ? 0 : 2);
  }
  const base = await load(baseFile);
  const head = await load(headFile);
  // Publishing narrows a 3.1 rendition's `event` and adds webhooks: comparing across renditions
  // would report what publishing did, not what changed.
  const rendition = (doc) => /^\d+\.\d+/.exec(doc.openapi)?.[0];
  if (rendition(base) !== rendition(head)) {
    console.error(`spec-compat: ${baseFile} is OpenAPI ${base.openapi} and ${headFile} is ${head.openapi}: compare two documents of the same rendition (both 3.0 or both 3.1)`);
    process.exit(2);
  }
  const changes = breakingChanges(base, head);
  const from = base.info?.version;
  const to = head.info?.version;
  const raised = major(to) !== undefined && major(from) !== undefined && major(to) > major(from);
  // Version discipline: a spec whose content differs from the released one is a new version,
  // whatever changed (prose included): the npm package and the NuGet package carry info.version.
  const changed = canonical(base) !== canonical(head);
  const versionRaised = compareVersions(to, from) === 1;
  if (changed && !versionRaised && (!changes.length || raised)) {
    console.error(
      `spec-compat: ${headFile} differs from the released spec (${baseFile}, ${from}) but its info.version is ${to}: ` +
        `raise it (patch for prose, minor for additions, major for breaking changes).`,
    );
    process.exit(1);
  }
  if (!changes.length) {
    console.log(`spec-compat: ${headFile} (${to}) is compatible with the released ${baseFile} (${from})${changed ? "" : ", and the same"}`);
    process.exit(0);
  }
  const lines = changes.map((c) => `  - ${c}`).join("\n");
  if (raised) {
    console.log(`spec-compat: ${changes.length} breaking change(s) from ${from} to ${to}, allowed by the new major version:\n${lines}`);
    process.exit(0);
  }
  console.error(
    `spec-compat: ${headFile} breaks clients of the released spec (${baseFile}, ${from}) in ${changes.length} way(s):\n${lines}\n` +
      `Undo these, or raise the major version of info.version (now ${to}) for a breaking release.`,
  );
  process.exit(1);
}
