// Every vector of the published signing-vectors.json through the published TypeScript signer
// (run.sh stages both into published/, as build/publish-spec.sh lays them out in artifacts/spec/).
// A request vector must be reproduced value for value; a callback vector must get its verdict.
// Run by run.sh: node --import tsx --test signing-vectors.test.ts
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  CALLBACK_SCHEME, MAX_SKEW_SECONDS, TIMESTAMP_HEADER, contentMd5, signFetchRequest, signRequest, validateCallback,
  type CallbackReason,
} from "./published/typescript/sinch-signing.ts";

interface RequestVector {
  name: string;
  applicationKey: string;
  applicationSecret: string;
  method: string;
  path: string;
  contentType: string;
  timestamp: string;
  body: string;
  contentMd5: string;
  stringToSign: string;
  signature: string;
  authorization: string;
  mustValidate: boolean;
}

interface CallbackVector {
  name: string;
  applicationKey: string;
  applicationSecret: string;
  maxSkewSeconds: number;
  now: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  mustValidate: boolean;
  reason: CallbackReason;
}

const document = JSON.parse(readFileSync(new URL("./published/signing-vectors.json", import.meta.url), "utf8")) as {
  vectors: RequestVector[];
  callbacks: CallbackVector[];
};
const utf8 = (text: string) => new TextEncoder().encode(text);
// The vectors write "" for "no Content-Type header".
const header = (value: string) => (value === "" ? undefined : value);

for (const v of document.vectors) {
  test(`request vector: ${v.name}`, () => {
    const signed = signRequest({
      applicationKey: v.applicationKey, applicationSecret: v.applicationSecret, method: v.method, path: v.path,
      contentType: header(v.contentType), body: v.body, timestamp: v.timestamp,
    });

    assert.equal(contentMd5(utf8(v.body)), v.contentMd5, "Content-MD5");
    assert.equal(signed.stringToSign, v.stringToSign, "string to sign");
    assert.equal(signed.headers.authorization, v.authorization, "Authorization");
    assert.equal(signed.headers[TIMESTAMP_HEADER], v.timestamp);
    // Bytes and a string with the same UTF-8 encoding sign alike.
    assert.equal(signRequest({ ...v, contentType: header(v.contentType), body: utf8(v.body) }).headers.authorization, v.authorization);

    // A correctly signed request validates at its own time, as a receiver would check it.
    const check = validateCallback({
      authorization: v.authorization, [TIMESTAMP_HEADER]: v.timestamp, "content-type": header(v.contentType),
      method: v.method, path: v.path, body: v.body, applicationKey: v.applicationKey, applicationSecret: v.applicationSecret,
      now: new Date(v.timestamp.slice(0, 19) + "Z"),
    });
    assert.equal(check.reason, v.mustValidate ? "valid" : check.reason);
  });
}

for (const c of document.callbacks) {
  test(`callback vector: ${c.name} -> ${c.mustValidate ? "accept" : "reject"} (${c.reason})`, () => {
    const result = validateCallback({
      ...c.headers, method: c.method, path: c.path, body: c.body, applicationKey: c.applicationKey,
      applicationSecret: c.applicationSecret, now: new Date(c.now), maxSkewSeconds: c.maxSkewSeconds,
    });

    assert.equal(result.reason, c.reason);
    assert.equal(result.valid, c.mustValidate);
  });
}

test("the receivers' default skew is the vectors'", () => {
  assert.ok(document.callbacks.every((c) => c.maxSkewSeconds === MAX_SKEW_SECONDS));
});

test("a callback signed with the lower-case scheme word Sinch uses validates", () => {
  const key = "my-key", secret = "c2VjcmV0IHNlY3JldCBzZWNyZXQ", body = '{"event":"VerificationResultEvent"}';
  const signed = signRequest({
    applicationKey: key, applicationSecret: secret, method: "POST", path: "/sinch/verification", scheme: CALLBACK_SCHEME,
    contentType: "application/json; charset=utf-8", body, timestamp: new Date("2024-05-22T09:38:59Z"),
  });

  assert.match(signed.headers.authorization, /^application my-key:/);
  const result = validateCallback({
    ...signed.headers, "content-type": "application/json; charset=utf-8", method: "POST", path: "/sinch/verification?tenant=1",
    body: utf8(body), applicationKey: key, applicationSecret: secret, now: new Date("2024-05-22T09:39:30Z"),
  });
  assert.deepEqual(result, { valid: true, reason: "valid", signedAt: new Date("2024-05-22T09:38:59Z") }, "a query is never signed");
});

test("signFetchRequest signs the literal + of the path and the bytes that are sent", async () => {
  const v = document.vectors.find((x) => x.path.includes("/+"));
  assert.ok(v, "a vector with a literal + in its path");
  const request = new Request(`http://127.0.0.1${v.path}`, {
    method: v.method, body: v.body, headers: { "content-type": v.contentType },
  });
  assert.equal(new URL(request.url).pathname, v.path, "a WHATWG URL keeps the + literal");

  const signed = await signFetchRequest(request, v);
  const authorization = signed.headers.get("authorization");
  const timestamp = signed.headers.get(TIMESTAMP_HEADER);
  assert.ok(authorization && timestamp);
  assert.equal(await signed.text(), v.body, "the body is still there to send");
  // Same inputs as the vector except the time: recompute with the time it chose.
  assert.equal(authorization, signRequest({ ...v, timestamp }).headers.authorization);
});

test("a bad secret is refused without repeating it", () => {
  const secret = "not*base64*secret!";
  assert.throws(
    () => signRequest({ applicationKey: "k", applicationSecret: secret, method: "GET", path: "/" }),
    (e: Error) => e instanceof TypeError && !e.message.includes(secret),
  );
});

test("a non-ASCII verb never signs and never validates", () => {
  assert.throws(() => signRequest({ applicationKey: "k", applicationSecret: "c2VjcmV0", method: "P\u00d3ST", path: "/" }), TypeError);
  const c = document.callbacks.find((x) => x.mustValidate);
  assert.ok(c);
  const result = validateCallback({
    ...c.headers, method: "P\u0150ST", path: c.path, body: c.body, applicationKey: c.applicationKey,
    applicationSecret: c.applicationSecret, now: new Date(c.now),
  });
  assert.equal(result.reason, "signature-mismatch");
});
