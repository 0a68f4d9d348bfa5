// TypeScript types of the published spec, with open value sets that keep their known values.
//
//   node build/spec-tools/typescript.mjs <spec JSON> <.d.ts out>
//
// openapi-typescript (pinned in build/package.json) writes an open value set
// (`anyOf: [{enum: [...]}, {type: string}]`, decision 1 in the spec) as `"PENDING" | ... | string`,
// which TypeScript reduces to plain `string`: no completion, no typo caught. Through its Node API's
// `transform` hook, this script writes them as
//
//     "PENDING" | "SUCCESSFUL" | ... | (string & {})
//
// which still accepts any string (a value Sinch adds next year) but keeps the known values for
// editors, and, with the helpers below, for the compiler. Both shapes of an open set are
// recognised (build/spec-tools/open-sets.mjs): known values inline, or a `$ref` to a named enum
// schema (then the type reads `components["schemas"]["KnownX"] | (string & {})`).
//
// Added at the top of the file:
//   KnownValues<T>   the known values of an open set type: KnownValues<components["schemas"]["VerificationStatus"]>
//   Known<Name>      one alias per named open set, e.g. KnownVerificationStatus = "PENDING" | ... | "ERROR"
// Assigning "SUCESSFUL" to a KnownVerificationStatus fails to compile; to the open
// components["schemas"]["VerificationStatus"] it compiles (any string is allowed there).
import fs from "node:fs";
import ts from "typescript";
import openapiTS, { astToString, COMMENT_HEADER, oapiRef, tsLiteral, STRING } from "openapi-typescript";
import { namedOpenSets, openSet } from "./open-sets.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node build/spec-tools/typescript.mjs <spec JSON> <.d.ts out>");
  process.exit(2);
}

const doc = JSON.parse(fs.readFileSync(input, "utf8"));

// `string & {}`: a string TypeScript does not merge with the literals beside it.
const anyOtherString = () =>
  ts.factory.createParenthesizedType(
    ts.factory.createIntersectionTypeNode([STRING, ts.factory.createTypeLiteralNode([])]),
  );

function openSetType(set) {
  const known = set.knownRef ? [oapiRef(set.knownRef)] : set.values.map((v) => tsLiteral(v));
  return ts.factory.createUnionTypeNode([...known, anyOtherString()]);
}

const sets = namedOpenSets(doc);
const helpers = [
  "/** The documented values of an open value set type, without the `(string & {})` that lets any other string through. */",
  "export type KnownValues<T> = T extends string ? (string extends T ? never : T) : never;",
  ...sets.flatMap(({ name }) => [
    `/** The documented values of the open value set \`${name}\`; \`components["schemas"]["${name}"]\` also accepts any other string. */`,
    `export type Known${name} = KnownValues<components["schemas"]["${name}"]>;`,
  ]),
].join("\n");

let rewritten = 0;
let fallbacksLeftOut = 0;
const isFallback = (branch) =>
  typeof branch?.$ref === "string" && doc.components?.schemas?.[branch.$ref.split("/").pop()]?.["x-sinch-fallback"] === true;
const ast = await openapiTS(doc, {
  // Called for every component schema and every property schema (openapi-typescript 7).
  transform(schemaObject) {
    // A union with an x-sinch-fallback branch (discriminator-values.mjs): the known branches only,
    // so that it narrows on its discriminator; an unknown event reaches a switch's default.
    const branches = schemaObject?.anyOf;
    if (Array.isArray(branches) && branches.some(isFallback)) {
      fallbacksLeftOut++;
      return ts.factory.createUnionTypeNode(branches.filter((b) => !isFallback(b)).map((b) => oapiRef(b.$ref)));
    }
    const set = openSet(doc, schemaObject);
    if (!set) return undefined;
    rewritten++;
    return openSetType(set);
  },
});

if (sets.length && rewritten === 0) {
  console.error("typescript: the spec has open value sets but the transform hook rewrote none (openapi-typescript changed?)");
  process.exit(1);
}

if (JSON.stringify(doc).includes('"x-sinch-fallback":true') && fallbacksLeftOut === 0) {
  console.error("typescript: the spec has a union with a fallback branch but the transform hook met none (openapi-typescript changed?)");
  process.exit(1);
}

// The helpers go in as text, not through openapi-typescript's `inject`, which drops their comments.
fs.writeFileSync(output, `${COMMENT_HEADER}${helpers}\n\n${astToString(ast)}`);
console.log(`typescript: ${output}: ${sets.length} open value sets keep their known values (${sets.map((s) => s.name).join(", ")})`);
