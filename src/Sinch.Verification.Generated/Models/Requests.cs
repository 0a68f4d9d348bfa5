using System;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated;

// Hand-written halves of generated request DTOs: factories for the common shapes, and the checks
// the client owns (missing values, malformed numbers, empty codes). The checks run when the
// request is serialized (IValidatedRequest, hooked in by VerificationJson), so they hold for
// every operation that sends the DTO, before any byte leaves the process; they throw
// ArgumentException with a message that says what is wrong.

/// <summary>
/// The body of <c>POST /verifications</c>: whom to verify and how. Build one with
/// <see cref="ForSms"/>, <see cref="ForFlashCall"/>, <see cref="ForCallout"/> or <see cref="For"/>.
/// </summary>
public partial class StartVerificationRequest : IValidatedRequest
{
    /// <summary>An SMS PIN verification of <paramref name="number"/> (E.164).</summary>
    public static StartVerificationRequest ForSms(string number, string? reference = null, string? custom = null) =>
        For(VerificationMethod.Sms, number, reference, custom);

    /// <summary>A flash call verification of <paramref name="number"/> (E.164).</summary>
    public static StartVerificationRequest ForFlashCall(string number, string? reference = null, string? custom = null) =>
        For(VerificationMethod.FlashCall, number, reference, custom);

    /// <summary>A callout verification of <paramref name="number"/> (E.164).</summary>
    public static StartVerificationRequest ForCallout(string number, string? reference = null, string? custom = null) =>
        For(VerificationMethod.Callout, number, reference, custom);

    /// <summary>A verification of <paramref name="number"/> (E.164) by any method.</summary>
    public static StartVerificationRequest For(VerificationMethod method, string number, string? reference = null, string? custom = null) => new()
    {
        Identity = new Identity { Type = IdentityType.Number, Endpoint = number },
        Method = method,
        Reference = reference,
        Custom = custom,
    };

    /// <summary>Throws <see cref="ArgumentException"/> if the request cannot be valid.</summary>
    public void Validate()
    {
        if (Identity is null) throw new ArgumentException("The start request has no identity.", nameof(Identity));
        if (Identity.Type is not null && Identity.Type != IdentityType.Number)
        {
            // An identity type this SDK does not know: leave its endpoint format to the server.
        }
        else
        {
            PhoneNumbers.EnsureE164(Identity.Endpoint, "identity.endpoint");
        }

        if (Method is null || Method.Value.Length == 0) throw new ArgumentException("The start request has no method (sms, flashcall, callout, ...).", nameof(Method));
        if (Reference is not null && Reference.Length == 0) throw new ArgumentException("reference is empty; leave it null or give a non-empty value.", nameof(Reference));
        if (Custom is not null && Custom.Length > 4096) throw new ArgumentException("custom is longer than 4096 characters.", nameof(Custom));
    }
}

public partial class ReportVerificationRequest : IValidatedRequest
{
    /// <summary>Reports the PIN the user received by SMS.</summary>
    public static ReportVerificationRequest ForSms(string code) => new() { Method = VerificationMethod.Sms, Sms = new SmsReport { Code = code } };

    /// <summary>Reports the full E.164 number that called (flash call).</summary>
    public static ReportVerificationRequest ForFlashCall(string cli) => new() { Method = VerificationMethod.FlashCall, FlashCall = new FlashCallReport { Cli = cli } };

    /// <summary>Reports the code the user heard (callout).</summary>
    public static ReportVerificationRequest ForCallout(string code) => new() { Method = VerificationMethod.Callout, Callout = new CalloutReport { Code = code } };

    /// <summary>Throws <see cref="ArgumentException"/> if the report cannot be valid.</summary>
    public void Validate()
    {
        if (Method is null || Method.Value.Length == 0) throw new ArgumentException("The report has no method (sms, flashcall, callout, ...).", nameof(Method));
        if (Method == VerificationMethod.Sms && string.IsNullOrWhiteSpace(Sms?.Code))
        {
            throw new ArgumentException("An sms report needs the code the user received (sms.code is empty).", nameof(Sms));
        }

        if (Method == VerificationMethod.Callout && string.IsNullOrWhiteSpace(Callout?.Code))
        {
            throw new ArgumentException("A callout report needs the code the user heard (callout.code is empty).", nameof(Callout));
        }

        if (Method == VerificationMethod.FlashCall)
        {
            PhoneNumbers.EnsureE164(FlashCall?.Cli, "flashCall.cli");
        }
    }
}

/// <summary>The reply to a <c>VerificationRequestEvent</c>: build it with <see cref="Callbacks.VerificationCallbackReply"/>.</summary>
public partial class VerificationRequestEventResponse : IValidatedRequest
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when this reply breaks the spec's rules (Sinch ends a
    /// verification whose reply it cannot read as denied). Runs when the reply is serialized, so a
    /// reply built by hand is held to the same rules as one from <see cref="Callbacks.VerificationCallbackReply"/>.
    /// </summary>
    public void Validate()
    {
        // Codes are PINs: the messages never quote them.
        if (Sms?.Code is { } smsCode && string.IsNullOrWhiteSpace(smsCode)) throw new ArgumentException("sms.code is empty; leave it null to let Sinch choose.", "sms.code");
        if (Sms?.Expiry is { } expiry && !IsExpiry(expiry)) throw new ArgumentException("sms.expiry must be HH:MM:SS between 00:00:01 and 99:59:59.", "sms.expiry");
        if (Callout?.Code is { } calloutCode && string.IsNullOrWhiteSpace(calloutCode)) throw new ArgumentException("callout.code is empty; leave it null to let Sinch choose.", "callout.code");
        if (FlashCall is { } flashCall)
        {
            if (flashCall.Cli is not null) PhoneNumbers.EnsureE164(flashCall.Cli, "flashCall.cli");
            RequireSeconds(flashCall.DialTimeout, "flashCall.dialTimeout");
            RequireSeconds(flashCall.InterceptionTimeout, "flashCall.interceptionTimeout");
        }
    }

    // The spec's pattern, ^[0-9]{2}:[0-5][0-9]:[0-5][0-9]$, and more than zero.
    private static bool IsExpiry(string text) =>
        text.Length == 8 && text[2] == ':' && text[5] == ':'
        && IsDigit(text[0]) && IsDigit(text[1]) && text[3] is >= '0' and <= '5' && IsDigit(text[4]) && text[6] is >= '0' and <= '5' && IsDigit(text[7])
        && text != "00:00:00";

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static void RequireSeconds(int? seconds, string name)
    {
        if (seconds is < 5 or > 120)
        {
            throw new ArgumentOutOfRangeException(name, seconds, $"{name} must be 5 to 120 seconds.");
        }
    }
}
