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
// Responses read as plain strings. openapi-fetch 0.17 (openapi-typescript-helpers 0.1) passes every
// response through `Readable<T>`, which maps any `T extends object` to an object of its members,
// and `string & {}` extends object: `data.status` became an object type (`const s: string =
// data.status` fails with TS2322, `data.status.toLowerCase()` with TS2349). No type keeps both
// the known values and "any other string" without such an intersection (a union with plain
// `string` absorbs the literals), so the response bodies of the API operations read their open
// sets as plain `string`: their content is `OpenSetsAsStrings<components["schemas"]["X"]>`.
// Request bodies keep the known values (openapi-fetch's `Writable<T>` maps `string & {}` to an
// object that every string is assignable to, so any string is still accepted), and so do
// `components` and `webhooks`, which no client wraps: callback handlers narrow and complete.
//
// Added at the top of the file:
//   OpenSetsAsStrings<T>   T with every open value set read as `string` (what an API response holds)
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
  "/**",
  " * `T` with every open value set read as plain `string` (its `(string & {})` branch absorbs the known values).",
  " * The API's response bodies are typed so: openapi-fetch 0.17 wraps them in `Readable<T>`, which turns `string & {}`",
  " * into an object type. Assignable both ways to the `components` type it wraps.",
  " */",
  "export type OpenSetsAsStrings<T> = T extends string ? (string extends T ? string : T)",
  "  : T extends readonly (infer E)[] ? OpenSetsAsStrings<E>[]",
  "  : T extends object ? { [K in keyof T]: OpenSetsAsStrings<T[K]> }",
  "  : T;",
  ...sets.flatMap(({ name }) => [
    `/** The documented values of the open value set \`${name}\`; \`components["schemas"]["${name}"]\` also accepts any other string. */`,
    `export type Known${name} = KnownValues<components["schemas"]["${name}"]>;`,
  ]),
].join("\n");

// The media type of an API response: #/paths/<path>/<verb>/responses/<status>/content/<media> or
// #/components/responses/<name>/content/<media> (callbacks and webhooks are not matched: what a
// callback handler reads keeps its known values).
const isApiResponseContent = (path) =>
  /^#\/(paths\/[^/]+\/[^/]+|components)\/responses\/[^/]+\/content\/[^/]+$/.test(path ?? "");
const openSetsAsStrings = (type) =>
  ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("OpenSetsAsStrings"), [type]);

let rewritten = 0;
let responsesWrapped = 0;
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
  postTransform(type, options) {
    if (!isApiResponseContent(options.path)) return undefined;
    responsesWrapped++;
    return openSetsAsStrings(type);
  },
});

if (sets.length && responsesWrapped === 0) {
  console.error("typescript: no response body was wrapped in OpenSetsAsStrings (openapi-typescript's paths changed?)");
  process.exit(1);
}

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
