// Makes each discriminated union of a bundled spec narrowable by other languages' generators.
//
//   node build/spec-tools/discriminator-values.mjs <bundled JSON> [<bundled YAML>]   (rewrites in place)
//
// The source spec (spec/sinch-verification.yaml) declares each callback event's `event` as the
// open set VerificationEventType: the C# model reads it so, and an unknown event stays readable.
// Which value selects which event schema is stated once, in the union's discriminator mapping.
// From that mapping this step derives, in the published documents only, each mapped schema's
// discriminator property as its single value ({type: string, enum: [VerificationResultEvent]}),
// so that TypeScript (and any generator that narrows on literals) sees a discriminated union:
// `if (e.event === "VerificationResultEvent") e.status` compiles. A receiver still answers an
// event it does not know with 200 (the package README says how).
//
// Schemas left unreferenced by the rewrite (the open set of event names) are removed, as the
// published documents must pass the same lint (no-unused-components) as the source.
import fs from "node:fs";
import yaml from "js-yaml";

const [jsonPath, yamlPath] = process.argv.slice(2);
if (!jsonPath) {
  console.error("usage: node build/spec-tools/discriminator-values.mjs <bundled JSON> [<bundled YAML>]");
  process.exit(2);
}

const doc = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
const schemas = doc.components?.schemas ?? {};
const refName = (ref) => (ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : null);

let rewritten = 0;
(function visit(node) {
  if (Array.isArray(node)) return node.forEach(visit);
  if (!node || typeof node !== "object") return;
  const { propertyName, mapping } = node.discriminator ?? {};
  for (const [value, ref] of Object.entries(mapping ?? {})) {
    const target = schemas[refName(ref) ?? ""];
    const property = target?.properties?.[propertyName];
    if (!property) {
      console.error(`discriminator-values: ${ref} (mapped from "${value}") has no property ${propertyName}`);
      process.exit(1);
    }
    target.properties[propertyName] = {
      type: "string",
      enum: [value],
      description: `Always \`${value}\` in this event: the \`${propertyName}\` that selects it.`,
    };
    rewritten++;
  }
  Object.values(node).forEach(visit);
})(doc);

// Drop schemas nothing refers to any more (repeat: removing one can orphan another).
for (let removed = true; removed; ) {
  removed = false;
  for (const name of Object.keys(schemas)) {
    const { [name]: self, ...others } = schemas;
    const elsewhere = JSON.stringify({ ...doc, components: { ...doc.components, schemas: others } });
    if (!elsewhere.includes(`"#/components/schemas/${name}"`)) {
      delete schemas[name];
      removed = true;
    }
  }
}

fs.writeFileSync(jsonPath, JSON.stringify(doc, null, 2) + "\n");
if (yamlPath) fs.writeFileSync(yamlPath, yaml.dump(doc, { lineWidth: -1, noRefs: true }));
console.log(`discriminator-values: ${rewritten} event schema(s) narrowed to their discriminator value`);
