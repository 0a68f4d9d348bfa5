// Self-test of the compatibility gate: runs `bash build/spec-compat.sh <candidate>` on edited
// copies of the released spec (spec/released/sinch-verification.yaml) and checks its exit code and
// what it prints.
//
//   node --test build/spec-tools/spec-compat.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const released = path.join(root, "spec/released/sinch-verification.yaml");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-compat-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Runs the gate on the released spec after `edit(doc)`; returns { code, out }. */
function gate(edit = () => {}, { keepVersion = false } = {}) {
  const original = yaml.load(fs.readFileSync(released, "utf8"));
  const doc = yaml.load(fs.readFileSync(released, "utf8"));
  edit(doc);
  // A changed spec carries a higher version (the gate's version rule); the tests of that rule
  // keep the version, and the tests of the major-version rule set their own.
  if (!keepVersion && doc.info.version === original.info.version && JSON.stringify(doc) !== JSON.stringify(original)) {
    doc.info.version = original.info.version.replace(/\d+$/, (patch) => String(Number(patch) + 1));
  }
  const file = path.join(dir, `candidate-${++n}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  const run = spawnSync("bash", [path.join(root, "build/spec-compat.sh"), file], { encoding: "utf8" });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const schemas = (doc) => doc.components.schemas;

/** The lead's planned shape: anyOf [{$ref: KnownX}, {type: string}], KnownX with x-enum-varnames. */
function knownRefs(doc) {
  for (const [name, s] of Object.entries({ ...schemas(doc) })) {
    const i = s.anyOf?.findIndex((b) => Array.isArray(b.enum));
    if (!Array.isArray(s.anyOf) || s.anyOf.length !== 2 || i < 0) continue;
    const values = s.anyOf[i].enum;
    schemas(doc)[`Known${name}`] = {
      type: "string",
      enum: values,
      "x-enum-varnames": values.map((v) => v.replace(/[^A-Za-z0-9]+/g, "_")),
      "x-enum-descriptions": values.map((v) => `The value ${v}.`),
    };
    s.anyOf[i] = { $ref: `#/components/schemas/Known${name}` };
  }
}

/** The other shape: each open set's known values inline, anyOf [{type: string, enum}, {type: string}]. */
function inlineKnown(doc) {
  for (const s of Object.values(schemas(doc))) {
    const i = s.anyOf?.findIndex((b) => typeof b.$ref === "string" && b.$ref.startsWith("#/components/schemas/Known"));
    if (!Array.isArray(s.anyOf) || i === undefined || i < 0) continue;
    const known = schemas(doc)[s.anyOf[i].$ref.split("/").pop()];
    s.anyOf[i] = { type: "string", enum: [...known.enum] };
  }
}

const eventSchemas = ["VerificationRequestEvent", "VerificationResultEvent", "VerificationSmsDeliveredEvent"];

test("the released spec against itself: exit 0", () => {
  const { code, out } = gate();
  assert.equal(code, 0, out);
  assert.match(out, /is compatible .*and the same/);
});

test("a removed response field fails, naming the field and the operation", () => {
  const { code, out } = gate((doc) => delete schemas(doc).VerificationStatusResponse.properties.countryId);
  assert.equal(code, 1, out);
  assert.match(out, /response field `countryId` of getVerificationById 200 was removed/);
});

test("the same with the major version raised: exit 0, the change still listed", () => {
  const { code, out } = gate((doc) => {
    delete schemas(doc).VerificationStatusResponse.properties.countryId;
    doc.info.version = "2.0.0";
  });
  assert.equal(code, 0, out);
  assert.match(out, /allowed by the new major version/);
  assert.match(out, /countryId/);
});

test("a raised minor version does not allow it", () => {
  const { code } = gate((doc) => {
    delete schemas(doc).VerificationStatusResponse.properties.countryId;
    doc.info.version = "1.1.0";
  });
  assert.equal(code, 1);
});

test("open sets moved behind $ref KnownX (same values): not breaking", () => {
  const { code, out } = gate(knownRefs);
  assert.equal(code, 0, out);
  assert.match(out, /is compatible/);
});

test("a value added to an open set, either shape: not breaking", () => {
  assert.equal(gate((doc) => { inlineKnown(doc); schemas(doc).VerificationStatus.anyOf[0].enum.push("EXPIRED"); }).code, 0);
  const { code, out } = gate((doc) => {
    knownRefs(doc);
    schemas(doc).KnownVerificationStatus.enum.push("EXPIRED");
  });
  assert.equal(code, 0, out);
});

test("a known value removed from an open set, either shape: breaking", () => {
  const drop = (list) => list.splice(list.indexOf("ABORTED"), 1);
  const inline = gate((doc) => { inlineKnown(doc); drop(schemas(doc).VerificationStatus.anyOf[0].enum); });
  assert.equal(inline.code, 1, inline.out);
  assert.match(inline.out, /known value `ABORTED` of response field `status` of \S+ 200 was removed \(also in .*getVerificationById 200/);
  const named = gate((doc) => {
    knownRefs(doc);
    drop(schemas(doc).KnownVerificationStatus.enum);
  });
  assert.equal(named.code, 1, named.out);
  assert.match(named.out, /known value `ABORTED` of event field `status` of callback onVerificationEvent \(VerificationResultEvent\) was removed/);
});

test("each event's `event` narrowed to its own name (the planned discriminator change): not breaking", () => {
  const { code, out } = gate((doc) => {
    knownRefs(doc);
    for (const name of eventSchemas) schemas(doc)[name].properties.event = { type: "string", enum: [name] };
  });
  assert.equal(code, 0, out);
});

test("an event's `event` narrowed to another event's name: breaking", () => {
  const { code, out } = gate((doc) => {
    schemas(doc).VerificationResultEvent.properties.event = { type: "string", enum: ["VerificationRequestEvent"] };
  });
  assert.equal(code, 1, out);
  assert.match(out, /event field `event` of callback onVerificationEvent \(VerificationResultEvent\)/);
});

test("a new required request member: breaking", () => {
  const { code, out } = gate((doc) => {
    const s = schemas(doc).StartVerificationRequest;
    s.properties.brand = { type: "string" };
    s.required.push("brand");
  });
  assert.equal(code, 1, out);
  assert.match(out, /request member `brand` of startVerification is new and required/);
});

test("a new optional request member or response field: not breaking", () => {
  const { code, out } = gate((doc) => {
    schemas(doc).StartVerificationRequest.properties.brand = { type: "string" };
    schemas(doc).VerificationStatusResponse.properties.operator = { type: "string" };
  });
  assert.equal(code, 0, out);
});

test("a removed request field: breaking", () => {
  const { code, out } = gate((doc) => delete schemas(doc).SmsOptions.properties.locale);
  assert.equal(code, 1, out);
  assert.match(out, /request field `smsOptions.locale` of startVerification was removed/);
});

test("a removed operation: breaking", () => {
  const { code, out } = gate((doc) => delete doc.paths["/verifications/reference/{reference}"]);
  assert.equal(code, 1, out);
  assert.match(out, /operation `getVerificationByReference` \(GET \/verifications\/reference\/\{reference\}\) was removed/);
});

test("a removed response: breaking", () => {
  const { code, out } = gate((doc) => delete doc.paths["/verifications/id/{id}"].get.responses["404"]);
  assert.equal(code, 1, out);
  assert.match(out, /response 404 of getVerificationById was removed/);
});

test("a narrowed request type and a tighter limit: breaking", () => {
  const { code, out } = gate((doc) => {
    schemas(doc).StartVerificationRequest.properties.custom.maxLength = 100;
    schemas(doc).FlashCallOptions.properties.dialTimeout.type = "string";
  });
  assert.equal(code, 1, out);
  assert.match(out, /the maxLength of request field `custom` of startVerification was tightened from 4096 to 100/);
  assert.match(out, /the type of request field `flashCallOptions.dialTimeout` of startVerification was narrowed from integer to string/);
});

test("a changed response type: breaking", () => {
  const { code, out } = gate((doc) => {
    schemas(doc).VerificationError.properties.errorCode = { type: "integer", format: "int32" };
  });
  assert.equal(code, 1, out);
  assert.match(out, /the type of response field `errorCode` of startVerification 400 changed from integer or string to integer \(also in .*getVerificationById 401, 404/);
});

test("a value removed from a closed enum of a callback answer: breaking; one added: not", () => {
  const removed = gate((doc) => (schemas(doc).VerificationAction.enum = ["allow"]));
  assert.equal(removed.code, 1, removed.out);
  assert.match(removed.out, /value `deny` of answer field `action` of callback onVerificationEvent 200 was removed/);
  assert.equal(gate((doc) => schemas(doc).VerificationAction.enum.push("defer")).code, 0);
});

test("a removed callback event or event field: breaking", () => {
  const field = gate((doc) => delete schemas(doc).VerificationResultEvent.properties.reason);
  assert.equal(field.code, 1, field.out);
  assert.match(field.out, /event field `reason` of callback onVerificationEvent \(VerificationResultEvent\) was removed/);
  const event = gate((doc) => {
    const body = Object.values(doc.paths["/verifications"].post.callbacks.verificationEvents)[0].post.requestBody.content["application/json"].schema;
    body.anyOf = body.anyOf.filter((b) => !b.$ref.endsWith("/VerificationSmsDeliveredEvent"));
    delete body.discriminator.mapping.VerificationSmsDeliveredEvent;
    delete schemas(doc).VerificationSmsDeliveredEvent;
  });
  assert.equal(event.code, 1, event.out);
  assert.match(event.out, /variant `VerificationSmsDeliveredEvent` of the event body of callback onVerificationEvent was removed/);
});

test("a parameter that became required, and a new required one: breaking", () => {
  const { code, out } = gate((doc) => {
    const op = doc.paths["/verifications"].post;
    op.parameters[0].required = true;
    op.parameters.push({ name: "X-Region", in: "header", required: true, schema: { type: "string" } });
  });
  assert.equal(code, 1, out);
  assert.match(out, /header parameter `Accept-Language` of startVerification became required/);
  assert.match(out, /header parameter `X-Region` of startVerification is new and required/);
});

test("a format of our own added beside the pattern (e164): not breaking; a checked format added: breaking", () => {
  const own = gate((doc) => (schemas(doc).E164Number.format = "e164"));
  assert.equal(own.code, 0, own.out);
  const checked = gate((doc) => (schemas(doc).StartVerificationRequest.properties.reference.format = "uuid"));
  assert.equal(checked.code, 1, checked.out);
  assert.match(checked.out, /the format of request field `reference` of startVerification is new: uuid/);
});

test("a response field's format widened (int32 -> int64): breaking", () => {
  const { code, out } = gate((doc) => {
    schemas(doc).PriceBreakdown.properties.billableDuration = { type: "integer", format: "int64", description: "Billed seconds of the call." };
  });
  assert.equal(code, 1, out);
  assert.match(out, /the format of response field `price\.billableDuration` of getVerificationById 200 changed from int32 to int64/);
});

test("a security scheme removed, or the signing data changed: breaking; its prose changed: not", () => {
  const removed = gate((doc) => delete doc.components.securitySchemes.Basic);
  assert.equal(removed.code, 1, removed.out);
  assert.match(removed.out, /security scheme `Basic` was removed/);

  const changed = gate((doc) => (doc.components.securitySchemes.ApplicationSigned.name = "X-Authorization"));
  assert.equal(changed.code, 1, changed.out);
  assert.match(changed.out, /`name` of security scheme `ApplicationSigned` changed/);

  const prose = gate((doc) => (doc.components.securitySchemes.ApplicationSigned.description += " More words."));
  assert.equal(prose.code, 0, prose.out);
});

test("the signing data of the current spec changed (x-sinch-signature joiner): breaking", () => {
  const current = yaml.load(fs.readFileSync(path.join(root, "spec/sinch-verification.yaml"), "utf8"));
  const file = path.join(dir, `candidate-${++n}.json`);
  const signature = current.components.securitySchemes.ApplicationSigned["x-sinch-signature"];
  assert.ok(signature, "the current spec states x-sinch-signature");
  // Against the current spec as the baseline: a copy with one changed member.
  const edited = structuredClone(current);
  edited.components.securitySchemes.ApplicationSigned["x-sinch-signature"] = { ...signature, changedForTheTest: true };
  fs.writeFileSync(file, JSON.stringify(edited, null, 2));
  const base = path.join(dir, `base-${n}.json`);
  fs.writeFileSync(base, JSON.stringify(current, null, 2));
  const run = spawnSync("node", [path.join(root, "build/spec-tools/spec-compat.mjs"), base, file], { encoding: "utf8" });
  assert.equal(run.status, 1, `${run.stdout}${run.stderr}`);
  assert.match(`${run.stdout}${run.stderr}`, /`x-sinch-signature` of security scheme `ApplicationSigned` changed/);
});

test("a changed spec that keeps the released version fails, naming the version", () => {
  const { code, out } = gate((doc) => { doc.info.description += " More prose."; }, { keepVersion: true });
  assert.equal(code, 1, out);
  assert.match(out, /differs from the released spec .* but its info\.version is/);
});

test("flipping x-sinch-retry-safe is breaking, either way", () => {
  for (const [path, method] of [["/verifications", "post"], ["/verifications/id/{id}", "get"]]) {
    const { code, out } = gate((doc) => { doc.paths[path][method]["x-sinch-retry-safe"] = !doc.paths[path][method]["x-sinch-retry-safe"]; });
    assert.equal(code, 1, out);
    assert.match(out, /`x-sinch-retry-safe` of \w+ changed from (true to false|false to true)/);
  }
});

test("changing x-sinch-signature is breaking and names the part", () => {
  const { code, out } = gate((doc) => { doc.components.securitySchemes.ApplicationSigned["x-sinch-signature"].hmac.algorithm = "HMAC-SHA512"; });
  assert.equal(code, 1, out);
  assert.match(out, /`x-sinch-signature` of security scheme `ApplicationSigned` changed \(hmac\.algorithm "HMAC-SHA256" -> "HMAC-SHA512"\)/);
});

// The program itself, as a team runs it: bad input is exit 2 with a sentence, never a "break" (1).
const program = (...args) => {
  const run = spawnSync(process.execPath, [path.join(root, "build/spec-tools/spec-compat.mjs"), ...args], { encoding: "utf8" });
  return { code: run.status, out: run.stdout + run.stderr };
};

test("bad input is exit 2 with a sentence, not a break", () => {
  const json = path.join(dir, "released.json");
  fs.writeFileSync(json, JSON.stringify(yaml.load(fs.readFileSync(released, "utf8"))));
  const notJson = path.join(dir, "broken.json");
  fs.writeFileSync(notJson, "{x");
  const v31 = path.join(dir, "released-3.1.json");
  fs.writeFileSync(v31, JSON.stringify({ ...yaml.load(fs.readFileSync(released, "utf8")), openapi: "3.1.1" }));
  for (const [args, said] of [
    [[json, path.join(dir, "missing.json")], /cannot read .*missing\.json: no such file/],
    [[json, notJson], /broken\.json is not a JSON OpenAPI document/],
    [[json, v31], /compare two documents of the same rendition/],
    [[json, json, "--strict"], /^usage: /],
  ]) {
    const { code, out } = program(...args);
    assert.equal(code, 2, out);
    assert.match(out, said);
    assert.doesNotMatch(out, /^\s+at /m, "no stack trace");
  }
});
