// sinch-conformance flows: every method of the spec through a running emulator
// (`sinch-verification emulator --key <key> --callback-url <URL>`, the .NET tool), every request
// signed by the kit's signer (built from x-sinch-signature and proven on every vector first), every
// callback the emulator sends validated by the kit's receiver at --callback-url.
//
// Driven by the published data: the methods are KnownVerificationMethod's values; the member of a
// schema marked `x-sinch-method: <method>` says which object a start answers and which object a
// report carries. A method with a report member: start -> the emulator's outbox (its stand-in for
// the phone; the path is emulator-openapi.yaml's `getOutboxMessage`) -> report (by number and by
// id, in turn) -> status by id, by reference and by method and number. Without one (seamless):
// start -> an unsigned GET of the target URI the start answered -> status. Then a start the
// receiver denies, a body changed after signing (the emulator must refuse it: otherwise passing
// proves nothing), and the result events.
import fs from "node:fs";
import http from "node:http";

export async function flows({ spec, scheme, options, check, mask, maskAll, credentials, usage }) {
  if (!options["base-url"] || !options["callback-url"]) usage("flows needs --base-url <emulator>/verification/v1 and --callback-url <the URL the emulator was started with>");
  const baseUrl = options["base-url"].replace(/\/$/, "");
  let callbackUrl;
  try {
    callbackUrl = new URL(options["callback-url"]);
    new URL(options["base-url"]);
  } catch {
    usage("--base-url and --callback-url must be URLs");
  }
  // The kit listens there itself: without a port it would listen on any free one while the
  // emulator calls port 80, and every event would just "not arrive".
  if (callbackUrl.protocol !== "http:" || !callbackUrl.port) usage("--callback-url must be http: with an explicit port, e.g. http://127.0.0.1:5081/sinch/verification");
  const { applicationKey, applicationSecret } = credentials;
  const schemas = spec.components?.schemas ?? {};
  const schema = (name) => schemas[name] ?? (() => { throw new Error(`the spec has no schema ${name}`); })();
  const memberFor = (owner, method) => {
    const entry = Object.entries(schema(owner).properties ?? {}).find(([, p]) => p["x-sinch-method"] === method);
    return entry && { name: entry[0], schema: schema(String(entry[1].$ref).split("/").pop()) };
  };
  const methods = (schema("KnownVerificationMethod").enum ?? []).map(String);
  // The outbox path, from the emulator's own description of its endpoints.
  const emulatorDescription = fs.readFileSync(new URL("../emulator-openapi.yaml", import.meta.url), "utf8");
  const outboxPath = /^ {2}(\/[^\s:]*\/\{[^}]+\}):\s*\n\s+get:\s*\n\s+operationId: getOutboxMessage$/m.exec(emulatorDescription)?.[1];
  if (!outboxPath) throw new Error("emulator-openapi.yaml has no getOutboxMessage path");
  const origin = new URL(baseUrl).origin;

  // Every request to the emulator gets an answer within this, or the run stops and says so: a
  // server that accepts and never answers would otherwise hold each fetch for minutes.
  const answerMs = 10_000;

  // ---- the callback receiver ----
  const received = [];
  const deniedNumber = "+46700000199";
  const server = http.createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    // Validated against the path that arrived, which must be the callback URL's: a sender that
    // signed one path and posted to another fails here.
    const arrived = new URL(request.url, callbackUrl).pathname;
    const reason = arrived !== callbackUrl.pathname ? `posted to another path than the callback URL's` : scheme.validate({
      headers: request.headers, method: request.method, path: arrived, body, applicationKey, applicationSecret, now: new Date().toISOString(),
    });
    let event = {};
    try { event = JSON.parse(body.toString("utf8")); } catch { /* recorded with no event name */ }
    received.push({ event: String(event.event ?? ""), id: String(event.id ?? ""), method: String(event.method ?? ""), status: String(event.status ?? ""), reason, scheme: String(request.headers.authorization ?? "").split(" ")[0] });
    if (reason !== "valid") return response.writeHead(401).end();
    if (event.event === "VerificationRequestEvent") {
      return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ action: event.identity?.endpoint === deniedNumber ? "deny" : "allow" }));
    }
    response.writeHead(200).end();
  });
  await new Promise((resolve, reject) => server.once("error", (error) => (error.code === "EADDRINUSE" ? usage(`--callback-url: port ${callbackUrl.port} is in use; stop what listens there, or start the emulator with another callback URL`) : reject(error))).listen(Number(callbackUrl.port), callbackUrl.hostname.replace(/^\[(.*)\]$/, "$1"), resolve));

  // ---- the client: every request signed over exactly what is sent ----
  const sentPaths = [];
  const api = async (method, path, body) => {
    const url = new URL(baseUrl + path);
    const text = body === undefined ? "" : JSON.stringify(body);
    const contentType = body === undefined ? undefined : "application/json";
    const timestamp = new Date().toISOString();
    const signed = { method, path: url.pathname, contentType, body: text, timestamp };
    sentPaths.push(url.pathname);
    const response = await fetch(url, {
      signal: AbortSignal.timeout(answerMs),
      method, body: body === undefined ? undefined : text,
      headers: { authorization: scheme.authorization(applicationKey, applicationSecret, signed), "x-timestamp": timestamp, ...(contentType ? { "content-type": contentType } : {}) },
    });
    const data = await response.json().catch(() => undefined);
    return { status: response.status, data, problem: `HTTP ${response.status}, errorCode ${data?.errorCode}: ${maskAll(data?.message ?? "")}` };
  };
  // A number's + goes into the path literally, as the spec says (never %2B).
  const segment = (value) => encodeURIComponent(value).replace(/%2B/g, "+");

  console.log(`sinch-conformance flows: ${methods.length} methods (${methods.join(", ")}) through the emulator at ${origin}; callbacks at ${callbackUrl.href}`);
  const runId = Date.now().toString(36);
  const verified = new Map();
  let reports = 0;
  let signedAccepted = false;
  try {
    check(methods.length > 0, `KnownVerificationMethod lists ${methods.length} methods`);
    for (const [i, method] of methods.entries()) {
      const endpoint = `+46700000${101 + i}`;
      const reference = `conformance-${method}-${runId}`;
      const label = method.padEnd(9);
      const start = await api("POST", "/verifications", { identity: { type: "number", endpoint }, method, reference });
      if (i === 0 && start.status === 404) usage(`${baseUrl} answered 404 to POST /verifications: --base-url is the API's base URL, ending in /verification/v1`);
      if (start.status === 200) signedAccepted = true;
      const answered = memberFor("StartVerificationResponse", method);
      const details = answered && start.data?.[answered.name];
      if (!check(start.status === 200 && !!start.data?.id && (!answered?.schema.required?.length || !!details),
        `${label} start ${mask(endpoint)} -> ${start.status === 200 ? `200${answered ? `, ${answered.name} ${details ? "answered" : "missing from the answer"}` : ""}` : start.problem}`)) continue;
      const id = start.data.id;
      const asked = received.find((r) => r.id === id && r.event === "VerificationRequestEvent");
      check(asked?.reason === "valid", `${label} VerificationRequestEvent ${asked ? `arrived, ${asked.reason}, answered allow` : "did not arrive"}`);

      const report = memberFor("ReportVerificationRequest", method);
      if (report) {
        const field = report.schema.required?.length === 1 ? report.schema.required[0] : undefined;
        if (!check(!!field, `${label} the report member ${report.name} names one required member`)) continue;
        const outbox = await fetch(origin + outboxPath.replace(/\{[^}]+\}/, encodeURIComponent(id)), { signal: AbortSignal.timeout(answerMs) });
        const message = outbox.ok ? await outbox.json() : {};
        if (!check(!!message.code, `${label} the outbox has the ${report.name}.${field} to report${message.code ? "" : ` (HTTP ${outbox.status})`}`)) continue;
        const body = { method, [report.name]: { [field]: message.code } };
        const byNumber = reports++ % 2 === 0;
        const done = await api("PUT", byNumber ? `/verifications/number/${segment(endpoint)}` : `/verifications/id/${segment(id)}`, body);
        check(done.data?.status === "SUCCESSFUL", `${label} report ${report.name}.${field} by ${byNumber ? "number" : "id"} -> ${done.data?.status ?? done.problem}`);
      } else {
        const target = typeof details?.targetUri === "string" && URL.canParse(details.targetUri) ? details.targetUri : undefined;
        if (!check(!!target, `${label} no report member in the spec: the start answers ${answered?.name ?? "no object"}.targetUri`)) continue;
        const got = await fetch(target, { signal: AbortSignal.timeout(answerMs) });
        const answer = await got.json().catch(() => ({}));
        check(got.status === 200 && answer.status === "SUCCESSFUL", `${label} unsigned GET of ${answered.name}.targetUri -> HTTP ${got.status}, ${answer.status}`);
      }
      const lookups = [
        ["id", await api("GET", `/verifications/id/${segment(id)}`)],
        ["reference", await api("GET", `/verifications/reference/${segment(reference)}`)],
        ["method and number", await api("GET", `/verifications/${segment(method)}/number/${segment(endpoint)}`)],
      ];
      const wrong = lookups.filter(([, s]) => s.data?.status !== "SUCCESSFUL" || s.data.id !== id || s.data.method !== method);
      check(!wrong.length, `${label} status by ${lookups.map(([how]) => how).join(", ")} -> ${wrong.length ? wrong.map(([how, s]) => `by ${how}: ${s.data?.status ?? s.problem}`).join("; ") : "SUCCESSFUL"}`);
      verified.set(id, method);
    }

    const denied = await api("POST", "/verifications", { identity: { type: "number", endpoint: deniedNumber }, method: methods[0] });
    const deniedStatus = denied.data?.id ? await api("GET", `/verifications/id/${segment(denied.data.id)}`) : denied;
    check(deniedStatus.data?.status === "DENIED", `deny      a start the receiver denied -> ${deniedStatus.data?.status ?? deniedStatus.problem}`);

    // The emulator checks what is signed: a body changed after signing is refused.
    const path = new URL(baseUrl + "/verifications").pathname;
    const timestamp = new Date().toISOString();
    const signedBody = JSON.stringify({ identity: { type: "number", endpoint: "+46700000101" }, method: methods[0] });
    const tampered = await fetch(origin + path, {
      signal: AbortSignal.timeout(answerMs),
      method: "POST", body: signedBody.replace(methods[0], methods[1] ?? "x"),
      headers: { authorization: scheme.authorization(applicationKey, applicationSecret, { method: "POST", path, contentType: "application/json", body: signedBody, timestamp }), "x-timestamp": timestamp, "content-type": "application/json" },
    });
    // Only meaningful when the same signer's untouched requests were accepted.
    check(signedAccepted && tampered.status === 401, `control   a body changed after signing -> HTTP ${tampered.status} (expected 401${signedAccepted ? "" : "; proves nothing here: no signed start was accepted, check the key and secret"})`);

    const results = () => [...verified].filter(([id, method]) => received.some((r) => r.id === id && r.event === "VerificationResultEvent" && r.reason === "valid" && r.status === "SUCCESSFUL" && r.method === method));
    for (const deadline = Date.now() + 10_000; results().length < verified.size && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    check(verified.size === methods.length && results().length === methods.length, `callbacks VerificationResultEvent SUCCESSFUL, validated, for ${results().length} of ${methods.length} methods`);
    const invalid = received.filter((r) => r.reason !== "valid");
    check(received.length > 0 && !invalid.length, `callbacks ${received.length - invalid.length} of ${received.length} validated${invalid.map((r) => `; ${r.event || "?"} ${r.reason}`).join("")}`);
    const numberPaths = sentPaths.filter((p) => p.includes("/number/"));
    check(numberPaths.length > 0 && numberPaths.every((p) => p.includes("/+")), `paths     the + of a number went into ${numberPaths.length} signed paths literally`);
  } finally {
    server.close();
  }
}
