using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Sinch.Verification.Generated.Guard;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>
/// What the verification guard adds to a start that it allows: every check on (the configuration of
/// <c>demo attack</c>, with limits no run reaches), numbers rotating over a pool, in process or on
/// the Redis named by SINCH_GUARD_BENCH_REDIS (build/bench.sh starts one from Debian's redis-server).
/// </summary>
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private const int Pool = 100_000;
    private VerificationGuard _guard = null!;
    private StartVerificationRequest[] _requests = null!;
    private int _next;

    /// <summary>"in-process", or "redis" (skipped without SINCH_GUARD_BENCH_REDIS).</summary>
    [Params("in-process", "redis")]
    public string Store { get; set; } = "in-process";

    [GlobalSetup]
    public void Setup()
    {
        var redis = Environment.GetEnvironmentVariable("SINCH_GUARD_BENCH_REDIS");
        if (Store == "redis" && string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException("set SINCH_GUARD_BENCH_REDIS=host:port for the Redis row (build/bench.sh does)");
        }

        var limit = new GuardLimit { PermitLimit = int.MaxValue, Window = TimeSpan.FromHours(1) };
        _guard = new VerificationGuard(new VerificationGuardOptions
        {
            AllowedCountries = { "SE" },
            RefusedNumberTypes = { GuardNumberType.PremiumRate, GuardNumberType.SharedCost },
            PerNumber = limit,
            PerPrefix = limit,
            PerCaller = limit,
            SequentialNumbers = new SequentialNumbersOptions { MaxNumbers = int.MaxValue },
            ConversionBreaker = new ConversionBreakerOptions { MinimumStarts = int.MaxValue },
            Redis = Store == "redis" ? redis : null,
            RedisKeyPrefix = "guard-bench-" + Guid.NewGuid().ToString("N"),
        });
        _requests = new StartVerificationRequest[Pool];
        for (var i = 0; i < Pool; i++)
        {
            _requests[i] = StartVerificationRequest.ForSms("+4670" + (1_000_000 + (i * 7919 % 9_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _guard.DisposeAsync();

    [Benchmark]
    public Task CheckStart() => _guard.CheckStartAsync(_requests[_next++ % Pool], "203.0.113.7");
}
