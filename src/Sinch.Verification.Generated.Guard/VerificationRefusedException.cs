using System;

namespace Sinch.Verification.Generated.Guard;

/// <summary>Why the guard refused a start.</summary>
public enum GuardRefusalReason
{
    /// <summary>The number's country is not in <see cref="VerificationGuardOptions.AllowedCountries"/>, or it has none.</summary>
    CountryNotAllowed,

    /// <summary>The number's type is in <see cref="VerificationGuardOptions.RefusedNumberTypes"/>.</summary>
    NumberTypeRefused,

    /// <summary>Too many starts to this number (<see cref="VerificationGuardOptions.PerNumber"/>).</summary>
    NumberLimit,

    /// <summary>Too many starts to this prefix (<see cref="VerificationGuardOptions.PerPrefix"/>).</summary>
    PrefixLimit,

    /// <summary>Too many starts by this caller (<see cref="VerificationGuardOptions.PerCaller"/>).</summary>
    CallerLimit,

    /// <summary>Too many numbers that differ only in their last digits (<see cref="VerificationGuardOptions.SequentialNumbers"/>).</summary>
    SequentialNumbers,

    /// <summary>The conversion breaker of this prefix is open (<see cref="VerificationGuardOptions.ConversionBreaker"/>).</summary>
    ConversionBreakerOpen,

    /// <summary>Redis could not be reached and <see cref="VerificationGuardOptions.WhenRedisIsUnavailable"/> is <see cref="GuardFailureMode.FailClosed"/>.</summary>
    StoreUnavailable,
}

/// <summary>
/// The guard refused a verification start: nothing was sent and nothing was charged. The message
/// gives the reason and the masked number, never the full number.
/// </summary>
public sealed class VerificationRefusedException : Exception
{
    /// <summary>Creates the exception (for tests and mocks).</summary>
    public VerificationRefusedException(GuardRefusalReason reason, string maskedNumber, string? country = null, TimeSpan? retryAfter = null)
        : base(Describe(reason, maskedNumber, country, retryAfter))
    {
        Reason = reason;
        MaskedNumber = maskedNumber;
        Country = country;
        RetryAfter = retryAfter;
    }

    /// <summary>Which check refused the start.</summary>
    public GuardRefusalReason Reason { get; }

    /// <summary>The number, masked (<c>+46*******00</c>).</summary>
    public string MaskedNumber { get; }

    /// <summary>The number's country (ISO 3166-1 alpha-2), when it has one.</summary>
    public string? Country { get; }

    /// <summary>When a limit or the breaker may allow a start again, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(GuardRefusalReason reason, string maskedNumber, string? country, TimeSpan? retryAfter)
    {
        var why = reason switch
        {
            GuardRefusalReason.CountryNotAllowed => $"its country ({country ?? "none"}) is not allowed",
            GuardRefusalReason.NumberTypeRefused => "its number type is refused",
            GuardRefusalReason.NumberLimit => "too many starts to this number",
            GuardRefusalReason.PrefixLimit => "too many starts to this number's prefix",
            GuardRefusalReason.CallerLimit => "too many starts by this caller",
            GuardRefusalReason.SequentialNumbers => "too many starts to numbers that differ only in their last digits",
            GuardRefusalReason.ConversionBreakerOpen => "verifications to this prefix do not convert (the conversion breaker is open)",
            GuardRefusalReason.StoreUnavailable => "the guard's shared store is unavailable and the guard fails closed",
            _ => reason.ToString(),
        };
        var wait = retryAfter is { } after ? $" Retry after {after.TotalSeconds:0} s." : string.Empty;
        return $"The verification guard refused the start to {maskedNumber} ({reason}): {why}; nothing was sent.{wait}";
    }
}
