using System;

namespace Sinch.Verification.Emulator.Callbacks;

/// <summary>What the callback's reply to a request event means for the verification.</summary>
internal enum CallbackVerdict
{
    /// <summary>Send the code (the callback may have chosen it).</summary>
    Allow,

    /// <summary><c>{"action":"deny"}</c>: DENIED / Denied by callback.</summary>
    Deny,

    /// <summary>No usable reply (error status, bad JSON, timeout, unreachable): DENIED / Invalid callback.</summary>
    Invalid,
}

/// <summary>The verdict plus the allowing reply (its method's object may choose the code); <see cref="Detail"/> explains an invalid reply in logs.</summary>
internal sealed record CallbackDecision(CallbackVerdict Verdict, Generated.VerificationRequestEventResponse? Reply, string Detail)
{
    public static CallbackDecision Invalid(string detail) => new(CallbackVerdict.Invalid, null, detail);
}
