using System;
using System.Collections.Generic;
using System.Linq;

namespace Sinch.Verification.Generated.Guard;

/// <summary>
/// What the guard checks before a verification start is sent, bound from
/// <c>Sinch:Verification:Guard</c>. Every check is off until it is configured; a check's own
/// settings say what it allows.
/// </summary>
public sealed class VerificationGuardOptions
{
    /// <summary>The configuration section the DI registration binds: <c>Sinch:Verification:Guard</c>.</summary>
    public const string DefaultConfigurationSection = "Sinch:Verification:Guard";

    /// <summary>
    /// ISO 3166-1 alpha-2 codes of the countries a start may go to (<c>SE</c>, <c>DE</c>); any other
    /// country, and a number of no country (+800, +882, ...), is refused. Empty: every country.
    /// </summary>
    public IList<string> AllowedCountries { get; private set; } = new List<string>();

    /// <summary>
    /// Number types refused wherever they are (<see cref="GuardNumberType.PremiumRate"/>,
    /// <see cref="GuardNumberType.SharedCost"/>, ...), as libphonenumber classifies the number.
    /// Empty: no type is refused.
    /// </summary>
    public IList<GuardNumberType> RefusedNumberTypes { get; private set; } = new List<GuardNumberType>();

    /// <summary>Starts to one number: at most <see cref="GuardLimit.PermitLimit"/> per <see cref="GuardLimit.Window"/>. Null: no limit.</summary>
    public GuardLimit? PerNumber { get; set; }

    /// <summary>
    /// Starts to one prefix (the first <see cref="PrefixLength"/> characters of the E.164 number,
    /// <c>+</c> included: <c>+467012</c>): a pumping range is usually a prefix. Null: no limit.
    /// </summary>
    public GuardLimit? PerPrefix { get; set; }

    /// <summary>Starts by one caller (the partition key you pass: client IP, account). Null: no limit.</summary>
    public GuardLimit? PerCaller { get; set; }

    /// <summary>The length of a prefix for <see cref="PerPrefix"/> and the conversion breaker, <c>+</c> included; 7 by default.</summary>
    public int PrefixLength { get; set; } = 7;

    /// <summary>Many different numbers that differ only in their last digits, within a window. Null: off.</summary>
    public SequentialNumbersOptions? SequentialNumbers { get; set; }

    /// <summary>Stops starts to a prefix whose verifications do not convert. Null: off.</summary>
    public ConversionBreakerOptions? ConversionBreaker { get; set; }

    /// <summary>
    /// A StackExchange.Redis connection string (<c>localhost:6379</c>): the limits, the sequential
    /// detection and the breaker are then shared by every app instance that uses the same Redis and
    /// <see cref="RedisKeyPrefix"/>. Null: in process only.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key the guard writes; one per application.</summary>
    public string RedisKeyPrefix { get; set; } = "sinch-verification-guard";

    /// <summary>How long a Redis operation may take before Redis counts as unavailable (the connection string may set shorter ones); 500 ms by default.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>What a start gets when Redis cannot be reached: <see cref="GuardFailureMode.FailOpen"/> (allowed, logged and counted) by default.</summary>
    public GuardFailureMode WhenRedisIsUnavailable { get; set; } = GuardFailureMode.FailOpen;

    /// <summary>What one start costs, for the estimate of money saved (the metric <c>sinch.verification.guard.saved</c>); 0 to leave it out.</summary>
    public double EstimatedCostPerStart { get; set; }

    /// <summary>The currency of <see cref="EstimatedCostPerStart"/>.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>A copy, so later changes by the caller do not reach a running guard.</summary>
    internal VerificationGuardOptions Clone()
    {
        var copy = (VerificationGuardOptions)MemberwiseClone();
        copy.AllowedCountries = new List<string>(AllowedCountries);
        copy.RefusedNumberTypes = new List<GuardNumberType>(RefusedNumberTypes);
        copy.PerNumber = PerNumber is null ? null : new GuardLimit { PermitLimit = PerNumber.PermitLimit, Window = PerNumber.Window };
        copy.PerPrefix = PerPrefix is null ? null : new GuardLimit { PermitLimit = PerPrefix.PermitLimit, Window = PerPrefix.Window };
        copy.PerCaller = PerCaller is null ? null : new GuardLimit { PermitLimit = PerCaller.PermitLimit, Window = PerCaller.Window };
        copy.SequentialNumbers = SequentialNumbers is null ? null : (SequentialNumbersOptions)SequentialNumbers.Copy();
        copy.ConversionBreaker = ConversionBreaker is null ? null : (ConversionBreakerOptions)ConversionBreaker.Copy();
        return copy;
    }

    /// <summary>Checks every setting and says which one is wrong.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        foreach (var country in AllowedCountries)
        {
            if (country is null || country.Length != 2 || !country.All(c => c is >= 'A' and <= 'Z'))
            {
                throw new ArgumentException($"AllowedCountries: '{country}' is not an ISO 3166-1 alpha-2 code in capitals (SE, DE, US).", nameof(AllowedCountries));
            }
        }

        PerNumber?.Validate(nameof(PerNumber));
        PerPrefix?.Validate(nameof(PerPrefix));
        PerCaller?.Validate(nameof(PerCaller));
        SequentialNumbers?.Validate();
        ConversionBreaker?.Validate();
        // Shorter than the shortest E.164 number (9 characters): a prefix is stored and logged in clear.
        if (PrefixLength is < 3 or > 8)
        {
            throw new ArgumentException("PrefixLength must be 3 to 8 characters ('+' and 2 to 7 digits).", nameof(PrefixLength));
        }

        if (string.IsNullOrWhiteSpace(RedisKeyPrefix))
        {
            throw new ArgumentException("RedisKeyPrefix is empty.", nameof(RedisKeyPrefix));
        }

        if (RedisTimeout < TimeSpan.FromMilliseconds(10) || RedisTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("RedisTimeout must be between 10 ms and 1 minute.", nameof(RedisTimeout));
        }

        if (EstimatedCostPerStart < 0 || double.IsNaN(EstimatedCostPerStart))
        {
            throw new ArgumentException("EstimatedCostPerStart must be 0 or more.", nameof(EstimatedCostPerStart));
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> starts per <see cref="Window"/> (a sliding window).</summary>
public sealed class GuardLimit
{
    /// <summary>How many starts the window allows.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; set; }

    internal void Validate(string name)
    {
        if (PermitLimit < 1)
        {
            throw new ArgumentException($"{name}:PermitLimit must be 1 or more.", name);
        }

        if (Window < TimeSpan.FromMilliseconds(1) || Window > TimeSpan.FromDays(30))
        {
            throw new ArgumentException($"{name}:Window must be between 1 ms and 30 days.", name);
        }
    }
}

/// <summary>
/// Refuses a start when, within <see cref="Window"/>, more than <see cref="MaxNumbers"/> different
/// numbers were started that share everything but their last <see cref="TrailingDigits"/> digits
/// (+46701230001, +46701230002, ...): bots walk a range.
/// </summary>
public sealed class SequentialNumbersOptions
{
    /// <summary>How many trailing digits may differ; 3 by default.</summary>
    public int TrailingDigits { get; set; } = 3;

    /// <summary>How many different numbers of one such block are allowed within the window; 5 by default.</summary>
    public int MaxNumbers { get; set; } = 5;

    /// <summary>The sliding window; 1 hour by default.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    internal object Copy() => MemberwiseClone();

    internal void Validate()
    {
        if (TrailingDigits is < 1 or > 6) throw new ArgumentException("SequentialNumbers:TrailingDigits must be 1 to 6.", nameof(TrailingDigits));
        if (MaxNumbers < 1) throw new ArgumentException("SequentialNumbers:MaxNumbers must be 1 or more.", nameof(MaxNumbers));
        if (Window < TimeSpan.FromMilliseconds(1) || Window > TimeSpan.FromDays(30)) throw new ArgumentException("SequentialNumbers:Window must be between 1 ms and 30 days.", nameof(Window));
    }
}

/// <summary>What one conversion breaker watches.</summary>
public enum GuardBreakerScope
{
    /// <summary>One breaker per prefix (<see cref="VerificationGuardOptions.PrefixLength"/>): an attack on one range stops that range only.</summary>
    Prefix,

    /// <summary>One breaker per country: also stops an attack spread over many ranges of a country, and every start to it.</summary>
    Country,

    /// <summary>Both: a start is refused when its prefix's or its country's breaker is open.</summary>
    PrefixAndCountry,
}

/// <summary>
/// Opens for a prefix (<see cref="VerificationGuardOptions.PrefixLength"/>) or a country (<see cref="Scope"/>) when, within
/// <see cref="Window"/>, at least <see cref="MinimumStarts"/> verifications were started to it
/// and fewer than <see cref="MinimumConversionRate"/> of them succeeded; starts to that prefix are
/// then refused for <see cref="CoolDown"/>. A healthy flow converts 60-80% of codes sent; an
/// attack converts nothing. It learns from the guarded client's reports and status reads and from
/// <see cref="VerificationGuard.RecordOutcomeAsync"/> (call it from your result callback).
/// </summary>
public sealed class ConversionBreakerOptions
{
    /// <summary>What one breaker watches: a prefix (default), a country, or both.</summary>
    public GuardBreakerScope Scope { get; set; } = GuardBreakerScope.Prefix;

    /// <summary>Starts needed before the rate means anything; 20 by default.</summary>
    public int MinimumStarts { get; set; } = 20;

    /// <summary>The share of starts that must succeed; 0.2 by default.</summary>
    public double MinimumConversionRate { get; set; } = 0.2;

    /// <summary>The sliding window of starts and successes; 1 hour by default.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a user may take to type a code: a start younger than this counts only once it
    /// succeeded, so a burst of honest starts is not judged before their reports. 5 minutes by default.
    /// </summary>
    public TimeSpan ConversionGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an open breaker refuses starts; 1 hour by default. Resettable by <see cref="VerificationGuard.ResetBreakerAsync"/>.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromHours(1);

    internal object Copy() => MemberwiseClone();

    internal void Validate()
    {
        if (MinimumStarts < 1) throw new ArgumentException("ConversionBreaker:MinimumStarts must be 1 or more.", nameof(MinimumStarts));
        if (MinimumConversionRate is < 0 or > 1 || double.IsNaN(MinimumConversionRate)) throw new ArgumentException("ConversionBreaker:MinimumConversionRate must be 0 to 1.", nameof(MinimumConversionRate));
        if (Window < TimeSpan.FromMilliseconds(1) || Window > TimeSpan.FromDays(30)) throw new ArgumentException("ConversionBreaker:Window must be between 1 ms and 30 days.", nameof(Window));
        if (CoolDown < TimeSpan.FromMilliseconds(1) || CoolDown > TimeSpan.FromDays(30)) throw new ArgumentException("ConversionBreaker:CoolDown must be between 1 ms and 30 days.", nameof(CoolDown));
        if (ConversionGrace < TimeSpan.Zero || ConversionGrace >= Window) throw new ArgumentException("ConversionBreaker:ConversionGrace must be 0 or more and shorter than Window.", nameof(ConversionGrace));
    }
}

/// <summary>What the guard does when its shared store (Redis) cannot be reached.</summary>
public enum GuardFailureMode
{
    /// <summary>Allow the start (the in-process checks still run); logged and counted.</summary>
    FailOpen,

    /// <summary>Refuse the start with <see cref="GuardRefusalReason.StoreUnavailable"/>.</summary>
    FailClosed,
}

/// <summary>Number types, as libphonenumber classifies them.</summary>
public enum GuardNumberType
{
    /// <summary>A fixed line.</summary>
    FixedLine,

    /// <summary>A mobile number.</summary>
    Mobile,

    /// <summary>Fixed line or mobile (some countries cannot tell).</summary>
    FixedLineOrMobile,

    /// <summary>Free for the caller.</summary>
    TollFree,

    /// <summary>Premium rate: the caller pays extra, the owner earns.</summary>
    PremiumRate,

    /// <summary>Shared cost.</summary>
    SharedCost,

    /// <summary>Voice over IP.</summary>
    Voip,

    /// <summary>A personal number routed elsewhere.</summary>
    PersonalNumber,

    /// <summary>A pager.</summary>
    Pager,

    /// <summary>Universal access number.</summary>
    Uan,

    /// <summary>Voicemail access.</summary>
    Voicemail,

    /// <summary>Valid, but of no known type.</summary>
    Unknown,
}
