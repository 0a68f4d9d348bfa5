/**
 * Sinch application signed requests, for TypeScript on Node.js 18+ (also Deno and Bun, which
 * provide node:crypto). One file, no npm dependency: copy it into your project.
 *
 * The scheme is stated as data in the spec, components/securitySchemes/ApplicationSigned/
 * x-sinch-signature, and signing-vectors.json beside the spec holds the vectors this file
 * passes (request vectors it must reproduce, callbacks it must accept or reject):
 *
 *   Authorization: Application {applicationKey}:{signature}
 *   signature    = Base64(HMAC-SHA256(Base64Decode(applicationSecret), UTF8(stringToSign)))
 *   stringToSign = VERB \n Base64(MD5(body)) or "" \n Content-Type or "" \n x-timestamp:{timestamp} \n path
 *
 * Everything is computed over what goes on the wire: the body bytes, the Content-Type header
 * and the path exactly as sent (a phone number's "+" literally, never "%2B"). node:crypto
 * rather than WebCrypto because WebCrypto has no MD5.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The scheme word of API requests. Receivers compare it in any case. */
export const SCHEME = "Application";
/** The scheme word as Sinch writes it on callbacks (some receivers compare it exactly). */
export const CALLBACK_SCHEME = "application";
/** The header carrying the signed time. */
export const TIMESTAMP_HEADER = "x-timestamp";
/** How far a receiver lets x-timestamp be from its clock, either way (x-sinch-signature.receiver). */
export const MAX_SKEW_SECONDS = 300;

/** A body as bytes, or as a string that is sent UTF-8 encoded. */
export type Body = Uint8Array | ArrayBuffer | string;

export interface SignRequestInput {
  applicationKey: string;
  /** Base64; missing padding and the URL-safe alphabet are accepted. */
  applicationSecret: string;
  /** The HTTP verb; signed upper case. */
  method: string;
  /** The path exactly as sent, with its leading "/". A query is never signed and is ignored here. */
  path: string;
  /** The Content-Type header exactly as sent (charset included); none when absent or empty. */
  contentType?: string | null | undefined;
  /** The body exactly as sent; none when absent or empty. */
  body?: Body | null | undefined;
  /** The x-timestamp to send; now when absent. A Date is written as ISO-8601 UTC. */
  timestamp?: string | Date | undefined;
  /** The scheme word; "Application" when absent ("application" to sign a callback as Sinch does). */
  scheme?: string | undefined;
}

export interface SignedRequest {
  /** The two headers to add to the request. */
  headers: { authorization: string; "x-timestamp": string };
  /** What was signed, for debugging a mismatch; it holds the path (which may hold a phone number). */
  stringToSign: string;
}

/** Signs one request: returns the Authorization and x-timestamp headers to send with it. */
export function signRequest(input: SignRequestInput): SignedRequest {
  const { applicationKey, applicationSecret, method, contentType, body, scheme = SCHEME } = input;
  if (!/^[\x21-\x39\x3B-\x7E]+$/.test(applicationKey)) {
    throw new TypeError("applicationKey is missing, or contains ':', white space or a control character");
  }
  if (!isAsciiToken(method)) {
    throw new TypeError("method must be an ASCII token such as POST");
  }
  const path = withoutQuery(input.path);
  if (!path.startsWith("/")) {
    throw new TypeError("path must be the request path as sent, starting with '/'");
  }
  const timestamp = input.timestamp === undefined ? new Date().toISOString()
    : input.timestamp instanceof Date ? input.timestamp.toISOString() : input.timestamp;
  const stringToSign = buildStringToSign(method, path, contentType, toBytes(body), timestamp);
  const signature = hmac(decodeSecret(applicationSecret), stringToSign).toString("base64");
  return {
    headers: { authorization: `${scheme} ${applicationKey}:${signature}`, [TIMESTAMP_HEADER]: timestamp },
    stringToSign,
  };
}

/** Why a callback was accepted or rejected; the words of signing-vectors.json. */
export type CallbackReason =
  | "valid"
  | "missing-authorization"
  | "malformed-authorization"
  | "unknown-application-key"
  | "missing-timestamp"
  | "malformed-timestamp"
  | "signature-mismatch"
  | "too-old"
  | "too-far-in-future";

type HeaderValue = string | string[] | null | undefined;

export interface ValidateCallbackInput {
  /** The Authorization header as received. */
  authorization?: HeaderValue;
  /** The x-timestamp header as received. */
  "x-timestamp"?: HeaderValue;
  /** The Content-Type header as received. */
  "content-type"?: HeaderValue;
  /** Other headers are ignored, so Node's request headers can be spread in: {...req.headers, ...}. */
  [header: string]: unknown;
  /** The HTTP verb received. */
  method: string;
  /** The path of your callback URL as received (what Sinch signed); a query is ignored. */
  path: string;
  /** The raw body as received, never a re-serialized object. */
  body: Body;
  applicationKey: string;
  /** Base64; missing padding and the URL-safe alphabet are accepted. */
  applicationSecret: string;
  /** The clock to judge x-timestamp by; the system clock when absent. */
  now?: Date | number | undefined;
  /** How far x-timestamp may be from now, either way, inclusive; 300 when absent, Infinity not to judge the age. */
  maxSkewSeconds?: number | undefined;
}

export interface CallbackValidation {
  valid: boolean;
  reason: CallbackReason;
  /** The x-timestamp as a Date, once it could be read. */
  signedAt?: Date;
}

/**
 * Checks that a callback was signed by your application over exactly these bytes and headers,
 * and recently. Never throws for any received input (only for an applicationSecret that is not
 * Base64, which is your configuration). The signature is checked before the age, so a forged
 * callback is reported as "signature-mismatch", never merely "too-old".
 */
export function validateCallback(input: ValidateCallbackInput): CallbackValidation {
  const authorization = trimOws(single(input.authorization));
  if (!authorization || !authorization.trim()) {
    return rejected("missing-authorization");
  }
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    return rejected("malformed-authorization");
  }
  // The key only selects the secret (it is not signed); compared exactly (x-sinch-signature.header.keyComparison).
  if (parsed.key !== input.applicationKey) {
    return rejected("unknown-application-key");
  }
  const timestamp = trimOws(single(input["x-timestamp"]));
  if (!timestamp) {
    return rejected("missing-timestamp");
  }
  const signedAtNs = parseTimestampNs(timestamp);
  if (signedAtNs === undefined) {
    return rejected("malformed-timestamp");
  }
  const signedAt = new Date(Number(signedAtNs / 1_000_000n));
  if (!isAsciiToken(input.method)) {
    return { valid: false, reason: "signature-mismatch", signedAt };
  }
  const expected = hmac(decodeSecret(input.applicationSecret),
    buildStringToSign(input.method, withoutQuery(input.path), single(input["content-type"]), toBytes(input.body), timestamp));
  // Compared as text with the padded, standard Base64 of the HMAC: no decoder's leniency decides.
  const received = Buffer.from(parsed.signature, "utf8");
  const wanted = Buffer.from(expected.toString("base64"), "utf8");
  if (received.length !== wanted.length || !timingSafeEqual(received, wanted)) {
    return { valid: false, reason: "signature-mismatch", signedAt };
  }
  const skewSeconds = input.maxSkewSeconds ?? MAX_SKEW_SECONDS;
  if (skewSeconds === Infinity) {
    return { valid: true, reason: "valid", signedAt }; // age not judged: for replaying recorded callbacks
  }
  const now = input.now instanceof Date ? input.now.getTime() : input.now ?? Date.now();
  const ageNs = BigInt(Math.trunc(now)) * 1_000_000n - signedAtNs;
  const windowNs = BigInt(Math.round(skewSeconds * 1000)) * 1_000_000n;
  const reason: CallbackReason = ageNs > windowNs ? "too-old" : -ageNs > windowNs ? "too-far-in-future" : "valid";
  return { valid: reason === "valid", reason, signedAt };
}

/**
 * Signs a WHATWG fetch Request in place over what it will send: its method, the path of its URL
 * (as the URL keeps it: a literal "+" stays "+"), its Content-Type and its body bytes. Returns the
 * same request, so it fits openapi-fetch's middleware: { onRequest: ({ request }) => signFetchRequest(request, credentials) }.
 */
export async function signFetchRequest(
  request: Request,
  credentials: { applicationKey: string; applicationSecret: string },
): Promise<Request> {
  const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
  const { headers } = signRequest({
    ...credentials,
    method: request.method,
    path: new URL(request.url).pathname,
    contentType: request.headers.get("content-type"),
    body,
  });
  request.headers.set("authorization", headers.authorization);
  request.headers.set(TIMESTAMP_HEADER, headers[TIMESTAMP_HEADER]);
  return request;
}

/** The string the HMAC is computed over. */
export function buildStringToSign(method: string, path: string, contentType: string | null | undefined, body: Uint8Array, timestamp: string): string {
  return [method.toUpperCase(), contentMd5(body), contentType ?? "", `${TIMESTAMP_HEADER}:${timestamp}`, path].join("\n");
}

/** Base64(MD5(body)), or "" for an empty body. */
export function contentMd5(body: Uint8Array): string {
  return body.length === 0 ? "" : createHash("md5").update(body).digest("base64");
}

function rejected(reason: CallbackReason): CallbackValidation {
  return { valid: false, reason };
}

function hmac(key: Buffer, stringToSign: string): Buffer {
  return createHmac("sha256", key).update(stringToSign, "utf8").digest();
}

function toBytes(body: Body | null | undefined): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return new TextEncoder().encode(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

function single(value: HeaderValue): string | undefined {
  if (Array.isArray(value)) return value.join(", "); // as Node joins a repeated header
  return value ?? undefined;
}

function withoutQuery(path: string): string {
  const query = path.indexOf("?");
  return query < 0 ? path : path.slice(0, query);
}

function isAsciiToken(method: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method);
}

/**
 * x-sinch-signature.header.grammar, on the trimmed value: the scheme word in any case, exactly one
 * space, then {key}:{signature}, each 1*VCHAR without ':' (no white space, no control character).
 */
function parseAuthorization(header: string): { key: string; signature: string } | undefined {
  const m = /^([^ ]+) ([\x21-\x39\x3B-\x7E]+):([\x21-\x39\x3B-\x7E]+)$/.exec(header);
  if (!m || m[1]!.toLowerCase() !== SCHEME.toLowerCase()) return undefined;
  return { key: m[2]!, signature: m[3]! };
}

/** x-sinch-signature.headerValues.trim: spaces and tabs around a field value are not part of it (RFC 9110); nothing else is removed. */
function trimOws(value: string | undefined): string | undefined {
  return value?.replace(/^[ \t]+|[ \t]+$/g, "");
}

// Lenient, as secrets are found in the wild: white space around, no padding, URL-safe alphabet.
function decodeSecret(secret: string): Buffer {
  const text = (secret ?? "").trim().replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!text || text.length % 4 === 1 || !/^[A-Za-z0-9+/]+$/.test(text)) {
    // Never repeat the secret in a message.
    throw new TypeError("applicationSecret is missing or not valid Base64");
  }
  return Buffer.from(text, "base64");
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/** ISO-8601 with seconds, no or 1 to 9 fractional digits, and Z, an offset or none (UTC): nanoseconds since 1970, cut to 100 ns. */
function parseTimestampNs(value: string): bigint | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN] = m.slice(1, 7).map(Number);
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day
    || date.getUTCHours() !== hour || date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) {
    return undefined; // a field out of range (month 13, hour 24, ...) rolled over: refuse it
  }
  const ms = date.getTime();
  const zone = m[8];
  const offsetMinutes = !zone || zone === "Z" ? 0
    : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  // 100 ns is the finest unit the C# SDK keeps; cut, never round, so both judge the same instant.
  const fraction = BigInt((m[7] ?? "").padEnd(9, "0").slice(0, 7) + "00");
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + fraction;
}
