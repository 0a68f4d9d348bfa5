// @hey-api/openapi-ts (its bundled fetch client, generated into generated/hey-api/ by run.sh from
// the published sinch-verification.json): the flow of flow.ts against the emulator, and, at
// compile time, what a team relies on.
//
// The setup is the package README's, as written (run.sh copies its block to
// generated/readme/hey-api-setup.ts): the `+` setting is its request interceptor, since hey-api's
// path serializer is encodeURIComponent and has no option for it (OpenAPI's `allowReserved` is
// for query values), so `+46...` would go out as `%2B46...`; the interceptor gives the `+` back
// in the path only, after every other character was path-encoded. The signer runs after it (in
// `fetch`), so the path it signs is the path sent.
import "./generated/readme/hey-api-setup.ts";
import { client } from "./generated/hey-api/client.gen";
import {
  getVerificationByIdentity, getVerificationByReference, reportVerificationByIdentity, startVerification,
  type VerificationEvent, type VerificationResultEvent, type StartVerificationRequest,
} from "./generated/hey-api/index";
import { runFlow, settings, type Answer } from "./flow.ts";

const config = settings();
// What went out, for the flow's check that the + arrived literally: read after the README's
// interceptor, which runs first.
const sentPaths: string[] = [];
client.interceptors.request.use((request) => {
  sentPaths.push(new URL(request.url).pathname);
  return request;
});

// ---- compile-time checks (tsc --strict fails the run when one breaks) ----------------------
// Open sets are `KnownX | string`, which TypeScript reduces to string: usable as strings, but
// no completion of the known values (hey-api exports the known values as KnownX types).
async function openSetsAreStrings(id: string): Promise<string> {
  const { data } = await getVerificationByReference({ path: { reference: id } });
  if (!data) return "";
  const status: string = data.status;
  return `${status.toLowerCase()} ${data.method?.toUpperCase() ?? ""}`;
}
const laterMethod: string = "a-method-added-later";
const startBody: StartVerificationRequest = { identity: { type: "number", endpoint: "+46700000000" }, method: laterMethod };
// Narrowing on `event` does NOT work: VerificationEvent includes UnknownVerificationEvent, whose
// `event` is `string` (TypeScript has no "string but not these"), so a `case` keeps it in the
// union. The line marked @ts-expect-error fails to compile the day it narrows: then say so in
// README.md. What works: narrow by hand to the known events (a type guard or a cast).
function onEvent(e: VerificationEvent): string {
  if (e.event !== "VerificationResultEvent") return e.event;
  // @ts-expect-error `e` is still VerificationResultEvent | UnknownVerificationEvent here
  const status: string = e.status;
  return `${status} ${(e as VerificationResultEvent).status.toLowerCase()}`; // narrowed by hand: compiles
}
void [openSetsAreStrings, startBody, onEvent];

// ---- the flow ----------------------------------------------------------------------------
const answer = (response: Response | undefined, data?: { id?: string; status?: string; method?: string; identity?: { endpoint?: string } }): Answer =>
  ({ httpStatus: response?.status ?? 0, id: data?.id, status: data?.status, method: data?.method, endpoint: data?.identity?.endpoint });

const failed = await runFlow("hey-api", "+46700000302", {
  async start(endpoint, reference) {
    const r = await startVerification({ body: { identity: { type: "number", endpoint }, method: "sms", reference } });
    return answer(r.response, r.data);
  },
  async reportByNumber(endpoint, code) {
    const r = await reportVerificationByIdentity({ path: { endpoint }, body: { method: "sms", sms: { code } } });
    return answer(r.response, r.data);
  },
  async statusByNumber(method, endpoint) {
    const r = await getVerificationByIdentity({ path: { method, endpoint } });
    return answer(r.response, r.data);
  },
  async statusByReference(reference) {
    const r = await getVerificationByReference({ path: { reference } });
    return answer(r.response, r.data);
  },
}, sentPaths, config);
process.exitCode = failed === 0 ? 0 : 1;
