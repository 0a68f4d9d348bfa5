using System;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// Why a callback was accepted or rejected. No member is 0, so an uninitialised value is never
/// <see cref="Valid"/>.
/// </summary>
public enum CallbackValidationReason
{
    /// <summary>Signed by a configured application, over exactly these bytes and headers, within the freshness window.</summary>
    Valid = 1,

    /// <summary>No <c>Authorization</c> header.</summary>
    MissingAuthorization = 2,

    /// <summary>The <c>Authorization</c> header is not <c>Application {key}:{signature}</c>.</summary>
    MalformedAuthorization = 3,

    /// <summary>The header names an application key that is not configured.</summary>
    UnknownApplicationKey = 4,

    /// <summary>The signature does not match the method, path, Content-Type, body and timestamp received.</summary>
    SignatureMismatch = 5,

    /// <summary>No <c>x-timestamp</c> header.</summary>
    MissingTimestamp = 6,

    /// <summary>The <c>x-timestamp</c> header is not an ISO-8601 time.</summary>
    MalformedTimestamp = 7,

    /// <summary>Correctly signed, but older than the freshness window allows (a possible replay).</summary>
    TooOld = 8,

    /// <summary>Correctly signed, but further in the future than the freshness window allows.</summary>
    TooFarInFuture = 9,
}

/// <summary>The outcome of <see cref="CallbackValidator.Validate(string, string, string?, ReadOnlySpan{byte}, string?, string?)"/>.</summary>
/// <remarks>Never carries the signature or a secret, so it is safe to log.</remarks>
public sealed class CallbackValidationResult
{
    /// <summary>Creates a result; the validator is the usual source, tests may build their own.</summary>
    /// <param name="reason">Why the callback was accepted or rejected.</param>
    /// <param name="applicationKey">The configured application that signed it, when known.</param>
    /// <param name="timestamp">The parsed <c>x-timestamp</c>, when it could be read.</param>
    public CallbackValidationResult(CallbackValidationReason reason, string? applicationKey = null, DateTimeOffset? timestamp = null)
    {
        Reason = reason;
        ApplicationKey = applicationKey;
        Timestamp = timestamp;
    }

    /// <summary>Why the callback was accepted or rejected.</summary>
    public CallbackValidationReason Reason { get; }

    /// <summary>True only for <see cref="CallbackValidationReason.Valid"/>.</summary>
    public bool IsValid => Reason == CallbackValidationReason.Valid;

    /// <summary>
    /// The configured application key named by the header (which tenant the callback is for);
    /// null when the header was missing, malformed or named an unknown key, so the value never
    /// echoes arbitrary caller input.
    /// </summary>
    public string? ApplicationKey { get; }

    /// <summary>The <c>x-timestamp</c> as UTC, when it could be read.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The reason and the application key; never a signature or secret.</summary>
    public override string ToString() =>
        ApplicationKey is null ? $"CallbackValidationResult {{ Reason = {Reason} }}" : $"CallbackValidationResult {{ Reason = {Reason}, ApplicationKey = {ApplicationKey} }}";
}
