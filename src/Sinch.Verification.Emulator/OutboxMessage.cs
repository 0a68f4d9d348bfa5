using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator;

/// <summary>
/// What would have reached the phone for one verification: the SMS, the missed call, the
/// spoken code, the WhatsApp message, or the target URI of a seamless verification. Not part of
/// Sinch's API: it exists so tests and demos can complete a flow.
/// </summary>
public sealed class OutboxMessage
{
    internal OutboxMessage(string verificationId, VerificationMethod method, string to, string? from, string code, string text, string summary, DateTimeOffset sentAt)
    {
        Summary = summary;
        VerificationId = verificationId;
        Method = method;
        To = to;
        From = from;
        Code = code;
        Text = text;
        SentAt = sentAt;
    }

    /// <summary>The id of the verification this message belongs to.</summary>
    public string VerificationId { get; }

    /// <summary>The verification's method: <c>sms</c>, <c>flashcall</c>, <c>callout</c>, <c>whatsapp</c> or <c>seamless</c>.</summary>
    public VerificationMethod Method { get; }

    /// <summary>The verified phone number (E.164).</summary>
    public string To { get; }

    /// <summary>The calling number of a flash call; null for the other methods.</summary>
    public string? From { get; }

    /// <summary>
    /// What completes the verification: the code the user reports (SMS PIN, spoken callout code,
    /// WhatsApp code), the full calling number of a flash call (the value of <c>flashCall.cli</c>),
    /// or, for seamless, the target URI the phone GETs.
    /// </summary>
    public string Code { get; }

    /// <summary>A readable rendering: the SMS or WhatsApp text, "Missed call from …", the sentence the callout speaks, or the seamless target URI.</summary>
    public string Text { get; }

    /// <summary>What reached the phone, without the code (safe to print): "SMS with a 4-character code", "missed call from +46*******80", ….</summary>
    public string Summary { get; }

    /// <summary>When it was "sent", on the emulator's clock.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>Its place in the outbox, 1 for the first message sent: set once by <see cref="EmulatorOutbox"/>, and what an outbox page's cursor names.</summary>
    internal long Sequence { get; set; }

    /// <summary>Method, masked number and verification id; never the code.</summary>
    public override string ToString() => $"OutboxMessage {{ {Method} to {PhoneNumbers.Mask(To)}, verification {VerificationId} }}";
}
