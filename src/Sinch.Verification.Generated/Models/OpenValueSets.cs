// The open value sets of the spec (components/schemas with `anyOf: [enum, string]`). Each type
// keeps the spec's schema name, because nswag.json excludes those names from generation and the
// generated DTOs refer to them. When the spec learns a value, add it here too: the convention
// test OpenValueSetTests fails until both agree.
namespace Sinch.Verification.Generated;

/// <summary>Identity type; <c>number</c> is the only one today.</summary>
public sealed class IdentityType : ExtensibleEnum<IdentityType>
{
    /// <summary>Creates a value, known or not.</summary>
    public IdentityType(string value) : base(value) { }

    /// <summary><c>number</c>: a phone number in E.164 format.</summary>
    public static IdentityType Number { get; } = Known("number");
}

/// <summary>Verification method. Send lower case; older payloads write <c>flashCall</c>, which equals <see cref="FlashCall"/>.</summary>
public sealed class VerificationMethod : ExtensibleEnum<VerificationMethod>
{
    /// <summary>Creates a value, known or not.</summary>
    public VerificationMethod(string value) : base(value) { }

    /// <summary><c>sms</c>: a PIN by SMS.</summary>
    public static VerificationMethod Sms { get; } = Known("sms");

    /// <summary><c>flashcall</c>: a missed call whose calling number is the code.</summary>
    public static VerificationMethod FlashCall { get; } = Known("flashcall");

    /// <summary><c>callout</c>: a call that speaks the code.</summary>
    public static VerificationMethod Callout { get; } = Known("callout");

    /// <summary><c>seamless</c>: data verification through the mobile network.</summary>
    public static VerificationMethod Seamless { get; } = Known("seamless");

    /// <summary><c>whatsapp</c>: a code by WhatsApp.</summary>
    public static VerificationMethod WhatsApp { get; } = Known("whatsapp");
}

/// <summary>Verification status.</summary>
public sealed class VerificationStatus : ExtensibleEnum<VerificationStatus>
{
    /// <summary>Creates a value, known or not.</summary>
    public VerificationStatus(string value) : base(value) { }

    /// <summary>Waiting for the code or call.</summary>
    public static VerificationStatus Pending { get; } = Known("PENDING");

    /// <summary>The number is verified.</summary>
    public static VerificationStatus Successful { get; } = Known("SUCCESSFUL");

    /// <summary>Attempted but not verified: wrong code, expired, wrong CLI.</summary>
    public static VerificationStatus Fail { get; } = Known("FAIL");

    /// <summary>Refused by Sinch (fraud, credit, blocked) or by your callback.</summary>
    public static VerificationStatus Denied { get; } = Known("DENIED");

    /// <summary>Replaced by a newer verification of the same number.</summary>
    public static VerificationStatus Aborted { get; } = Known("ABORTED");

    /// <summary>Network error or unreachable number (not charged).</summary>
    public static VerificationStatus Error { get; } = Known("ERROR");
}

/// <summary>Why a verification is not (yet) successful. Values contain spaces.</summary>
public sealed class VerificationReason : ExtensibleEnum<VerificationReason>
{
    /// <summary>Creates a value, known or not.</summary>
    public VerificationReason(string value) : base(value) { }

    /// <summary><c>Fraud</c>.</summary>
    public static VerificationReason Fraud { get; } = Known("Fraud");

    /// <summary><c>Not enough credit</c>.</summary>
    public static VerificationReason NotEnoughCredit { get; } = Known("Not enough credit");

    /// <summary><c>Blocked</c>.</summary>
    public static VerificationReason Blocked { get; } = Known("Blocked");

    /// <summary><c>Denied by callback</c>: your backend answered deny.</summary>
    public static VerificationReason DeniedByCallback { get; } = Known("Denied by callback");

    /// <summary><c>Invalid callback</c>: your backend answered badly or too late.</summary>
    public static VerificationReason InvalidCallback { get; } = Known("Invalid callback");

    /// <summary><c>Internal error</c>.</summary>
    public static VerificationReason InternalError { get; } = Known("Internal error");

    /// <summary><c>Destination denied</c>.</summary>
    public static VerificationReason DestinationDenied { get; } = Known("Destination denied");

    /// <summary><c>Network error or number unreachable</c>.</summary>
    public static VerificationReason NetworkErrorOrNumberUnreachable { get; } = Known("Network error or number unreachable");

    /// <summary><c>Failed pending</c>.</summary>
    public static VerificationReason FailedPending { get; } = Known("Failed pending");

    /// <summary><c>SMS delivery failure</c>.</summary>
    public static VerificationReason SmsDeliveryFailure { get; } = Known("SMS delivery failure");

    /// <summary><c>Invalid CLI</c>.</summary>
    public static VerificationReason InvalidCli { get; } = Known("Invalid CLI");

    /// <summary><c>Invalid code</c>.</summary>
    public static VerificationReason InvalidCode { get; } = Known("Invalid code");

    /// <summary><c>Expired</c>.</summary>
    public static VerificationReason Expired { get; } = Known("Expired");

    /// <summary><c>Hung up without entering valid code</c>.</summary>
    public static VerificationReason HungUpWithoutEnteringValidCode { get; } = Known("Hung up without entering valid code");
}

/// <summary>How the code reached Sinch.</summary>
public sealed class VerificationSource : ExtensibleEnum<VerificationSource>
{
    /// <summary>Creates a value, known or not.</summary>
    public VerificationSource(string value) : base(value) { }

    /// <summary><c>intercepted</c>: read automatically on the device.</summary>
    public static VerificationSource Intercepted { get; } = Known("intercepted");

    /// <summary><c>manual</c>: typed by the user.</summary>
    public static VerificationSource Manual { get; } = Known("manual");

    /// <summary><c>intercept</c>: sent by some mobile SDKs.</summary>
    public static VerificationSource Intercept { get; } = Known("intercept");

    /// <summary><c>log</c>: read from the call log by some mobile SDKs.</summary>
    public static VerificationSource Log { get; } = Known("log");
}

/// <summary>Outcome of the call of a flash call or callout.</summary>
public sealed class CallResult : ExtensibleEnum<CallResult>
{
    /// <summary>Creates a value, known or not.</summary>
    public CallResult(string value) : base(value) { }

    /// <summary><c>ANSWERED</c>.</summary>
    public static CallResult Answered { get; } = Known("ANSWERED");

    /// <summary><c>CANCEL</c>.</summary>
    public static CallResult Cancel { get; } = Known("CANCEL");

    /// <summary><c>COMPLETED</c>.</summary>
    public static CallResult Completed { get; } = Known("COMPLETED");

    /// <summary><c>NO_ANSWER</c>.</summary>
    public static CallResult NoAnswer { get; } = Known("NO_ANSWER");

    /// <summary><c>BUSY</c>.</summary>
    public static CallResult Busy { get; } = Known("BUSY");

    /// <summary><c>FAILED</c>.</summary>
    public static CallResult Failed { get; } = Known("FAILED");
}

/// <summary>The <c>event</c> member of a callback.</summary>
public sealed class VerificationEventType : ExtensibleEnum<VerificationEventType>
{
    /// <summary>Creates a value, known or not.</summary>
    public VerificationEventType(string value) : base(value) { }

    /// <summary>Sinch asks for permission before sending anything.</summary>
    public static VerificationEventType VerificationRequestEvent { get; } = Known("VerificationRequestEvent");

    /// <summary>The final outcome.</summary>
    public static VerificationEventType VerificationResultEvent { get; } = Known("VerificationResultEvent");

    /// <summary>The SMS was delivered, or not.</summary>
    public static VerificationEventType VerificationSmsDeliveredEvent { get; } = Known("VerificationSmsDeliveredEvent");
}

/// <summary>Delivery outcome of the SMS.</summary>
public sealed class SmsDeliveryResult : ExtensibleEnum<SmsDeliveryResult>
{
    /// <summary>Creates a value, known or not.</summary>
    public SmsDeliveryResult(string value) : base(value) { }

    /// <summary><c>Successful</c>.</summary>
    public static SmsDeliveryResult Successful { get; } = Known("Successful");

    /// <summary><c>Failed</c>.</summary>
    public static SmsDeliveryResult Failed { get; } = Known("Failed");
}

/// <summary>Characters of the SMS code.</summary>
public sealed class SmsCodeType : ExtensibleEnum<SmsCodeType>
{
    /// <summary>Creates a value, known or not.</summary>
    public SmsCodeType(string value) : base(value) { }

    /// <summary>Digits only.</summary>
    public static SmsCodeType Numeric { get; } = Known("Numeric");

    /// <summary>Letters only.</summary>
    public static SmsCodeType Alpha { get; } = Known("Alpha");

    /// <summary>Letters and digits.</summary>
    public static SmsCodeType Alphanumeric { get; } = Known("Alphanumeric");
}
