// Checks the published callback union (VerificationEvent) with a JSON Schema validator, as a
// team's validator would read it:
//   - every example of the callback body in the spec validates;
//   - a known event missing a member its schema requires (a VerificationResultEvent without
//     `status`) does not: the fallback branch must not swallow it;
//   - an event this version does not know (a later one of Sinch's) still validates.
//
//   node build/spec-tools/event-union-check.mjs <published spec JSON>
// Prints one line and exits 0, or names each failure and exits 1.
import fs from "node:fs";
import Ajv from "ajv";

const [specPath] = process.argv.slice(2);
if (!specPath) {
  console.error("usage: node build/spec-tools/event-union-check.mjs <published spec JSON>");
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(specPath, "utf8"));

// OpenAPI 3.0 schema objects carry keywords JSON Schema does not know (nullable, example, x-*):
// not strict, and those keywords are ignored, as most validators do.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const validate = ajv.compile({ $ref: "#/components/schemas/VerificationEvent", components: doc.components });

const callback = Object.values(doc.paths["/verifications"].post.callbacks.verificationEvents)[0].post;
const examples = Object.entries(callback.requestBody.content["application/json"].examples ?? {});
if (examples.length === 0) {
  console.error("event-union-check: the callback body has no examples to check");
  process.exit(1);
}

const result = examples.find(([, e]) => e.value.event === "VerificationResultEvent")?.[1].value;
const cases = [
  ...examples.map(([name, e]) => [`the spec's example '${name}'`, e.value, true]),
  ["a VerificationResultEvent without status", Object.fromEntries(Object.entries(result).filter(([k]) => k !== "status")), false],
  ["an event this version does not know", { id: "1", event: "VerificationLaterEvent", method: "sms" }, true],
];

const failures = cases.filter(([, body, valid]) => validate(body) !== valid)
  .map(([what, , valid]) => `${what} ${valid ? "does not validate" : "validates"} as VerificationEvent`);
for (const failure of failures) console.error(`event-union-check: ${failure}`);
if (failures.length > 0) process.exit(1);
console.log(`event-union-check: ${cases.length} bodies judged as a validator reads VerificationEvent (a known event missing a required member is refused)`);
