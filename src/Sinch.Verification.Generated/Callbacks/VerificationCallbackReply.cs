using System;
using System.Globalization;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// Builds the answer to a <c>VerificationRequestEvent</c>. Each call returns a new object, so a
/// reply can be adjusted further without affecting others.
/// </summary>
/// <remarks>
/// Arguments are checked against the spec here, because Sinch answers a malformed reply by
/// ending the verification <c>DENIED</c> with reason <c>Invalid callback</c>.
/// </remarks>
public static class VerificationCallbackReply
{
    /// <summary>Go ahead, with Sinch's own code or CLI: <c>{"action":"allow"}</c>.</summary>
    public static VerificationRequestEventResponse Allow() => new() { Action = VerificationAction.Allow };

    /// <summary>Refuse: nothing is sent and the verification ends <c>DENIED</c> (<c>Denied by callback</c>).</summary>
    public static VerificationRequestEventResponse Deny() => new() { Action = VerificationAction.Deny };

    /// <summary>Allow an SMS verification and choose its PIN.</summary>
    /// <param name="code">The PIN to send.</param>
    /// <param name="expiry">How long the PIN stays valid, under 100 hours; Sinch's default when null.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiry"/> is not between 1 second and 99:59:59.</exception>
    public static VerificationRequestEventResponse AllowSms(string code, TimeSpan? expiry = null)
    {
        string? wireExpiry = null;
        if (expiry is { } value)
        {
            // The spec's pattern is HH:MM:SS with two-digit hours.
            if (value < TimeSpan.FromSeconds(1) || value >= TimeSpan.FromHours(100))
            {
                throw new ArgumentOutOfRangeException(nameof(expiry), "The expiry must be between 00:00:01 and 99:59:59.");
            }

            wireExpiry = string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", (int)value.TotalHours, value.Minutes, value.Seconds);
        }

        return Checked(new VerificationRequestEventResponse
        {
            Action = VerificationAction.Allow,
            Sms = new SmsRequestEventResponse { Code = RequireCode(code), Expiry = wireExpiry },
        });
    }

    /// <summary>Allow a flash call, optionally from a chosen number and with a chosen ring time.</summary>
    /// <param name="cli">The E.164 number to call from (its digits are the code); Sinch chooses when null.</param>
    /// <param name="dialTimeout">Seconds to ring, 5 to 120; Sinch's default when null.</param>
    /// <param name="interceptionTimeout">Seconds the app waits for the call, 5 to 120; Sinch's default when null.</param>
    /// <exception cref="ArgumentException"><paramref name="cli"/> is not E.164.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is outside 5 to 120 seconds.</exception>
    public static VerificationRequestEventResponse AllowFlashCall(string? cli = null, int? dialTimeout = null, int? interceptionTimeout = null)
    {
        return Checked(new VerificationRequestEventResponse
        {
            Action = VerificationAction.Allow,
            FlashCall = new FlashCallRequestEventResponse { Cli = cli, DialTimeout = dialTimeout, InterceptionTimeout = interceptionTimeout },
        });
    }

    /// <summary>Allow a callout and choose the code it speaks.</summary>
    /// <param name="code">The code to speak.</param>
    /// <param name="locale">The language to speak it in (such as <c>en-US</c>); Sinch's default when null.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    public static VerificationRequestEventResponse AllowCallout(string code, string? locale = null)
    {
        return Checked(new VerificationRequestEventResponse
        {
            Action = VerificationAction.Allow,
            Callout = new CalloutRequestEventResponse { Code = RequireCode(code), Speech = locale is null ? null : new CalloutSpeech { Locale = locale } },
        });
    }

    /// <summary>Allow a WhatsApp verification, optionally choosing the code's characters and the message's language.</summary>
    /// <param name="codeType">The characters of the code; Sinch's default (<see cref="SmsCodeType.Numeric"/>) when null.</param>
    /// <param name="acceptLanguage">The languages of the message, most preferred first (such as <c>en-US</c>); Sinch's default when none.</param>
    public static VerificationRequestEventResponse AllowWhatsApp(SmsCodeType? codeType = null, params string[] acceptLanguage)
    {
        return Checked(new VerificationRequestEventResponse
        {
            Action = VerificationAction.Allow,
            WhatsApp = new WhatsAppRequestEventResponse { CodeType = codeType, AcceptLanguage = acceptLanguage is { Length: > 0 } ? acceptLanguage : null },
        });
    }

    /// <summary>The reply as the JSON body to send with status 200, after checking it against the spec.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is null.</exception>
    /// <exception cref="ArgumentException">The reply breaks the spec (Sinch would end the verification DENIED).</exception>
    public static string ToJson(VerificationRequestEventResponse reply)
    {
        Checked(reply ?? throw new ArgumentNullException(nameof(reply)));
        return VerificationJson.SerializeSdkType(reply);
    }

    // The reply's own rules (VerificationRequestEventResponse.Validate), checked where it is built.
    private static VerificationRequestEventResponse Checked(VerificationRequestEventResponse reply)
    {
        reply.Validate();
        return reply;
    }

    // Here a code is required (null would mean "Sinch chooses", which Allow() already says).
    private static string RequireCode(string code) =>
        string.IsNullOrWhiteSpace(code) ? throw new ArgumentException("The code is missing.", nameof(code)) : code; // not echoed: a PIN
}
