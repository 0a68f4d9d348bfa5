// What another language team writes against the published spec: the TypeScript types that
// openapi-typescript generates from artifacts/spec/sinch-verification.3.1.json, used for a whole SMS
// verification, WhatsApp and seamless data verification, and a callback answer. build/publish-spec.sh type-checks this file with tsc; a
// spec change that breaks these shapes fails there. No code runs: only the types matter.
import type { components, operations, paths } from "../../artifacts/spec/sinch-verification";

type Schemas = components["schemas"];
type Json<T extends { content: { "application/json": unknown } }> = T["content"]["application/json"];

// Every operation of the spec, by operationId, and nothing else: an operation added to the spec
// fails tsc here (the `everyOperation` line names it) until it is listed, and a removed one fails
// the `satisfies`.
type OperationId = keyof operations;
const operationIds = [
  "startVerification",
  "reportVerificationByIdentity",
  "reportVerificationById",
  "getVerificationById",
  "getVerificationByReference",
  "getVerificationByIdentity",
] as const satisfies readonly OperationId[];
// The callback the API makes to your backend (a webhook in the 3.1 rendition) is an operation too.
const callbackOperationIds = ["onVerificationEvent"] as const satisfies readonly OperationId[];
type Unlisted = Exclude<OperationId, (typeof operationIds)[number] | (typeof callbackOperationIds)[number]>;
const everyOperation: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

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

// 4. WhatsApp: options at start, the code type in the answer, the code reported in `whatsapp`.
const startWhatsApp: StartRequest = {
  identity: { type: "number", endpoint: "+46700000000" },
  method: "whatsapp",
  whatsappOptions: { codeType: "Alphanumeric" },
};

function reportWhatsApp(started: StartResponse, code: string): { id: string; codeType: Schemas["SmsCodeType"] | undefined; body: ReportRequest } {
  return { id: started.id, codeType: started.whatsapp?.codeType, body: { method: "whatsapp", whatsapp: { code } } };
}

// The report object's code is required, as for sms and callout.
// @ts-expect-error a WhatsApp report without its code
const whatsAppWithoutCode: ReportRequest = { method: "whatsapp", whatsapp: {} };

// 5. Seamless: nothing to report; the phone GETs the target URI the start answered. Inside
// `seamless`, `targetUri` is required: once the object is there, the URI is a string.
function seamlessTarget(started: StartResponse): string | undefined {
  const target = started.seamless?.targetUri;
  return target;
}
function targetOf(details: Schemas["SeamlessStartDetails"]): string {
  return details.targetUri;
}
// @ts-expect-error the start answer's seamless object always carries its targetUri
const seamlessWithoutTarget: Schemas["SeamlessStartDetails"] = {};

// A status read after the target URI was fetched: the method is one of the known ones.
function completedBySeamless(status: Json<operations["getVerificationById"]["responses"][200]>): boolean {
  return status.method === "seamless" && status.status === "SUCCESSFUL";
}

// 6. The callback answer for a WhatsApp request event: the code type and languages of the message.
function answerWhatsApp(event: Schemas["VerificationRequestEvent"]): Schemas["VerificationRequestEventResponse"] {
  return event.method === "whatsapp"
    ? { action: "allow", whatsapp: { codeType: "Numeric", acceptLanguage: ["en-US"] } }
    : { action: "allow" };
}

// Errors carry Sinch's code, sent as a number or as a string.
function errorCode(error: Json<operations["getVerificationById"]["responses"][404]>): number | undefined {
  const code = error.errorCode;
  return typeof code === "string" ? Number.parseInt(code, 10) : code;
}

export {
  operationIds, callbackOperationIds, everyOperation, start, report, isVerified, futureMethod, answer, errorCode,
  startWhatsApp, reportWhatsApp, whatsAppWithoutCode, seamlessTarget, targetOf, seamlessWithoutTarget, completedBySeamless, answerWhatsApp,
};
