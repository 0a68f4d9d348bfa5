// openapi-fetch with the package's own types (sinch-verification.d.ts, openapi-typescript):
// the flow of flow.ts against the emulator, and, at compile time, what a team relies on.
//
// The `+` setting: `pathSerializer` below. openapi-fetch encodes path values with
// encodeURIComponent (so `+46...` would go out as `%2B46...`); this serializer encodes the same
// way and then gives the `+` back, so every other character stays path-encoded.
import createClient from "openapi-fetch";
import type { components, paths } from "./published/sinch-verification.d.ts";
import { runFlow, settings, signingFetch, type Answer } from "./flow.ts";

type Schemas = components["schemas"];

const config = settings();
const sentPaths: string[] = [];
const client = createClient<paths>({
  baseUrl: config.baseUrl,
  fetch: signingFetch(config, sentPaths),
  pathSerializer: (pathname, params) =>
    pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])).replace(/%2B/gi, "+")),
});

// ---- compile-time checks (tsc --strict fails the run when one breaks) ----------------------
// Open sets read from a response are strings (openapi-fetch 0.17 wraps responses in Readable<T>).
async function openSetsAreStrings(id: string): Promise<string> {
  const { data } = await client.GET("/verifications/id/{id}", { params: { path: { id } } });
  if (!data) return "";
  const status: string = data.status;
  const method: string | undefined = data.method;
  return `${status.toLowerCase()} ${method?.toUpperCase() ?? ""} ${data.reason?.trim() ?? ""}`;
}
// A request body takes a known value and any other string (a method Sinch adds later).
const laterMethod: string = "a-method-added-later";
const startBodies: Schemas["StartVerificationRequest"][] = [
  { identity: { type: "number", endpoint: "+46700000000" }, method: "sms" },
  { identity: { type: "number", endpoint: "+46700000000" }, method: laterMethod },
];
// Callback events narrow on `event` (the package's VerificationEvent lists the known events).
function onEvent(e: Schemas["VerificationEvent"]): string {
  switch (e.event) {
    case "VerificationRequestEvent": {
      const request: Schemas["VerificationRequestEvent"] = e;
      return request.identity.endpoint;
    }
    case "VerificationResultEvent": {
      const status: string = e.status;
      return status.toLowerCase();
    }
    default:
      return e.event;
  }
}
void [openSetsAreStrings, startBodies, onEvent];

// ---- the flow ----------------------------------------------------------------------------
const answer = (response: Response, data?: { id?: string; status?: string; method?: string; identity?: { endpoint?: string } }): Answer =>
  ({ httpStatus: response.status, id: data?.id, status: data?.status, method: data?.method, endpoint: data?.identity?.endpoint });

const failed = await runFlow("openapi-fetch", "+46700000301", {
  async start(endpoint, reference) {
    const r = await client.POST("/verifications", { body: { identity: { type: "number", endpoint }, method: "sms", reference } });
    return answer(r.response, r.data);
  },
  async reportByNumber(endpoint, code) {
    const r = await client.PUT("/verifications/number/{endpoint}", { params: { path: { endpoint } }, body: { method: "sms", sms: { code } } });
    return answer(r.response, r.data);
  },
  async statusByNumber(method, endpoint) {
    const r = await client.GET("/verifications/{method}/number/{endpoint}", { params: { path: { method, endpoint } } });
    return answer(r.response, r.data);
  },
  async statusByReference(reference) {
    const r = await client.GET("/verifications/reference/{reference}", { params: { path: { reference } } });
    return answer(r.response, r.data);
  },
}, sentPaths, config);
process.exitCode = failed === 0 ? 0 : 1;
