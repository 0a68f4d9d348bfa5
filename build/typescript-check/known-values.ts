// Open value sets in the published types (build/spec-tools/typescript.mjs): an open set reads
// `"PENDING" | "SUCCESSFUL" | ... | (string & {})`, so any string is accepted (Sinch adds values),
// editors still offer the known ones, and `KnownVerificationStatus` (or `KnownValues<T>` for any
// open set) is the closed union of the documented values. build/publish-spec.sh type-checks this
// file with tsc: each `@ts-expect-error` below must be an error, or the check fails.
import type { components, KnownValues, KnownVerificationMethod, KnownVerificationStatus } from "../../artifacts/spec/sinch-verification";

type Status = components["schemas"]["VerificationStatus"];

// The documented statuses, once, checked both ways against the spec: nothing misspelled here
// (`satisfies`), nothing the spec documents left out (`noneMissing`).
const knownStatuses = ["PENDING", "SUCCESSFUL", "FAIL", "DENIED", "ABORTED", "ERROR"] as const satisfies readonly KnownVerificationStatus[];
type Missing = Exclude<KnownVerificationStatus, (typeof knownStatuses)[number]>;
const noneMissing: [Missing] extends [never] ? true : false = true;

/** A typed helper: narrows a status from the wire to the documented ones. */
function isKnownStatus(status: Status): status is KnownVerificationStatus {
  return (knownStatuses as readonly string[]).includes(status);
}

// A misspelled known value does not compile where code names a known status...
// @ts-expect-error "SUCESSFUL" is not a documented status
const typo: KnownVerificationStatus = "SUCESSFUL";
const spelledRight: KnownVerificationStatus = "SUCCESSFUL";

// ...nor for any other open set, through KnownValues<T>.
// @ts-expect-error "flashCall" (older payloads) is not a documented method: "flashcall" is
const oldSpelling: KnownValues<components["schemas"]["VerificationMethod"]> = "flashCall";
const method: KnownValues<components["schemas"]["VerificationMethod"]> = "flashcall";

// The methods, checked both ways like the statuses: a method the spec adds fails here until
// it is listed (and the flows that run every method, build/conformance, take it from the spec).
const knownMethods = ["sms", "flashcall", "callout", "seamless", "whatsapp"] as const satisfies readonly KnownVerificationMethod[];
type MissingMethod = Exclude<KnownVerificationMethod, (typeof knownMethods)[number]>;
const noMethodMissing: [MissingMethod] extends [never] ? true : false = true;
// @ts-expect-error "WhatsApp" is the C# member's name; on the wire the method is "whatsapp"
const capitalised: KnownVerificationMethod = "WhatsApp";

// The open type itself still takes what the server sends, known or not...
const fromServer: Status = "PARTIALLY_VERIFIED";
const known: Status = "PENDING";

// ...and a value the SDK does not know yet passes through the helper untouched.
function describe(status: Status): string {
  if (!isKnownStatus(status)) return `not documented yet: ${status}`;
  switch (status) {
    case "PENDING":
      return "waiting for the code";
    case "SUCCESSFUL":
      return "verified";
    case "FAIL":
    case "DENIED":
    case "ABORTED":
    case "ERROR":
      return "not verified";
    default: {
      // Every documented status is handled above: a new one in the spec fails to compile here.
      const unhandled: never = status;
      return unhandled;
    }
  }
}

// The known values are not collapsed into `string`: a `string` is not a KnownVerificationStatus.
declare const anyString: string;
// @ts-expect-error a plain string is not a documented status
const notKnown: KnownVerificationStatus = anyString;

export { noneMissing, typo, spelledRight, oldSpelling, method, knownMethods, noMethodMissing, capitalised, fromServer, known, describe, notKnown };
