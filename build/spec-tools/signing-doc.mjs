// Renders the signing scheme from its data into the description readers see.
//
//   node build/spec-tools/signing-doc.mjs <bundled JSON> [<bundled YAML>]   (rewrites in place)
//
// The scheme is stated once, as data: components.securitySchemes.ApplicationSigned["x-sinch-signature"]
// in spec/sinch-verification.yaml. People read the HTML reference (and the descriptions of the
// JSON), not the extension, so this step appends a section "## Signing" to info.description, in
// the published documents only (a Markdown heading there is an entry of the HTML reference's
// sidebar; Redoc shows a security scheme's own description only folded inside each operation):
//   - a code block with the header, the HMAC, the string to sign built from `stringToSign.fields`
//     (one line per field, each joined by `joiner`), what each field is, the timestamp rule and
//     the receivers' clock skew; a code block, because in running Markdown a line that starts
//     with `+` becomes a bullet and loses it;
//   - a table of every name of `stringToSign.vocabulary` and its meaning;
//   - a table of every other value of the extension, by its path (`hmac.algorithm`, ...).
// Nothing in the text is written by hand here: a value that changes in the data changes here.
// build/spec-tools/check-html.mjs reads the values from the published JSON and finds them in the
// code block in Chromium. The 3.1 rendition is made from the JSON after this step, so both say it.
import fs from "node:fs";
import yaml from "js-yaml";

const [jsonPath, yamlPath] = process.argv.slice(2);
if (!jsonPath) {
  console.error("usage: node build/spec-tools/signing-doc.mjs <bundled JSON> [<bundled YAML>]");
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
const scheme = doc.components?.securitySchemes?.ApplicationSigned;
const data = scheme?.["x-sinch-signature"];
const recipe = data?.stringToSign;
if (!data || !Array.isArray(recipe?.fields) || !recipe.fields.length || !data.hmac || !data.header || !data.timestamp || !data.receiver) {
  console.error(`signing-doc: ${jsonPath} has no complete components.securitySchemes.ApplicationSigned["x-sinch-signature"] (stringToSign.fields, hmac, header, timestamp, receiver)`);
  process.exit(1);
}
const HEADING = "## Signing";
if (new RegExp(`^${HEADING}$`, "m").test(doc.info?.description ?? "")) {
  console.error(`signing-doc: ${jsonPath} already has a section "${HEADING}" in info.description; run it on a fresh bundle`);
  process.exit(1);
}

const quote = (text) => JSON.stringify(String(text)); // "\n" stays visible as \n
const { hmac, header, timestamp, receiver } = data;
const width = Math.max(...recipe.fields.map((f) => f.name.length), "stringToSign".length);
const pad = (text) => text.padEnd(width);

const parts = recipe.fields.map((f) => (f.prefix ? `${quote(f.prefix)} + ${f.name}` : f.name));
const formula = parts.map((part, i) => `${i === 0 ? `${pad("stringToSign")} = ` : `${" ".repeat(width)}   + `}${part}${i < parts.length - 1 ? ` + ${quote(recipe.joiner)}` : ""}`);
const fieldLines = recipe.fields.map((f) => {
  const how = [f.source, `transform ${f.transform ?? "none"}`];
  if (f.whenAbsent) how.push(`when absent ${f.whenAbsent}`);
  if (f.excludes) how.push(`excludes ${f.excludes}`);
  return `${pad(f.name)} = ${how.join(", ")}`;
});
const block = [
  `${header.name}: ${header.format.replace("{scheme}", header.scheme)}`,
  `  on callbacks Sinch writes the scheme word ${quote(header.callbackScheme)}; receivers compare it ${header.schemeComparison}`,
  `${timestamp.header}: {timestamp}`,
  "",
  `${pad("signature")} = ${hmac.outputEncoding.split(" ")[0]}(${hmac.algorithm}(key = ${hmac.key}, data = ${recipe.encoding}(stringToSign)))`,
  ...formula,
  ...fieldLines,
  "",
  `${pad(timestamp.header)}   ${timestamp.format}`,
  `${" ".repeat(width)}   the whole value matches ${timestamp.pattern}`,
  `${pad("receivers")}   accept |now - ${timestamp.header}| <= ${receiver.maxClockSkewSeconds} s: ${receiver.skewDirection},`,
  `${" ".repeat(width)}   ${receiver.skewBoundary}, compared at ${receiver.skewPrecisionNanoseconds} ns`,
];

// Every other value, by its path, so that nothing of the extension is missing from the page.
const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text) => (/`/.test(String(text)) ? cell(text) : `\`${cell(text)}\``);
const rows = [];
(function leaves(node, at) {
  if (Array.isArray(node) && node.every((v) => typeof v !== "object")) return rows.push([at, node.map((v) => quote(v)).join(", ")]);
  if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (at === "stringToSign" && (key === "fields" || key === "vocabulary")) continue;
      leaves(value, at ? `${at}.${key}` : key);
    }
    return;
  }
  rows.push([at, typeof node === "string" && /^\s|\s$|^$/.test(node) ? quote(node) : String(node)]);
})(data, "");

const rendered = [
  HEADING,
  "",
  "Requests to the API and callbacks from Sinch are signed alike. The scheme as data is",
  "`components.securitySchemes.ApplicationSigned[\"x-sinch-signature\"]`; this section is rendered from it",
  `(version ${data.version}), and \`${data.vectors}\` holds the vectors every implementation must reproduce.`,
  "",
  "```text",
  ...block,
  "```",
  "",
  "Every name used in `stringToSign.fields`:",
  "",
  "| name | meaning |",
  "|---|---|",
  ...Object.entries(recipe.vocabulary ?? {}).map(([name, meaning]) => `| ${code(name)} | ${cell(meaning)} |`),
  "",
  "Every other value of `x-sinch-signature`:",
  "",
  "| value | |",
  "|---|---|",
  ...rows.map(([at, value]) => `| ${code(at)} | ${cell(value)} |`),
  "",
].join("\n");

doc.info.description = `${(doc.info.description ?? "").trimEnd()}\n\n${rendered}`;
fs.writeFileSync(jsonPath, JSON.stringify(doc, null, 2) + "\n");
if (yamlPath) fs.writeFileSync(yamlPath, yaml.dump(doc, { lineWidth: -1, noRefs: true }));
console.log(`signing-doc: info.description's section Signing shows x-sinch-signature: ${recipe.fields.length} fields, ${Object.keys(recipe.vocabulary ?? {}).length} names, ${rows.length} values`);
