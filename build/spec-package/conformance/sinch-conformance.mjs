#!/usr/bin/env node
// sinch-conformance: checks YOUR implementation of the Sinch Verification contract with only this
// npm package (Node.js 20+, no dependency). Everything it knows comes from the package's published
// files: sinch-verification.json (x-sinch-signature, the callback operation, KnownVerificationMethod
// and the x-sinch-method members), signing-vectors.json and emulator-openapi.yaml's endpoints.
// conformance/README.md says what each check proves and what it does not.
//
//   sinch-conformance signing   --signer "<command>"
//   sinch-conformance callbacks --url <your callback URL>
//   sinch-conformance flows     --base-url <emulator>/verification/v1 --callback-url <URL the emulator calls>
//
// Credentials come from SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET (never from the command
// line, which other users of the machine can read). Exit 0 when every check passes, 1 when one
// fails, 2 for bad usage. Secrets, signatures and codes are never printed; numbers are masked.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { receivedBy, schemeOf, selfCheck } from "./scheme.mjs";

const here = new URL("..", import.meta.url);
const USAGE = `usage:
  sinch-conformance signing   --signer "<command>"          your signer, one JSON line in and out per vector
  sinch-conformance callbacks --url <your callback URL>     every callback vector, re-signed for now, POSTed to you
  sinch-conformance flows     --base-url <URL> --callback-url <URL>
                                                            every method through the emulator, callbacks validated
options: --spec <sinch-verification.json> --vectors <signing-vectors.json> (default: this package's)
environment: SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET (callbacks, flows: what your endpoint / the emulator use)`;

const [command, ...rest] = process.argv.slice(2);
if (rest.some((a) => a === "--help" || a === "-h")) {
  console.log(USAGE);
  process.exit(0);
}
const options = {};
for (let i = 0; i < rest.length; i++) {
  const m = /^--([a-z-]+)$/.exec(rest[i]);
  if (!m || i + 1 >= rest.length) usage(`unexpected argument ${JSON.stringify(rest[i])}`);
  if (!["signer", "url", "base-url", "callback-url", "spec", "vectors"].includes(m[1])) usage(`unknown option --${m[1]}`);
  options[m[1]] = rest[++i];
}
function usage(problem) {
  if (problem) console.error(`sinch-conformance: ${problem}`);
  console.error(USAGE);
  process.exit(2);
}
const read = (option, file) => {
  const at = options[option] ?? new URL(file, here);
  try {
    return JSON.parse(fs.readFileSync(at, "utf8"));
  } catch (error) {
    // Not the parser's message: it quotes the file's first characters (a .env passed by mistake).
    console.error(`sinch-conformance: cannot read ${at}: ${error instanceof SyntaxError ? "it is not JSON" : error.code === "ENOENT" ? "no such file" : error.message}`);
    process.exit(2);
  }
};
const spec = read("spec", "sinch-verification.json");
const vectors = read("vectors", "signing-vectors.json");
if (!Array.isArray(vectors?.vectors) || !Array.isArray(vectors?.callbacks)) {
  usage(`${options.vectors ?? "signing-vectors.json"} is not a signing vector file (it has no "vectors" and "callbacks" lists)`);
}
let scheme;
try {
  scheme = schemeOf(spec);
} catch (error) {
  usage(`${options.spec ?? "sinch-verification.json"}: ${error.message}`);
}
// The kit judges others only once it reproduces every published vector itself.
const disagreements = selfCheck(scheme, vectors);
if (disagreements.length) {
  console.error(`sinch-conformance: the kit's reading of x-sinch-signature disagrees with ${disagreements.join(", ")}: the published files do not agree with each other`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${what}`);
  return ok;
};
const mask = (n) => n.slice(0, 3) + "*".repeat(Math.max(n.length - 5, 0)) + n.slice(-2);
const maskAll = (text) => String(text).replace(/(?:\+|%2B)?\d{6,}/gi, (m) => mask(m.replace(/^%2B/i, "+")));
const credentials = () => {
  const applicationKey = process.env.SINCH_APPLICATION_KEY;
  const applicationSecret = process.env.SINCH_APPLICATION_SECRET;
  if (!applicationKey || !applicationSecret) usage("set SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET to the credentials your endpoint (or the emulator) uses");
  try {
    scheme.signature(applicationSecret, { method: "GET", path: "/", body: "", timestamp: "" });
  } catch {
    usage("SINCH_APPLICATION_SECRET is not Base64");
  }
  return { applicationKey, applicationSecret };
};
const finish = (what) => {
  console.log(`sinch-conformance ${what}: ${passed} checks ok, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};

// ---- signing: your signer reproduces every request vector ------------------------------------
// The protocol: the kit starts your command once and writes one JSON object per line to its stdin,
// one per request vector: {"applicationKey","applicationSecret","method","path","contentType"
// (null: no header),"body" (the UTF-8 text of the bytes; "" = no body),"timestamp"}. Your command
// answers each with one JSON line on stdout: {"authorization": "<the Authorization header>"}
// (optionally "stringToSign", shown when it differs), and exits when stdin closes.
async function signing() {
  if (!options.signer) usage("signing needs --signer \"<command>\"");
  const requests = vectors.vectors;
  // Its own process group, so that a signer that never answers is stopped with everything it
  // started (a shell's child would otherwise keep the pipe open, and the kit would wait forever).
  const child = spawn(options.signer, { shell: true, detached: true, stdio: ["pipe", "pipe", "inherit"] });
  const lines = [];
  let buffer = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    buffer += chunk;
    for (let i; (i = buffer.indexOf("\n")) >= 0; buffer = buffer.slice(i + 1)) lines.push(buffer.slice(0, i));
  });
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(code)).on("error", (e) => resolve(e.message)));
  // A signer that exits before reading every line closes its stdin under us (EPIPE): that is its
  // exit code's and answer count's failure to report below, not a crash of the kit.
  child.stdin.on("error", () => {});
  for (const v of requests) {
    const input = { applicationKey: v.applicationKey, applicationSecret: v.applicationSecret, method: v.method, path: v.path, contentType: v.contentType === "" ? null : v.contentType, body: v.body, timestamp: v.timestamp };
    child.stdin.write(JSON.stringify(input) + "\n");
  }
  child.stdin.end();
  const seconds = 30;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }, seconds * 1000);
  const code = await exited;
  clearTimeout(timer);
  if (timedOut) {
    console.log(`sinch-conformance signing: the signer did not finish within ${seconds} s; it must answer each line and exit when its input closes`);
  }
  if (buffer.trim()) lines.push(buffer);
  console.log(`sinch-conformance signing: ${requests.length} request vectors through ${JSON.stringify(options.signer)}`);
  check(code === 0, `the signer exited ${code === 0 ? "0" : timedOut ? "only when stopped" : `with ${code}`}`);
  check(lines.length === requests.length, `the signer answered ${lines.length} lines for ${requests.length} vectors`);
  requests.forEach((v, i) => {
    let answer = {};
    try {
      answer = JSON.parse(lines[i] ?? "null") ?? {};
    } catch {
      answer = { problem: "not JSON" };
    }
    const ok = answer.authorization === v.authorization;
    const why = ok ? "" : answer.problem ?? (answer.authorization === undefined ? "no authorization" : answer.stringToSign !== undefined && answer.stringToSign !== v.stringToSign
      ? differingLine(String(answer.stringToSign), v.stringToSign) : "another Authorization header");
    check(ok, `${v.name}${why ? `: ${why}` : ""}`);
  });
  finish("signing");
}

// Where a signer's string to sign differs from the vector's: the first line that differs, named
// by x-sinch-signature's field list, both versions shown as JSON strings. Only a phone number's
// digits are masked (after + or %2B, kept as written): a timestamp's digits or a %2B against a +
// are often the very difference.
function differingLine(yours, expected) {
  const names = scheme.data.stringToSign.fields.map((f) => f.name);
  const a = yours.split("\n");
  const b = expected.split("\n");
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  const show = (line) => (line === undefined ? "nothing" : JSON.stringify(line).replace(/(\+|%2B)(\d{6,})/gi, (_, p, d) => p + d.slice(0, 2) + "*".repeat(d.length - 4) + d.slice(-2)));
  return `line ${at + 1} of the string to sign (${names[at] ?? "after the last field"}) differs: yours ${show(a[at])}, expected ${show(b[at])}`;
}

// ---- callbacks: your endpoint accepts every valid vector and refuses every other --------------
// A vector's bytes cannot be replayed as they are: they were signed years ago, for another
// application and another URL. Each is carried over to your endpoint keeping what makes it valid
// or invalid: the same body, Content-Type and header spelling; your key (in another case where the
// vector's key was), a timestamp as far from now as the vector's was from its receiver's clock, and
// a signature made with your secret over the same inputs as the vector's - or, where the vector
// was signed over something else (another body, path, method, timestamp or secret), over that
// other thing, as the vector's signedOver says.
async function callbacks() {
  if (!options.url) usage("callbacks needs --url <your callback URL>");
  const { applicationKey, applicationSecret } = credentials();
  let url;
  try {
    url = new URL(options.url);
  } catch {
    usage(`--url is not a URL: ${JSON.stringify(options.url)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") usage(`--url must be http: or https:, not ${url.protocol}`);
  const operation = callbackOperation(spec);
  const accepted = Object.keys(operation.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
  const refused = Object.keys(operation.responses ?? {}).includes("401") ? 401 : undefined;
  console.log(`sinch-conformance callbacks: ${vectors.callbacks.length} vectors to ${url.origin}${url.pathname} as ${operation.method.toUpperCase()}; the spec's callback operation answers ${accepted.join("/")} when valid, ${refused ?? "?"} when not`);
  const max = BigInt(scheme.data.receiver.maxClockSkewSeconds) * 10_000_000n;
  const margin = 5n * 10_000_000n; // a real clock and a network: keep 5 s off the boundary
  for (const v of vectors.callbacks) {
    const live = carryOver(v, { applicationKey, applicationSecret, url, method: operation.method.toUpperCase(), max, margin });
    if (live.skip) {
      console.log(`  skip  ${v.name}: not sent (${live.skip})`);
      continue;
    }
    const answer = await send(url, live).catch((error) => ({ status: 0, error: error.code ?? error.message }));
    if (answer.status === 0 && passed + failed === 0 && ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"].includes(answer.error)) {
      // Nothing listens there: one line that says so, not one failure per vector.
      console.error(`sinch-conformance callbacks: cannot reach ${url.origin}${url.pathname} (${answer.error}); start your endpoint first`);
      process.exit(1);
    }
    const ok = v.mustValidate ? accepted.includes(String(answer.status)) : answer.status === refused;
    check(ok, `${v.name}${live.note ? ` [${live.note}]` : ""} -> ${answer.status || answer.error} (expected ${v.mustValidate ? accepted.join("/") : refused})`);
  }
  finish("callbacks");
}

function callbackOperation(doc) {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const expressions of Object.values(op?.callbacks ?? {})) {
        for (const cb of Object.values(expressions)) {
          const [method, operation] = Object.entries(cb).find(([m]) => ["post", "put"].includes(m)) ?? [];
          if (operation) return { ...operation, method };
        }
      }
    }
  }
  throw new Error("the spec declares no callback operation");
}

function carryOver(v, { applicationKey, applicationSecret, url, method, max, margin }) {
  const headers = { ...v.headers };
  if (Object.values(headers).some((h) => /[\r\n\0]/.test(h))) return { skip: "a header value with a line break cannot go over HTTP; the signing vectors cover it" };
  const note = new Set();
  // The timestamp: as far from now as it was from the vector's `now`, whole seconds, its text
  // otherwise as written; 5 s off the skew boundary, which a network cannot hit to the 100 ns.
  const nowTicks = scheme.ticks(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z"));
  const shift = (text) => {
    const t = scheme.ticks(scheme.trimmed(text));
    if (t === undefined) return text;
    let age = scheme.ticks(v.now) - t;
    const abs = age < 0n ? -age : age;
    if (abs <= max && abs > max - margin) age = (age < 0n ? -1n : 1n) * (max - margin);
    else if (abs > max && abs < max + margin) age = (age < 0n ? -1n : 1n) * (max + margin);
    if (age !== scheme.ticks(v.now) - t) note.add("kept 5 s off the skew boundary");
    const seconds = Number((nowTicks - age) / 10_000_000n - (nowTicks - age < 0n ? 1n : 0n));
    const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
    // The new time is UTC: an offset becomes Z (a vector's Z, z or missing zone stays as written,
    // since that may be what the vector is about).
    return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2})?/, (_, fraction = "", offset) => `${whole}${fraction}${offset ? "Z" : ""}`);
  };
  // What the vector's receiver got, and what your endpoint gets; swap() maps a value of the vector
  // to yours, and yours (should the vector hold it) to the vector's, so "differs" stays "differs".
  const swap = (value, theirs, ours) => (value === theirs ? ours : value === ours ? theirs : value);
  const livePath = url.pathname;
  const received = receivedBy(scheme, v);
  const live = { method, path: livePath, contentType: received.contentType, body: v.body, timestamp: scheme.trimmed(shift(v.headers["x-timestamp"] ?? "")) };
  if (headers["x-timestamp"] !== undefined) headers["x-timestamp"] = shift(headers["x-timestamp"]);
  const auth = headers.authorization;
  const vectorKey = /^[ \t]*[^ \t]*[ \t]+([^:\s]+):/.exec(auth ?? "")?.[1];
  if (vectorKey !== undefined && vectorKey !== v.applicationKey && vectorKey.toLowerCase() === v.applicationKey.toLowerCase() && !/[a-zA-Z]/.test(applicationKey)) {
    return { skip: "your key has no letters, so it has no other case to send; test it with a key that has some" };
  }
  if (auth !== undefined) {
    const ourKey = (key) => (key === v.applicationKey ? applicationKey : key.toLowerCase() === v.applicationKey.toLowerCase() ? otherCase(applicationKey) : key === applicationKey ? v.applicationKey : key);
    const correct = scheme.signature(v.applicationSecret, received);
    const m = /^([ \t]*[^ \t]*[ \t]+)([^:\s]+)(:)([\s\S]*)$/.exec(auth);
    if (m) {
      let [, head, key, colon, tail] = m;
      key = ourKey(key);
      const bare = tail.replace(/^[ \t]+|[ \t]+$/g, "");
      const around = tail.split(bare);
      let signed;
      if (bare === correct) signed = scheme.signature(applicationSecret, live);
      else {
        // The vector file says what its signature was made over instead (signedOver): the same
        // mismatch is made for your endpoint, with your secret unless the other secret is the point.
        const other = v.signedOver;
        if (other) {
          const variant = { ...live };
          const field = Object.keys(other).find((name) => name !== "applicationSecret");
          if (field === "method") variant.method = swap(other.method, received.method, live.method);
          else if (field === "path") variant.path = swap(other.path, received.path, livePath);
          else if (field === "timestamp") variant.timestamp = scheme.trimmed(shift(other.timestamp));
          else if (field) variant[field] = other[field];
          signed = scheme.signature(other.applicationSecret ?? applicationSecret, variant);
          note.add(`signed over another ${field ?? "secret"}`);
        } else {
          signed = editLike(bare, correct, scheme.signature(applicationSecret, live));
        }
      }
      headers.authorization = `${head}${key}${colon}${around[0] ?? ""}${signed}${around[1] ?? ""}`;
    }
  }
  return { method, headers, body: Buffer.from(v.body, "utf8"), note: [...note].join(", "), path: url.pathname + url.search };
}

// The vector's signature text differs from the correct one by a small edit (one character
// changed, white space inserted, the padding dropped): the same edit of your correct signature.
// Anything else (not Base64, another length) stays as it is: it matches no secret either way.
function editLike(given, correct, ours) {
  let p = 0;
  while (p < given.length && p < correct.length && given[p] === correct[p]) p++;
  let q = 0;
  while (q < given.length - p && q < correct.length - p && given.at(-1 - q) === correct.at(-1 - q)) q++;
  if (p + q < correct.length - 2) return given;
  let middle = given.slice(p, given.length - q);
  const edited = () => ours.slice(0, p) + middle + ours.slice(correct.length - q);
  if (edited() === ours) middle = middle.replace(/./, (c) => (c === "A" ? "B" : "A")); // never the correct one by chance
  return edited();
}

const otherCase = (text) => {
  const swapped = text.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  return swapped;
};

function send(url, live) {
  return new Promise((resolve, reject) => {
    // The URL object itself, not its hostname: an IPv6 host keeps its meaning without brackets.
    const request = (url.protocol === "https:" ? https : http).request(
      new URL(live.path, url),
      { method: live.method, headers: { ...live.headers, "content-length": live.body.length } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode }));
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error("no answer within 10 s")));
    request.on("error", reject);
    request.end(live.body);
  });
}

const commands = {
  signing,
  callbacks,
  flows: async () => {
    const { flows } = await import("./flows.mjs");
    await flows({ spec, scheme, options, check, mask, maskAll, credentials: credentials(), usage });
    finish("flows");
  },
};
if (command === "--help" || command === "-h" || command === "help") {
  console.log(USAGE);
  process.exit(0);
}
if (!commands[command]) usage(command ? `unknown command ${JSON.stringify(command)}` : undefined);
try {
  await commands[command]();
} catch (error) {
  // fetch says only "fetch failed"; its cause names what happened (ECONNREFUSED, ENOTFOUND, ...).
  const cause = error?.name === "TimeoutError" ? "no answer within 10 s" : error?.cause?.code ?? error?.cause?.message;
  console.error(`sinch-conformance ${command}: stopped: ${maskAll(error?.message ?? error)}${cause ? ` (${cause}: is ${options["base-url"] ?? options.url ?? "the URL"} running?)` : ""}`);
  process.exit(1);
}
