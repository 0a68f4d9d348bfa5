using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sinch.Verification.Generated.Guard.Stores;

namespace Sinch.Verification.Generated.Guard;

/// <summary>
/// Checks a verification start before anything is sent, against SMS pumping: allowed countries
/// and number types, per-number, per-prefix and per-caller limits, sequential numbers, and a
/// conversion breaker per prefix. A refused start throws <see cref="VerificationRefusedException"/>.
/// One instance per app (or per set of credentials); thread-safe. With
/// <see cref="VerificationGuardOptions.Redis"/> the counts are shared by every instance of the app.
/// Most apps use it through <see cref="GuardedVerificationClient"/>, which checks starts and
/// learns from reports and status reads by itself.
/// </summary>
public sealed class VerificationGuard : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the guard's meter: <c>Sinch.Verification.Generated.Guard</c>.</summary>
    public const string MeterName = "Sinch.Verification.Generated.Guard";

    private const string BreakersKey = "breakers";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Starts = Meter.CreateCounter<long>("sinch.verification.guard.starts", "{start}", "Starts checked by the guard, by outcome (allowed, refused), reason and country.");
    private static readonly Counter<double> Saved = Meter.CreateCounter<double>("sinch.verification.guard.saved", description: "Estimated cost of the starts the guard refused (VerificationGuardOptions.EstimatedCostPerStart), by currency.");
    private static readonly Counter<long> StoreFailures = Meter.CreateCounter<long>("sinch.verification.guard.store_failures", "{failure}", "Checks for which the shared store (Redis) was unavailable, by the failure mode applied.");
    private static int s_openBreakers;
    private static readonly ObservableGauge<int> OpenBreakers = Meter.CreateObservableGauge("sinch.verification.guard.open_breakers", () => Volatile.Read(ref s_openBreakers), "{breaker}", "Conversion breakers a guard of this process last saw open.");

    private readonly VerificationGuardOptions _options;
    private readonly GuardStore _store;
    private readonly bool _ownsStore;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowedCountries;
    private readonly HashSet<GuardNumberType> _refusedTypes;
    private readonly PartitionedRateLimiter<string>? _perNumber;
    private readonly PartitionedRateLimiter<string>? _perPrefix;
    private readonly PartitionedRateLimiter<string>? _perCaller;

    /// <summary>Creates a guard with its own store: in process, or on the Redis of <see cref="VerificationGuardOptions.Redis"/>.</summary>
    /// <param name="options">What to check; copied.</param>
    /// <param name="timeProvider">The clock of windows and the breaker; the system clock when null (the limiters themselves run on real time).</param>
    /// <param name="loggerFactory">Where refusals and store failures are logged (numbers masked); none when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VerificationGuard(VerificationGuardOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, null, timeProvider, loggerFactory)
    {
    }

    internal VerificationGuard(VerificationGuardOptions options, GuardStore? store, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options = options.Clone();
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Sinch.Verification.Generated.Guard");
        _ownsStore = store is null;
        _store = store ?? (options.Redis is { } redis ? RedisGuardStore.Connect(redis, options.RedisKeyPrefix, options.RedisTimeout) : new InMemoryGuardStore(_time));
        _allowedCountries = new HashSet<string>(options.AllowedCountries, StringComparer.Ordinal);
        _refusedTypes = new HashSet<GuardNumberType>(options.RefusedNumberTypes);
        _perNumber = options.PerNumber is { } perNumber ? _store.CreateLimiter("number", perNumber) : null;
        _perPrefix = options.PerPrefix is { } perPrefix ? _store.CreateLimiter("prefix", perPrefix) : null;
        _perCaller = options.PerCaller is { } perCaller ? _store.CreateLimiter("caller", perCaller) : null;
    }

    /// <summary>
    /// Checks a start; returns when it may be sent. Call <see cref="RecordStartedAsync"/> once it
    /// was sent, so the conversion breaker can learn.
    /// </summary>
    /// <param name="request">The start; it is validated first (an invalid one is an <see cref="ArgumentException"/>, as from the client).</param>
    /// <param name="callerKey">Who asks (client IP, account), for <see cref="VerificationGuardOptions.PerCaller"/>; null when unknown.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="VerificationRefusedException">The guard refused the start; nothing may be sent.</exception>
    public async Task CheckStartAsync(StartVerificationRequest request, string? callerKey = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        request.Validate();
        var number = request.Identity.Endpoint;
        var facts = NumberFacts.Of(number);

        if (_allowedCountries.Count > 0 && (facts.Country is null || !_allowedCountries.Contains(facts.Country)))
        {
            throw Refuse(GuardRefusalReason.CountryNotAllowed, number, facts.Country);
        }

        if (_refusedTypes.Contains(facts.Type))
        {
            throw Refuse(GuardRefusalReason.NumberTypeRefused, number, facts.Country);
        }

        try
        {
            await CheckSharedAsync(number, facts.Country, callerKey, cancellationToken).ConfigureAwait(false);
        }
        catch (GuardStoreUnavailableException e)
        {
            StoreFailures.Add(1, new KeyValuePair<string, object?>("mode", _options.WhenRedisIsUnavailable.ToString()));
            Log.StoreUnavailable(_logger, _options.WhenRedisIsUnavailable.ToString(), e.InnerException?.GetType().Name ?? e.GetType().Name);
            if (_options.WhenRedisIsUnavailable == GuardFailureMode.FailClosed)
            {
                throw Refuse(GuardRefusalReason.StoreUnavailable, number, facts.Country);
            }
        }

        Starts.Add(1, new KeyValuePair<string, object?>("outcome", "allowed"), new KeyValuePair<string, object?>("country", facts.Country ?? "none"));
    }

    /// <summary>
    /// Tells the guard a start was sent (its id and number), so the conversion breaker counts it
    /// until <see cref="RecordOutcomeAsync"/> says whether it succeeded. Never throws for a store failure.
    /// </summary>
    public async Task RecordStartedAsync(string verificationId, string number, CancellationToken cancellationToken = default)
    {
        if (verificationId is null) throw new ArgumentNullException(nameof(verificationId));
        if (number is null) throw new ArgumentNullException(nameof(number));
        if (_options.ConversionBreaker is not { } breaker)
        {
            return;
        }

        var destinations = Destinations(number, NumberFacts.Of(number).Country, breaker);
        var now = _time.GetUtcNow();
        await Quietly(async () =>
        {
            await _store.SetAsync("started:" + NumberFacts.Key(verificationId), string.Join(",", destinations) + "|" + now.ToUnixTimeMilliseconds(), breaker.Window, cancellationToken).ConfigureAwait(false);
            foreach (var destination in destinations)
            {
                await _store.AddToWindowAsync("starts:" + destination, NumberFacts.Key(verificationId), now, breaker.Window, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the guard how a verification ended (a report, a status read, a result callback): a
    /// <c>SUCCESSFUL</c> one counts as a conversion of its prefix, once. Other statuses change
    /// nothing (a start that never succeeds counts against its prefix by itself). Never throws for
    /// a store failure.
    /// </summary>
    public async Task RecordOutcomeAsync(string verificationId, VerificationStatus? status, CancellationToken cancellationToken = default)
    {
        if (verificationId is null) throw new ArgumentNullException(nameof(verificationId));
        if (_options.ConversionBreaker is null || status != VerificationStatus.Successful)
        {
            return;
        }

        await Quietly(async () =>
        {
            if (await _store.TakeAsync("started:" + NumberFacts.Key(verificationId), cancellationToken).ConfigureAwait(false) is { } started
                && started.Split('|') is [var destinations, var at] && long.TryParse(at, out var milliseconds))
            {
                // Scored by the start's time, so conversions and starts of one period compare.
                foreach (var destination in destinations.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    await _store.AddToWindowAsync("conversions:" + destination, NumberFacts.Key(verificationId), DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), _options.ConversionBreaker.Window, cancellationToken).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The prefixes (<c>+447911</c>) and countries (<c>GB</c>) whose conversion breaker is open, and until when.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetOpenBreakersAsync(CancellationToken cancellationToken = default)
    {
        var open = await _store.GetUntilAsync(BreakersKey, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref s_openBreakers, open.Count);
        return open;
    }

    /// <summary>Closes the conversion breaker of <paramref name="prefix"/> (a prefix or a country, as <see cref="GetOpenBreakersAsync"/> names it) and forgets its counts.</summary>
    public Task ResetBreakerAsync(string prefix, CancellationToken cancellationToken = default)
    {
        if (prefix is null) throw new ArgumentNullException(nameof(prefix));
        Log.BreakerReset(_logger, prefix);
        return ForgetAsync(prefix, cancellationToken);
    }

    /// <summary>Releases the limiters and, for a guard that made it, the Redis connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsStore)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Releases the limiters and the Redis connection at once (for containers disposed synchronously).</summary>
    public void Dispose()
    {
        if (_ownsStore)
        {
            _store.Dispose();
        }
    }

    // The checks whose state may be shared: breaker, sequential numbers, limits.
    private async Task CheckSharedAsync(string number, string? country, string? callerKey, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var prefix = Prefix(number);
        if (_options.ConversionBreaker is { } breaker)
        {
            var open = await _store.GetUntilAsync(BreakersKey, now, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref s_openBreakers, open.Count);
            foreach (var destination in Destinations(number, country, breaker))
            {
                if (!open.TryGetValue(destination, out var until))
                {
                    until = await OpensAsync(destination, breaker, now, cancellationToken).ConfigureAwait(false) ?? default;
                }

                if (until > now)
                {
                    throw Refuse(GuardRefusalReason.ConversionBreakerOpen, number, country, until - now);
                }
            }
        }

        // The order decides who pays for a refusal: a refused start uses up only the permits of the
        // checks before the one that refused it. The number first, so asking again for one limited
        // number cannot drain its prefix for everyone; the prefix last, so only starts that pass
        // every other check count against the range.
        var numberKey = NumberFacts.Key(number);
        if (_perNumber is not null)
        {
            await AcquireAsync(_perNumber, numberKey, GuardRefusalReason.NumberLimit, number, country, cancellationToken).ConfigureAwait(false);
        }

        if (_perCaller is not null && callerKey is not null)
        {
            await AcquireAsync(_perCaller, NumberFacts.Key(callerKey), GuardRefusalReason.CallerLimit, number, country, cancellationToken).ConfigureAwait(false);
        }

        if (_options.SequentialNumbers is { } sequential && number.Length > sequential.TrailingDigits + 2)
        {
            var block = number.Substring(0, number.Length - sequential.TrailingDigits);

            // A number already seen in its block is no new number (a user asking again).
            if (!await _store.TryAdmitAsync("sequential:" + NumberFacts.Key(block), numberKey, now, sequential.Window, sequential.MaxNumbers, cancellationToken).ConfigureAwait(false))
            {
                throw Refuse(GuardRefusalReason.SequentialNumbers, number, country);
            }
        }

        if (_perPrefix is not null)
        {
            await AcquireAsync(_perPrefix, prefix, GuardRefusalReason.PrefixLimit, number, country, cancellationToken).ConfigureAwait(false);
        }
    }

    // The breaker opens when enough starts of the window are decided - older than the grace a user
    // needs to type a code, or already successful - and too few of them succeeded.
    private async Task<DateTimeOffset?> OpensAsync(string prefix, ConversionBreakerOptions breaker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - breaker.Window;
        var decidedUntil = now - breaker.ConversionGrace;
        var conversions = await _store.CountAsync("conversions:" + prefix, from, now, cancellationToken).ConfigureAwait(false);
        var oldStarts = decidedUntil > from ? await _store.CountAsync("starts:" + prefix, from, decidedUntil, cancellationToken).ConfigureAwait(false) : 0;
        var recentConversions = await _store.CountAsync("conversions:" + prefix, decidedUntil, now, cancellationToken).ConfigureAwait(false);
        var decided = oldStarts + recentConversions;
        if (decided < breaker.MinimumStarts || conversions >= breaker.MinimumConversionRate * decided)
        {
            return null;
        }

        var until = now + breaker.CoolDown;
        await _store.SetUntilAsync(BreakersKey, prefix, until, cancellationToken).ConfigureAwait(false);

        // After the cool-down the prefix is judged on new starts only.
        await _store.DeleteAsync(new[] { "starts:" + prefix, "conversions:" + prefix }, cancellationToken).ConfigureAwait(false);
        Log.BreakerOpened(_logger, prefix, conversions, decided, breaker.CoolDown.TotalSeconds);
        return until;
    }

    private async Task AcquireAsync(PartitionedRateLimiter<string> limiter, string key, GuardRefusalReason reason, string number, string? country, CancellationToken cancellationToken)
    {
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(key, 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisGuardStore.IsUnavailable(e) && e is not GuardStoreUnavailableException)
        {
            throw new GuardStoreUnavailableException(e);
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw Refuse(reason, number, country, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null);
            }
        }
    }

    private async Task ForgetAsync(string prefix, CancellationToken cancellationToken)
    {
        await _store.RemoveAsync(BreakersKey, prefix, cancellationToken).ConfigureAwait(false);
        await _store.DeleteAsync(new[] { "starts:" + prefix, "conversions:" + prefix }, cancellationToken).ConfigureAwait(false);
    }

    // What the breakers of a number watch: its prefix ("+447911") and/or its country ("GB").
    private string[] Destinations(string number, string? country, ConversionBreakerOptions breaker) => breaker.Scope switch
    {
        GuardBreakerScope.Prefix => new[] { Prefix(number) },
        GuardBreakerScope.Country => new[] { country ?? CallingCode(number) },
        GuardBreakerScope.PrefixAndCountry => new[] { Prefix(number), country ?? CallingCode(number) },
        _ => throw new InvalidOperationException($"Unknown breaker scope {breaker.Scope}."),
    };

    // A number of no country (+800, +882, +979: international networks, favourites of pumping) is watched by its calling code.
    private static string CallingCode(string number) => "+" + NumberFacts.CallingCode(number);

    private string Prefix(string number) => number.Length <= _options.PrefixLength ? number : number.Substring(0, _options.PrefixLength);

    private VerificationRefusedException Refuse(GuardRefusalReason reason, string number, string? country, TimeSpan? retryAfter = null)
    {
        var masked = PhoneNumbers.Mask(number);
        Starts.Add(1, new KeyValuePair<string, object?>("outcome", "refused"), new KeyValuePair<string, object?>("reason", reason.ToString()), new KeyValuePair<string, object?>("country", country ?? "none"));
        if (_options.EstimatedCostPerStart > 0)
        {
            Saved.Add(_options.EstimatedCostPerStart, new KeyValuePair<string, object?>("currency", _options.Currency));
        }

        Log.Refused(_logger, masked, reason.ToString(), country ?? "none");
        return new VerificationRefusedException(reason, masked, country, retryAfter);
    }

    // Learning must never fail a verification that was sent: a store failure is logged and dropped.
    private async Task Quietly(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (GuardStoreUnavailableException e)
        {
            StoreFailures.Add(1, new KeyValuePair<string, object?>("mode", "learning"));
            Log.StoreUnavailable(_logger, "learning skipped", e.InnerException?.GetType().Name ?? e.GetType().Name);
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Verification start to {MaskedNumber} refused by the guard: {Reason} (country {Country})")]
    public static partial void Refused(ILogger logger, string maskedNumber, string reason, string country);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Conversion breaker of {Prefix} opened: {Conversions} of {Starts} verifications succeeded; starts refused for {CoolDownSeconds} s")]
    public static partial void BreakerOpened(ILogger logger, string prefix, long conversions, long starts, double coolDownSeconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Conversion breaker of {Prefix} reset")]
    public static partial void BreakerReset(ILogger logger, string prefix);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The guard's store (Redis) is unavailable ({Error}): {Mode}")]
    public static partial void StoreUnavailable(ILogger logger, string mode, string error);
}
