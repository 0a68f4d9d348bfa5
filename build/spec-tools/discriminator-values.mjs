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
// `if (e.event === "VerificationResultEvent") e.status` compiles. An event Sinch adds later stays
// readable: the union gains a fallback branch (UnknownVerificationEvent, `event` the open set
// minus the known values, marked x-sinch-fallback), which build/spec-tools/typescript.mjs leaves out of the
// TypeScript union (such an event reaches a switch's default branch there). The discriminator
// goes: it declares a union closed, and each schema's literal `event` now says what its mapping
// said.
//
// Schemas left unreferenced by the rewrite are removed, as the published documents must pass
// the same lint (no-unused-components) as the source.
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
const fallbacks = [];
(function visit(node) {
  if (Array.isArray(node)) return node.forEach(visit);
  if (!node || typeof node !== "object") return;
  const { propertyName, mapping } = node.discriminator ?? {};
  if (mapping && Array.isArray(node.anyOf)) {
    // Values that select the same schema (aliases) all stay allowed in it.
    const valuesOf = new Map();
    for (const [value, ref] of Object.entries(mapping)) valuesOf.set(ref, [...(valuesOf.get(ref) ?? []), value]);
    let open;
    for (const [ref, values] of valuesOf) {
      const target = schemas[refName(ref) ?? ""];
      const property = target?.properties?.[propertyName];
      if (!property) {
        console.error(`discriminator-values: ${ref} (mapped from "${values[0]}") has no property ${propertyName}`);
        process.exit(1);
      }
      open ??= property;
      target.properties[propertyName] = {
        type: "string",
        enum: values,
        description: `Always ${values.map((v) => `\`${v}\``).join(" or ")} in this event: the \`${propertyName}\` that selects it.`,
      };
      rewritten++;
    }
    // The fallback: a value Sinch adds later is still a valid body (validators accept it,
    // generated parsers can read it). Marked x-sinch-fallback; the TypeScript types leave it
    // out of the union so that `event` narrows, and such an event reaches a switch's default.
    const name = `Unknown${(open.$ref ? refName(open.$ref) : propertyName[0].toUpperCase() + propertyName.slice(1)).replace(/Type$/, "")}`;
    schemas[name] = {
      type: "object",
      description: `An event this version of the spec does not describe yet (Sinch adds events over time): keep what you need and answer 200. \`${propertyName}\` names it.`,
      required: [propertyName],
      // Any value but the known ones: a known event that lacks a member it requires must not
      // pass as "an event Sinch adds later" (build/spec-tools/event-union-check.mjs holds this).
      properties: { [propertyName]: { allOf: [open, { not: { enum: Object.keys(mapping) } }] } },
      "x-sinch-fallback": true,
    };
    node.anyOf.push({ $ref: `#/components/schemas/${name}` });
    // A discriminator declares the union closed (validators require every branch to fix the
    // property); the literal `event` of each schema now carries what its mapping said.
    delete node.discriminator;
    fallbacks.push(name);
    // A named union (VerificationEvent): generators type a component by its name, and
    // openapi-typescript's transform hook (typescript.mjs) only sees components and properties.
    const unionName = name.replace(/^Unknown/, "");
    if (!schemas[unionName]) {
      schemas[unionName] = { description: `One of the events, or one Sinch adds later (${name}).`, ...node };
      for (const key of Object.keys(node)) delete node[key];
      node.$ref = `#/components/schemas/${unionName}`;
    }
  } else if (mapping) {
    console.error("discriminator-values: a discriminated union must be an anyOf (a fallback branch is added to it)");
    process.exit(1);
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
console.log(`discriminator-values: ${rewritten} event schema(s) narrowed to their discriminator value; fallback: ${fallbacks.join(", ")}`);
