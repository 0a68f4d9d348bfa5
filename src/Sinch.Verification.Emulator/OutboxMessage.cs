using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator;

/// <summary>
/// What would have reached the phone for one verification: the SMS, the missed call or the
/// spoken code. Not part of Sinch's API: it exists so tests and demos can complete a flow.
/// </summary>
public sealed class OutboxMessage
{
    internal OutboxMessage(string verificationId, VerificationMethod method, string to, string? from, string code, string text, DateTimeOffset sentAt)
    {
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

    /// <summary><c>sms</c>, <c>flashcall</c> or <c>callout</c>.</summary>
    public VerificationMethod Method { get; }

    /// <summary>The verified phone number (E.164).</summary>
    public string To { get; }

    /// <summary>The calling number of a flash call; null for SMS and callout.</summary>
    public string? From { get; }

    /// <summary>
    /// What the user reports back: the SMS PIN, the spoken callout code, or the full calling
    /// number of a flash call (the value of <c>flashCall.cli</c>).
    /// </summary>
    public string Code { get; }

    /// <summary>A readable rendering: the SMS text, "Missed call from …", or the sentence the callout speaks.</summary>
    public string Text { get; }

    /// <summary>When it was "sent", on the emulator's clock.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>Method, masked number and verification id; never the code.</summary>
    public override string ToString() => $"OutboxMessage {{ {Method} to {PhoneNumbers.Mask(To)}, verification {VerificationId} }}";
}
