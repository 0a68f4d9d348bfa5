// A callback handler narrowing on `event`: in the published documents each event schema's `event`
// is its single value (derived from the union's discriminator mapping by
// build/spec-tools/discriminator-values.mjs), so the callback body is a discriminated union and
// `e.status` is only reachable after the check below. Type-checked by build/publish-spec.sh with
// tsconfig.narrowing.json. Uses `webhooks` of the OpenAPI 3.1 rendition.
import type { components, webhooks } from "../../artifacts/spec/sinch-verification";

type Schemas = components["schemas"];
type Json<T extends { content: { "application/json": unknown } }> = T["content"]["application/json"];

/** What Sinch POSTs to your callback URL: one of the three events. */
type VerificationEvent = Json<webhooks["verificationEvent"]["post"]["requestBody"]>;
type Answer = Json<webhooks["verificationEvent"]["post"]["responses"][200]>;

function handle(e: VerificationEvent): Answer | undefined {
  if (e.event === "VerificationRequestEvent") {
    return e.method === "sms" ? { action: "allow", sms: { code: "1234" } } : { action: "deny" };
  }
  if (e.event === "VerificationResultEvent") {
    const status: Schemas["VerificationStatus"] = e.status;
    void status;
    return undefined;
  }
  if (e.event === "VerificationSmsDeliveredEvent") {
    void e.smsResult;
  }
  return undefined;
}

export { handle };
