// OpenAPI 3.1 rendition of the bundled 3.0 spec, for tools that read 3.1 only or that know
// webhooks but not callbacks (openapi-typescript, for one, types `webhooks` and ignores `callbacks`).
//
//   node build/spec-tools/openapi-3.1.mjs <bundled 3.0 JSON> <3.1 JSON out> [<3.1 YAML out>]
//
// 1. @scalar/openapi-upgrader (pinned in build/package.json) does the 3.0 -> 3.1 rewrite:
//    `openapi: 3.1.1`, `nullable` -> type arrays, boolean exclusiveMinimum/Maximum -> numbers,
//    a schema's `example` -> `examples: [value]`, a parameter's, header's or media type's
//    `example` -> `examples: {default: {value}}` (both allowed in 3.1, the map is what 3.1 tools
//    prefer), binary/byte formats -> contentMediaType/contentEncoding.
// 2. This script adds `webhooks`: every operation under an operation's `callbacks` is copied to
//    the top-level `webhooks`, keyed by its operationId without a leading `on` (onVerificationEvent
//    -> verificationEvent), else by the callback's name. The 3.0 `callbacks` stay, as a `$ref`
//    to that webhook (a Path Item may be a reference): they still say which API call the events
//    belong to, and the operation is described once, so its operationId stays unique and is the
//    same as in the 3.0 document and the C# client (a copy under both would need two ids).
// 3. It fails when the result still has a 3.0-only keyword (`nullable`, a boolean
//    exclusiveMinimum/Maximum) or when the upgrader did not produce 3.1.
//
// The 3.0 document stays the source the C# build reads; this rendition is for other teams only.
import fs from "node:fs";
import yaml from "js-yaml";
import { upgrade } from "@scalar/openapi-upgrader";

const [input, output, yamlOutput] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node build/spec-tools/openapi-3.1.mjs <bundled 3.0 JSON> <3.1 JSON out> [<3.1 YAML out>]");
  process.exit(2);
}

const source = JSON.parse(fs.readFileSync(input, "utf8"));
if (!String(source.openapi).startsWith("3.0")) {
  console.error(`openapi-3.1: ${input} is OpenAPI ${source.openapi}, expected 3.0.x`);
  process.exit(1);
}

const doc = upgrade(structuredClone(source), "3.1");
if (!String(doc.openapi).startsWith("3.1")) {
  console.error(`openapi-3.1: the upgrader produced OpenAPI ${doc.openapi}, expected 3.1.x`);
  process.exit(1);
}

// Vendor extensions are data, not schema: the upgrader must not rewrite them (it turned
// x-sinch-signature.timestamp.example into `examples`). Each goes back as it was in 3.0, so the
// signing data is byte-identical in every rendition.
(function restoreExtensions(from, to) {
  if (!from || typeof from !== "object" || !to || typeof to !== "object") return;
  for (const [key, value] of Object.entries(from)) {
    if (key.startsWith("x-")) to[key] = structuredClone(value);
    else if (key in to) restoreExtensions(value, to[key]);
  }
})(source, doc);

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const webhooks = {};
const refs = [];
for (const pathItem of Object.values(doc.paths ?? {})) {
  for (const method of METHODS) {
    for (const [callbackName, callback] of Object.entries(pathItem[method]?.callbacks ?? {})) {
      for (const [expression, callbackPathItem] of Object.entries(callback)) {
        const operations = METHODS.filter((m) => callbackPathItem[m]);
        const first = callbackPathItem[operations[0]];
        const fromId = operations.length === 1 && /^on[A-Z]/.test(first?.operationId ?? "")
          ? first.operationId[2].toLowerCase() + first.operationId.slice(3)
          : callbackName;
        let key = fromId;
        for (let n = 2; key in webhooks; n++) key = `${fromId}${n}`;
        webhooks[key] = structuredClone(callbackPathItem);
        refs.push([callback, expression, key]);
      }
    }
  }
}
if (Object.keys(webhooks).length) {
  doc.webhooks = { ...(doc.webhooks ?? {}), ...webhooks };
}
for (const [callback, expression, key] of refs) {
  callback[expression] = { $ref: `#/webhooks/${key.replace(/~/g, "~0").replace(/\//g, "~1")}` };
}

// Nothing of 3.0 may be left behind.
const leftovers = [];
(function walk(node, path) {
  if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}/${i}`));
  if (node === null || typeof node !== "object") return;
  if (path.includes("/examples/") || path.endsWith("/example")) return; // data, not schema
  if ("nullable" in node) leftovers.push(`${path}/nullable`);
  for (const k of ["exclusiveMinimum", "exclusiveMaximum"]) {
    if (typeof node[k] === "boolean") leftovers.push(`${path}/${k}`);
  }
  for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
})(doc, "#");
if (leftovers.length) {
  console.error(`openapi-3.1: 3.0-only keywords left in the 3.1 rendition:\n  ${leftovers.join("\n  ")}`);
  process.exit(1);
}

// Key order: openapi, info, jsonSchemaDialect?, servers, security, tags, paths, webhooks, components, ...
const ordered = {};
for (const k of ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks", "components"]) {
  if (k in doc) ordered[k] = doc[k];
}
Object.assign(ordered, doc);
fs.writeFileSync(output, JSON.stringify(ordered, null, 2) + "\n");
if (yamlOutput) {
  const text = yaml.dump(ordered, { lineWidth: 100, noRefs: true });
  if (JSON.stringify(yaml.load(text)) !== JSON.stringify(ordered)) {
    console.error(`openapi-3.1: ${yamlOutput} would not read back as ${output}`);
    process.exit(1);
  }
  fs.writeFileSync(yamlOutput, text);
}
console.log(`openapi-3.1: ${output}: OpenAPI ${ordered.openapi}, webhooks: ${Object.keys(webhooks).join(", ") || "none"}`);
