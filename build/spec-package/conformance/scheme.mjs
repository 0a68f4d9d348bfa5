// The signing scheme as the conformance kit uses it: built from the published data alone
// (components.securitySchemes.ApplicationSigned["x-sinch-signature"] of sinch-verification.json),
// never from a hand-written formula. Each name of the data's vocabulary has its meaning here as
// code; a name the data uses that is not here stops the kit (the data says something new).
// Before any check runs, the kit proves this reading against every vector of
// signing-vectors.json (selfCheck), so a kit that disagrees with the published vectors never
// judges anyone else's code.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const SOURCES = {
  "request.method": (r) => r.method,
  "request.body": (r) => (r.body.length ? r.body : undefined),
  "request.path": (r) => r.path,
  "header:Content-Type": (r) => (r.contentType ? r.contentType : undefined),
  "header:x-timestamp": (r) => r.timestamp,
};
const TRANSFORMS = {
  "ascii-uppercase": (v) => String(v).replace(/[a-z]/g, (c) => c.toUpperCase()),
  "base64-md5": (v) => createHash("md5").update(v).digest("base64"),
  none: (v) => (typeof v === "string" ? v : Buffer.from(v).toString("utf8")),
};
const WHEN_ABSENT = { empty: "" };
const EXCLUDES = { query: (v) => String(v).split("?", 1)[0] };

/** The scheme of a published spec document: stringToSign, sign, validate. */
export function schemeOf(spec) {
  const data = spec.components?.securitySchemes?.ApplicationSigned?.["x-sinch-signature"];
  if (!data?.stringToSign?.fields) throw new Error("the spec has no components.securitySchemes.ApplicationSigned[\"x-sinch-signature\"]");
  const recipe = data.stringToSign;
  for (const field of recipe.fields) {
    for (const [kind, table] of [["source", SOURCES], ["transform", TRANSFORMS], ["whenAbsent", WHEN_ABSENT], ["excludes", EXCLUDES]]) {
      const name = field[kind] ?? (kind === "transform" ? "none" : undefined);
      if (name !== undefined && !(name in table)) throw new Error(`x-sinch-signature uses the ${kind} "${name}", which this kit does not know: update the kit`);
    }
  }
  if (data.hmac.algorithm !== "HMAC-SHA256") throw new Error(`x-sinch-signature asks for ${data.hmac.algorithm}, which this kit does not know`);
  const trim = new Set(data.headerValues?.trim ?? [" ", "\t"]);
  const trimmed = (value) => {
    let text = String(value ?? "");
    while (text && trim.has(text[0])) text = text.slice(1);
    while (text && trim.has(text.at(-1))) text = text.slice(0, -1);
    return text;
  };
  const pattern = new RegExp(data.timestamp.pattern.replace(/\$$/, "(?![\\s\\S])"));

  /** request: { method, path, contentType?, body: Buffer|string, timestamp } */
  const stringToSign = (request) => {
    const r = { ...request, body: Buffer.from(request.body ?? "") };
    return recipe.fields
      .map((f) => {
        let value = SOURCES[f.source](r);
        if (value === undefined) value = WHEN_ABSENT[f.whenAbsent] ?? "";
        else {
          if (f.excludes) value = EXCLUDES[f.excludes](value);
          value = TRANSFORMS[f.transform ?? "none"](value);
        }
        return (f.prefix ?? "") + value;
      })
      .join(recipe.joiner);
  };
  const key = (secret) => {
    const text = String(secret).trim().replace(/-/g, "+").replace(/_/g, "/");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error("the application secret is not Base64");
    return Buffer.from(text, "base64");
  };
  const signature = (secret, request) => createHmac("sha256", key(secret)).update(Buffer.from(stringToSign(request), "utf8")).digest("base64");
  const authorization = (applicationKey, secret, request, scheme = data.header.scheme) =>
    data.header.format.replace("{scheme}", scheme).replace("{applicationKey}", applicationKey).replace("{signature}", signature(secret, request));

  // 100 ns units since 1970 (receiver.skewPrecisionNanoseconds), digits after the 7th dropped.
  const ticks = (value) => {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
    if (!m || !pattern.test(value)) return undefined;
    // Fields in range: the date and time read back as written (no 30 February, no second 60).
    const local = Date.parse(m[1] + "Z");
    if (Number.isNaN(local) || new Date(local).toISOString().slice(0, 19) !== m[1]) return undefined;
    const ms = Date.parse(m[1] + (m[3] && m[3] !== "Z" ? m[3] : "Z"));
    return BigInt(ms / 1000) * 10_000_000n + BigInt((m[2] ?? "0").padEnd(7, "0").slice(0, 7));
  };

  /** A receiver's verdict: { valid, reason } with the vectors' reason words. */
  const validate = ({ headers, method, path, body, applicationKey, applicationSecret, now, maxSkewSeconds = data.receiver.maxClockSkewSeconds }) => {
    const auth = trimmed(headers.authorization);
    if (!auth.trim()) return "missing-authorization";
    const m = /^([^ ]+) ([\x21-\x39\x3B-\x7E]+):([\x21-\x39\x3B-\x7E]+)$/.exec(auth);
    if (!m || m[1].toLowerCase() !== data.header.scheme.toLowerCase()) return "malformed-authorization";
    if (m[2] !== applicationKey) return "unknown-application-key";
    const timestamp = trimmed(headers["x-timestamp"]);
    if (!timestamp) return "missing-timestamp";
    const signedAt = ticks(timestamp);
    if (signedAt === undefined) return "malformed-timestamp";
    const expected = Buffer.from(signature(applicationSecret, { method, path, contentType: headers["content-type"], body, timestamp }));
    const given = Buffer.from(m[3]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature-mismatch";
    const age = ticks(now) - signedAt;
    const window = BigInt(maxSkewSeconds) * 10_000_000n;
    if (age > window) return "too-old";
    if (-age > window) return "too-far-in-future";
    return "valid";
  };
  return { data, stringToSign, signature, authorization, validate, ticks, trimmed };
}

/** Every vector through the kit's own reading of the data; the names of those that disagree. */
export function selfCheck(scheme, vectors) {
  const wrong = [];
  for (const v of vectors.vectors) {
    const request = { method: v.method, path: v.path, contentType: v.contentType, body: v.body, timestamp: v.timestamp };
    if (scheme.stringToSign(request) !== v.stringToSign || scheme.authorization(v.applicationKey, v.applicationSecret, request) !== v.authorization) wrong.push(`request vector "${v.name}"`);
  }
  for (const c of vectors.callbacks) {
    if (scheme.validate({ ...c, now: c.now }) !== c.reason) wrong.push(`callback vector "${c.name}"`);
    // signedOver names what the signature was made over instead; the kit repeats that mismatch.
    if (c.signedOver && signatureIn(c.headers?.authorization) !== scheme.signature(c.signedOver.applicationSecret ?? c.applicationSecret, { ...receivedBy(scheme, c), ...c.signedOver })) {
      wrong.push(`callback vector "${c.name}" (its signedOver)`);
    }
  }
  return wrong;
}

/** What a callback vector's receiver got, as the inputs of the string to sign. */
export function receivedBy(scheme, c) {
  return { method: c.method, path: c.path, contentType: c.headers?.["content-type"], body: c.body, timestamp: scheme.trimmed(c.headers?.["x-timestamp"]) };
}

/** The signature part of an Authorization header value, spaces and tabs around it removed. */
const signatureIn = (header) => /:([\s\S]*)$/.exec(header ?? "")?.[1].replace(/^[ \t]+|[ \t]+$/g, "");
