// The flow every generated client runs against the emulator (run.sh starts one for all of them):
// an SMS verification started with a reference that needs path-encoding, the code read from the
// emulator's outbox, the code reported BY NUMBER (PUT /verifications/number/{endpoint}), then
// the status read by number (GET /verifications/{method}/number/{endpoint}) and by reference.
// Each generator's file (openapi-fetch.ts, hey-api.ts, orval.ts) supplies the calls through its
// generated client; this file only checks what came back and what went on the wire:
//
//   - the number's `+` is sent literally in every path that holds it, never as %2B (the spec's
//     rule; the emulator answers 400 to %2B, and signs nothing else);
//   - the reference arrives intact (it holds a space and a `#`: sent unencoded, it would cut
//     the URL), so the `+` setting did not switch path-encoding off;
//   - the status read by number is the verification just completed, with the number it was for.
//
// Phone numbers are masked in the output; the code, the secret and signatures are never printed.
import { signFetchRequest } from "./published/typescript/sinch-signing.ts";

export interface Settings {
  baseUrl: string; // http://127.0.0.1:PORT/verification/v1
  credentials: { applicationKey: string; applicationSecret: string };
}

export function settings(): Settings {
  const value = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set (build/generator-check/run.sh sets it)`);
    return v;
  };
  return {
    baseUrl: value("SINCH_VERIFICATION_BASE_URL"),
    credentials: { applicationKey: value("SINCH_APPLICATION_KEY"), applicationSecret: value("SINCH_APPLICATION_SECRET") },
  };
}

/** What a generated client answers, reduced to what the flow checks. */
export interface Answer { httpStatus: number; id?: string | undefined; status?: string | undefined; method?: string | undefined; endpoint?: string | undefined }

/** The calls of one generated client. Values go in as the API takes them: the number with its `+`. */
export interface Calls {
  start(endpoint: string, reference: string): Promise<Answer>;
  reportByNumber(endpoint: string, code: string): Promise<Answer>;
  statusByNumber(method: string, endpoint: string): Promise<Answer>;
  statusByReference(reference: string): Promise<Answer>;
}

/**
 * Wraps fetch for a generated client: records each request's path as sent, then signs it with the
 * published signer (which signs the URL's path, so what is signed is what goes on the wire).
 */
export function signingFetch(settings: Settings, sentPaths: string[]): (request: Request) => Promise<Response> {
  return async (request) => {
    sentPaths.push(new URL(request.url).pathname);
    return fetch(await signFetchRequest(request, settings.credentials));
  };
}

const mask = (number: string) => number.slice(0, 3) + "*".repeat(Math.max(number.length - 5, 0)) + number.slice(-2);
const maskAll = (text: string) => text.replace(/(?:\+|%2B)?\d{6,}/gi, (m) => mask(m.replace(/^%2B/i, "+")));

/** Runs the flow; prints one line per check; answers the number of failed checks. */
export async function runFlow(generator: string, endpoint: string, calls: Calls, sentPaths: string[], settings: Settings): Promise<number> {
  let failed = 0;
  const check = (ok: boolean, what: string) => {
    if (!ok) failed++;
    console.log(`  ${ok ? "ok  " : "FAIL"}  ${generator.padEnd(13)} ${maskAll(what)}`);
    return ok;
  };
  const reference = `generator check #${generator} ${Date.now().toString(36)}`;

  try {
    const started = await calls.start(endpoint, reference);
    if (!check(started.httpStatus === 200 && !!started.id, `start sms ${endpoint} -> HTTP ${started.httpStatus}`)) return failed;

    const outbox = await fetch(new URL(`/emulator/outbox/${encodeURIComponent(started.id!)}`, settings.baseUrl));
    const code = outbox.ok ? ((await outbox.json()) as { code?: string }).code : undefined;
    if (!check(!!code, `outbox holds the code (HTTP ${outbox.status})`)) return failed;

    const reported = await calls.reportByNumber(endpoint, code!);
    check(reported.httpStatus === 200 && reported.status === "SUCCESSFUL",
      `report by number, PUT .../number/${endpoint} -> HTTP ${reported.httpStatus}, ${reported.status ?? "no status"}`);

    const byNumber = await calls.statusByNumber("sms", endpoint);
    check(byNumber.httpStatus === 200 && byNumber.id === started.id && byNumber.endpoint === endpoint && byNumber.status === "SUCCESSFUL",
      `status by number, GET .../sms/number/${endpoint} -> HTTP ${byNumber.httpStatus}, ${byNumber.status ?? "no status"} for ${byNumber.endpoint ?? "no number"}${byNumber.id === started.id ? "" : " (another verification)"}`);

    const byReference = await calls.statusByReference(reference);
    check(byReference.httpStatus === 200 && byReference.id === started.id,
      `status by reference (a space and a # in it, path-encoded) -> HTTP ${byReference.httpStatus}${byReference.id === started.id ? "" : ", not the verification started"}`);

    const numberPaths = sentPaths.filter((p) => p.includes("/number/"));
    check(numberPaths.length === 2 && numberPaths.every((p) => p.endsWith(`/number/${endpoint}`)),
      `the number's + went into ${numberPaths.length} signed paths literally (${numberPaths.filter((p) => /%2B/i.test(p)).length} sent it as %2B)`);
  } catch (error) {
    check(false, `threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return failed;
}
