// The document the HTML reference is built from: the published 3.1 JSON with every callback's
// `$ref` to a webhook (`#/webhooks/<name>`, written by openapi-3.1.mjs) replaced by the path item
// it points to. Redoc (redocly build-docs) renders a callback under its operation only when the
// path item is inline; with the $ref it shows an empty "Callbacks" heading. Resolving a $ref
// changes no schema: the reader still sees exactly what the JSON says.
//
//   node build/spec-tools/html-source.mjs <3.1 JSON> <out JSON>
import fs from "node:fs";
import { resolvePointer } from "./open-sets.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node build/spec-tools/html-source.mjs <3.1 JSON> <out JSON>");
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(input, "utf8"));
let resolved = 0;
for (const item of Object.values(doc.paths ?? {})) {
  for (const operation of Object.values(item)) {
    for (const callback of Object.values(operation?.callbacks ?? {})) {
      for (const [expression, pathItem] of Object.entries(callback)) {
        if (typeof pathItem?.$ref !== "string" || !pathItem.$ref.startsWith("#/webhooks/")) continue;
        const target = resolvePointer(doc, pathItem.$ref);
        if (!target) throw new Error(`html-source: ${pathItem.$ref} does not resolve`);
        callback[expression] = structuredClone(target);
        resolved++;
      }
    }
  }
}
fs.writeFileSync(output, JSON.stringify(doc, null, 2) + "\n");
console.log(`html-source: ${output}: ${resolved} callback(s) inline for Redoc`);
