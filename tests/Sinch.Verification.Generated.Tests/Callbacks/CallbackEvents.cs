using System;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.Tests.Callbacks;

/// <summary>The event a parsed callback carries, for the fuzz runs of the parser and of <c>callbacks listen</c> (linked there).</summary>
internal static class CallbackEvents
{
    /// <summary>The event of a known callback; null for an unknown one. A callback type added to the SDK must be named here.</summary>
    public static object? Of(VerificationCallback callback) => callback switch
    {
        VerificationRequestCallback r => r.Event,
        VerificationResultCallback r => r.Event,
        VerificationSmsDeliveredCallback d => d.Event,
        UnknownVerificationCallback => null,
        _ => throw new InvalidOperationException($"no case for {callback.GetType().Name} in CallbackEvents.Of"),
    };
}
