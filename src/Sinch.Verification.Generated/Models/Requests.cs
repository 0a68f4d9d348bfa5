using System;
using System.Collections.Generic;
using System.Linq;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated;

// Hand-written halves of generated request DTOs: factories for the common shapes, and the checks
// the client owns. The checks run when the request is serialized (IValidatedRequest, hooked in by
// VerificationJson), so they hold for every operation that sends the DTO, before any byte leaves
// the process; they throw ArgumentException with a message that says what is wrong and never
// repeats a number or a code. Two kinds of check, both from the spec:
//   - the limits of each member (required, lengths, patterns, E.164, ranges), generated from the
//     schemas (ISpecLimits, build/templates/Class.liquid SINCH (4));
//   - the method rule: the method is one the spec knows, and the object of that method is the
//     member the spec marks with its x-sinch-method (MethodMembers, SINCH (3)).

/// <remarks>
/// The body of <c>POST /verifications</c> (its summary comes from the spec). Build one with
/// <see cref="ForSms"/>, <see cref="ForFlashCall"/>, <see cref="ForCallout"/>,
/// <see cref="ForWhatsApp"/>, <see cref="ForSeamless"/> or <see cref="For"/>.
/// </remarks>
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

    /// <summary>A WhatsApp verification of <paramref name="number"/> (E.164): a code by WhatsApp message.</summary>
    public static StartVerificationRequest ForWhatsApp(string number, string? reference = null, string? custom = null) =>
        For(VerificationMethod.WhatsApp, number, reference, custom);

    /// <summary>
    /// A seamless (data) verification of <paramref name="number"/> (E.164): the answer's
    /// <c>Seamless.TargetUri</c> is what the phone GETs over its mobile data connection.
    /// </summary>
    public static StartVerificationRequest ForSeamless(string number, string? reference = null, string? custom = null) =>
        For(VerificationMethod.Seamless, number, reference, custom);

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
        KnownMethods.Require(Method, "The start request");
        SpecLimits.Check(this);
    }
}

/// <remarks>
/// The body of both report operations (its summary comes from the spec). Build one with
/// <see cref="ForSms"/>, <see cref="ForFlashCall"/>, <see cref="ForCallout"/>, <see cref="ForWhatsApp"/> or <see cref="For"/>.
/// </remarks>
public partial class ReportVerificationRequest : IValidatedRequest
{
    // The factories refuse a blank code although the spec only asks for one character: a blank
    // report would be a wrong code, and after a wrong code Sinch's verification is over.

    /// <summary>Reports the PIN the user received by SMS.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is blank.</exception>
    public static ReportVerificationRequest ForSms(string code) => new() { Method = VerificationMethod.Sms, Sms = new SmsReport { Code = NotBlank(code, "sms.code") } };

    /// <summary>Reports the full E.164 number that called (flash call).</summary>
    public static ReportVerificationRequest ForFlashCall(string cli) => new() { Method = VerificationMethod.FlashCall, FlashCall = new FlashCallReport { Cli = cli } };

    /// <summary>Reports the code the user heard (callout).</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is blank.</exception>
    public static ReportVerificationRequest ForCallout(string code) => new() { Method = VerificationMethod.Callout, Callout = new CalloutReport { Code = NotBlank(code, "callout.code") } };

    /// <summary>Reports the code the user received by WhatsApp.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is blank.</exception>
    public static ReportVerificationRequest ForWhatsApp(string code) => new() { Method = VerificationMethod.WhatsApp, WhatsApp = new WhatsAppReport { Code = NotBlank(code, "whatsapp.code") } };

    /// <summary>
    /// Reports what the user received for a verification by <paramref name="method"/>: the code,
    /// or for a flash call the full number that called.
    /// </summary>
    /// <exception cref="ArgumentException">The method is unknown, or its verifications cannot be reported (<c>seamless</c>).</exception>
    public static ReportVerificationRequest For(VerificationMethod method, string codeOrCli)
    {
        var known = KnownMethods.Require(method, "The report");
        return Factories.TryGetValue(known.Value.ToLowerInvariant(), out var create)
            ? create(codeOrCli)
            : throw NotReportable(known, nameof(method));
    }

    // One typed helper per method that the spec gives a report object (MethodMembers); a test
    // compares the two lists, so a method added to the spec names this table if it lacks a row.
    internal static IReadOnlyDictionary<string, Func<string, ReportVerificationRequest>> Factories { get; } = new Dictionary<string, Func<string, ReportVerificationRequest>>(StringComparer.Ordinal)
    {
        [VerificationMethod.Sms.Value] = ForSms,
        [VerificationMethod.FlashCall.Value] = ForFlashCall,
        [VerificationMethod.Callout.Value] = ForCallout,
        [VerificationMethod.WhatsApp.Value] = ForWhatsApp,
    };

    private static ArgumentException NotReportable(VerificationMethod method, string parameter) =>
        new($"A {method} verification cannot be reported: the spec gives reports an object for {string.Join(", ", MethodMembers.Select(m => m.Method.Value))} only.", parameter);

    // Not the code itself in the message: a PIN.
    private static string NotBlank(string code, string member) =>
        code is not null && code.Trim().Length == 0 ? throw new ArgumentException($"{member} is blank: report what the user received.", member) : code!;

    /// <summary>Throws <see cref="ArgumentException"/> if the report cannot be valid.</summary>
    public void Validate()
    {
        var method = KnownMethods.Require(Method, "The report");
        var member = MethodMemberOf(method)
            ?? throw NotReportable(method, "method");
        if (member.GetValue(this) is null)
        {
            throw new ArgumentException($"A {method} report needs its {member.JsonName} object ({member.JsonName} is missing).", member.JsonName);
        }

        SpecLimits.Check(this);
    }
}

/// <remarks>Build it with <see cref="Callbacks.VerificationCallbackReply"/> (its summary comes from the spec).</remarks>
public partial class VerificationRequestEventResponse : IValidatedRequest
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when this reply breaks the spec's rules (Sinch ends a
    /// verification whose reply it cannot read as denied). Runs when the reply is serialized, so a
    /// reply built by hand is held to the same rules as one from <see cref="Callbacks.VerificationCallbackReply"/>.
    /// </summary>
    public void Validate() => SpecLimits.Check(this);
}

/// <summary>The method rule of requests: a method the spec knows (an unknown one is refused by name, never guessed).</summary>
internal static class KnownMethods
{
    private static readonly string Known = string.Join(", ", VerificationMethod.KnownValues.Select(m => m.Value));

    public static VerificationMethod Require(VerificationMethod? method, string what)
    {
        if (method is null || method.Value.Length == 0)
        {
            throw new ArgumentException($"{what} has no method ({Known}).", "method");
        }

        return method.IsKnown
            ? method
            : throw new ArgumentException($"{what} has the method '{method.Value}', which this SDK does not know; use one of {Known}.", "method");
    }
}
