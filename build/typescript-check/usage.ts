// What another language team writes against the published spec: the TypeScript types that
// openapi-typescript generates from artifacts/spec/sinch-verification.3.1.json, used for a whole SMS
// verification and a callback answer. build/publish-spec.sh type-checks this file with tsc; a
// spec change that breaks these shapes fails there. No code runs: only the types matter.
import type { components, operations, paths } from "../../artifacts/spec/sinch-verification";

type Schemas = components["schemas"];
type Json<T extends { content: { "application/json": unknown } }> = T["content"]["application/json"];

// Every operation the C# client has is in the spec, under the same operationId.
type OperationId = keyof operations;
const operationIds: OperationId[] = [
  "startVerification",
  "reportVerificationByIdentity",
  "reportVerificationById",
  "getVerificationById",
  "getVerificationByReference",
  "getVerificationByIdentity",
];

// 1. Start: the request body and the 200 body of POST /verifications.
type StartRequest = Json<paths["/verifications"]["post"]["requestBody"]>;
type StartResponse = Json<operations["startVerification"]["responses"][200]>;

const start: StartRequest = {
  identity: { type: "number", endpoint: "+46700000000" },
  method: "sms",
  reference: "order-1234",
  smsOptions: { expiry: "00:10:00", locale: "en-US" },
};

// 2. Report the PIN by verification id.
type ReportRequest = Json<operations["reportVerificationById"]["requestBody"]>;
type ReportResponse = Json<operations["reportVerificationById"]["responses"][200]>;

function report(started: StartResponse, pin: string): { id: string; body: ReportRequest } {
  return { id: started.id, body: { method: "sms", sms: { code: pin } } };
}

// Open value sets keep their known values and accept new ones, as in the C# client.
function isVerified(result: ReportResponse): boolean {
  const status: Schemas["VerificationStatus"] = result.status;
  return status === "SUCCESSFUL";
}

const futureMethod: Schemas["VerificationMethod"] = "a-method-added-next-year";

// 3. A callback: allow a request event, with the PIN of our choice.
function answer(event: Schemas["VerificationRequestEvent"]): Schemas["VerificationRequestEventResponse"] {
  return event.method === "sms" ? { action: "allow", sms: { code: "1234" } } : { action: "deny" };
}

// Errors carry Sinch's code, sent as a number or as a string.
function errorCode(error: Json<operations["getVerificationById"]["responses"][404]>): number | undefined {
  const code = error.errorCode;
  return typeof code === "string" ? Number.parseInt(code, 10) : code;
}

export { operationIds, start, report, isVerified, futureMethod, answer, errorCode };
