using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Generated.Guard.Tests;

/// <summary>Guards of several app instances sharing a real Redis, and what happens when Redis is gone.</summary>
[TestClass]
public sealed class SharedGuardTests
{
    [TestMethod]
    public async Task A_per_number_limit_of_k_lets_at_most_k_starts_through_in_total_across_instances()
    {
        var options = await SharedAsync(o => o.PerNumber = new GuardLimit { PermitLimit = 3, Window = TimeSpan.FromHours(1) });
        await using var first = new VerificationGuard(options);
        await using var second = new VerificationGuard(options);
        await using var third = new VerificationGuard(options);
        var guards = new[] { first, second, third };

        // 60 concurrent starts to one number, spread over three instances.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            try
            {
                await guards[i % 3].CheckStartAsync(StartVerificationRequest.ForSms("+46701234567"));
                return true;
            }
            catch (VerificationRefusedException e) when (e.Reason == GuardRefusalReason.NumberLimit)
            {
                return false;
            }
        }));

        Assert.AreEqual(3, outcomes.Count(allowed => allowed));
    }

    [TestMethod]
    public async Task Sequential_numbers_and_the_breaker_are_shared_across_instances()
    {
        var options = await SharedAsync(o =>
        {
            o.SequentialNumbers = new SequentialNumbersOptions { TrailingDigits = 3, MaxNumbers = 2 };
            o.ConversionBreaker = new ConversionBreakerOptions { MinimumStarts = 4, ConversionGrace = TimeSpan.Zero };
        });
        await using var first = new VerificationGuard(options);
        await using var second = new VerificationGuard(options);

        await first.CheckStartAsync(StartVerificationRequest.ForSms("+46701230001"));
        await second.CheckStartAsync(StartVerificationRequest.ForSms("+46701230002"));
        var sequential = await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => first.CheckStartAsync(StartVerificationRequest.ForSms("+46701230003")));
        Assert.AreEqual(GuardRefusalReason.SequentialNumbers, sequential.Reason);

        // Four starts to one prefix through the first instance, none converting: the second refuses the next.
        for (var i = 0; i < 4; i++)
        {
            await first.RecordStartedAsync("attack-" + i, $"+4670888{i:0000}");
        }

        var breaker = await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => second.CheckStartAsync(StartVerificationRequest.ForSms("+46708889999")));
        Assert.AreEqual(GuardRefusalReason.ConversionBreakerOpen, breaker.Reason);
        Assert.IsTrue((await first.GetOpenBreakersAsync()).ContainsKey("+467088"));
    }

    [TestMethod]
    public async Task Without_Redis_the_guard_fails_open_by_default_and_closed_when_configured()
    {
        var nowhere = $"127.0.0.1:{Ports.Free()},connectTimeout=200,syncTimeout=500,asyncTimeout=500";
        GuardLimit limit = new() { PermitLimit = 1, Window = TimeSpan.FromHours(1) };

        await using var open = new VerificationGuard(new VerificationGuardOptions { Redis = nowhere, PerNumber = limit, RedisKeyPrefix = RedisServer.NewKeyPrefix() });
        await open.CheckStartAsync(StartVerificationRequest.ForSms("+46701234567"));
        await open.CheckStartAsync(StartVerificationRequest.ForSms("+46701234567"));

        await using var closed = new VerificationGuard(new VerificationGuardOptions { Redis = nowhere, PerNumber = limit, WhenRedisIsUnavailable = GuardFailureMode.FailClosed });
        var refused = await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => closed.CheckStartAsync(StartVerificationRequest.ForSms("+46701234567")));
        Assert.AreEqual(GuardRefusalReason.StoreUnavailable, refused.Reason);

        // The checks that need no store still refuse.
        await using var countries = new VerificationGuard(new VerificationGuardOptions { Redis = nowhere, AllowedCountries = { "SE" } });
        Assert.AreEqual(GuardRefusalReason.CountryNotAllowed, (await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => countries.CheckStartAsync(StartVerificationRequest.ForSms("+4915112345678")))).Reason);
    }

    private static async Task<VerificationGuardOptions> SharedAsync(Action<VerificationGuardOptions> configure)
    {
        string redis;
        try
        {
            redis = await RedisServer.RequireAsync();
        }
        catch (InvalidOperationException e)
        {
            Assert.Inconclusive(e.Message);
            throw;
        }

        var options = new VerificationGuardOptions { Redis = redis, RedisKeyPrefix = RedisServer.NewKeyPrefix() };
        configure(options);
        return options;
    }

}
