extern alias LibPhoneNumber;

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PhoneNumberFormat = LibPhoneNumber::PhoneNumbers.PhoneNumberFormat;
using PhoneNumberType = LibPhoneNumber::PhoneNumbers.PhoneNumberType;
using PhoneNumberUtil = LibPhoneNumber::PhoneNumbers.PhoneNumberUtil;

namespace Sinch.Verification.Generated.Guard.Tests;

/// <summary>Each check of the guard, in process: what it refuses, what it lets through, and what a refusal says.</summary>
[TestClass]
public sealed class GuardChecksTests
{
    private const string Swedish = "+46701234567";

    [TestMethod]
    public async Task A_country_outside_the_allowed_ones_is_refused_and_an_allowed_one_passes()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { AllowedCountries = { "SE" } });

        await guard.CheckStartAsync(StartVerificationRequest.ForSms(Swedish));
        var refused = await Refused(guard, "+4915112345678");
        Assert.AreEqual(GuardRefusalReason.CountryNotAllowed, refused.Reason);
        Assert.AreEqual("DE", refused.Country);
        Assert.AreEqual(GuardRefusalReason.CountryNotAllowed, (await Refused(guard, "+80012345678")).Reason, "a number of no country is refused too");
    }

    [TestMethod]
    public async Task A_refused_number_type_is_refused_wherever_it_is()
    {
        var util = PhoneNumberUtil.GetInstance();
        var premium = util.Format(util.GetExampleNumberForType("GB", PhoneNumberType.PREMIUM_RATE), PhoneNumberFormat.E164);
        var mobile = util.Format(util.GetExampleNumberForType("GB", PhoneNumberType.MOBILE), PhoneNumberFormat.E164);
        await using var guard = new VerificationGuard(new VerificationGuardOptions { RefusedNumberTypes = { GuardNumberType.PremiumRate, GuardNumberType.SharedCost } });

        await guard.CheckStartAsync(StartVerificationRequest.ForSms(mobile));
        Assert.AreEqual(GuardRefusalReason.NumberTypeRefused, (await Refused(guard, premium)).Reason);
    }

    [TestMethod]
    public async Task A_per_number_limit_of_k_lets_k_starts_through_and_refuses_the_next()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { PerNumber = new GuardLimit { PermitLimit = 3, Window = TimeSpan.FromHours(1) } });

        for (var i = 0; i < 3; i++)
        {
            await guard.CheckStartAsync(StartVerificationRequest.ForSms(Swedish));
        }

        var refused = await Refused(guard, Swedish);
        Assert.AreEqual(GuardRefusalReason.NumberLimit, refused.Reason);
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701234568"));
    }

    [TestMethod]
    public async Task A_per_prefix_limit_counts_every_number_of_the_prefix()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { PrefixLength = 6, PerPrefix = new GuardLimit { PermitLimit = 2, Window = TimeSpan.FromHours(1) } });

        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701110001"));
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701999999"));
        Assert.AreEqual(GuardRefusalReason.PrefixLimit, (await Refused(guard, "+46701555555")).Reason);
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46702000000"));
    }

    [TestMethod]
    public async Task Asking_again_for_a_limited_number_does_not_use_up_its_prefix()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions
        {
            PrefixLength = 6,
            PerNumber = new GuardLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) },
            PerPrefix = new GuardLimit { PermitLimit = 2, Window = TimeSpan.FromHours(1) },
        });

        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701110001"));
        for (var i = 0; i < 20; i++)
        {
            Assert.AreEqual(GuardRefusalReason.NumberLimit, (await Refused(guard, "+46701110001")).Reason);
        }

        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701110002"));
    }

    [TestMethod]
    public async Task A_per_caller_limit_counts_the_caller_and_only_when_one_is_named()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { PerCaller = new GuardLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) } });

        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701110001"), "203.0.113.7");
        Assert.AreEqual(GuardRefusalReason.CallerLimit, (await Refused(guard, "+46702220002", "203.0.113.7")).Reason);
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46703330003"), "198.51.100.1");
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46704440004"));
    }

    [TestMethod]
    public async Task Numbers_that_differ_only_in_their_last_digits_are_refused_after_the_allowed_few()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { SequentialNumbers = new SequentialNumbersOptions { TrailingDigits = 3, MaxNumbers = 4 } });

        for (var i = 0; i < 4; i++)
        {
            await guard.CheckStartAsync(StartVerificationRequest.ForSms($"+46701230{i:000}"));
        }

        Assert.AreEqual(GuardRefusalReason.SequentialNumbers, (await Refused(guard, "+46701230004")).Reason);
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701230001"), null);  // the same number again is no new number
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46701240000"));       // another block
    }

    [TestMethod]
    public async Task The_conversion_breaker_opens_for_a_prefix_that_does_not_convert_and_closes_on_reset()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z"));
        var options = new VerificationGuardOptions
        {
            PrefixLength = 7,
            ConversionBreaker = new ConversionBreakerOptions { MinimumStarts = 10, MinimumConversionRate = 0.2, ConversionGrace = TimeSpan.FromMinutes(5), Window = TimeSpan.FromHours(1), CoolDown = TimeSpan.FromHours(1) },
        };
        await using var guard = new VerificationGuard(options, time);

        // Ten starts to one prefix, one converts: 10% is below 20%, but nothing is decided within the grace.
        for (var i = 0; i < 10; i++)
        {
            var number = $"+4670999{i:0000}";
            await guard.CheckStartAsync(StartVerificationRequest.ForSms(number));
            await guard.RecordStartedAsync("id-" + i, number);
        }

        await guard.RecordOutcomeAsync("id-0", VerificationStatus.Successful);
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46709990100"));

        time.Advance(TimeSpan.FromMinutes(6));
        var refused = await Refused(guard, "+46709990101");
        Assert.AreEqual(GuardRefusalReason.ConversionBreakerOpen, refused.Reason);
        Assert.AreEqual(TimeSpan.FromHours(1), refused.RetryAfter);
        CollectionAssert.AreEqual(new[] { "+467099" }, (await guard.GetOpenBreakersAsync()).Keys.ToArray());
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46708880000")); // another prefix

        await guard.ResetBreakerAsync("+467099");
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+46709990102"));
        Assert.IsEmpty(await guard.GetOpenBreakersAsync());
    }

    [TestMethod]
    public async Task A_country_breaker_stops_an_attack_spread_over_many_prefixes_of_one_country()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z"));
        await using var guard = new VerificationGuard(
            new VerificationGuardOptions { ConversionBreaker = new ConversionBreakerOptions { Scope = GuardBreakerScope.Country, MinimumStarts = 10, ConversionGrace = TimeSpan.Zero } }, time);

        // Ten starts to ten different Swedish prefixes: no prefix sees more than one.
        for (var i = 0; i < 10; i++)
        {
            var number = $"+467{i}1234567";
            await guard.CheckStartAsync(StartVerificationRequest.ForSms(number));
            await guard.RecordStartedAsync("spread-" + i, number);
        }

        Assert.AreEqual(GuardRefusalReason.ConversionBreakerOpen, (await Refused(guard, "+46761234567")).Reason);
        CollectionAssert.AreEqual(new[] { "SE" }, (await guard.GetOpenBreakersAsync()).Keys.ToArray());
        await guard.CheckStartAsync(StartVerificationRequest.ForSms("+4915112345678"));
    }

    [TestMethod]
    public async Task A_prefix_that_converts_keeps_its_breaker_closed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z"));
        await using var guard = new VerificationGuard(
            new VerificationGuardOptions { ConversionBreaker = new ConversionBreakerOptions { MinimumStarts = 10, ConversionGrace = TimeSpan.Zero } }, time);

        for (var i = 0; i < 30; i++)
        {
            var number = $"+4670777{i:0000}";
            await guard.CheckStartAsync(StartVerificationRequest.ForSms(number));
            await guard.RecordStartedAsync("ok-" + i, number);
            await guard.RecordOutcomeAsync("ok-" + i, i % 3 == 0 ? VerificationStatus.Fail : VerificationStatus.Successful);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.IsEmpty(await guard.GetOpenBreakersAsync());
    }

    [TestMethod]
    public async Task A_refusal_names_the_reason_and_the_masked_number_never_the_full_one()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { AllowedCountries = { "SE" } });

        var refused = await Refused(guard, "+4915112345678");

        Assert.AreEqual("+49*********78", refused.MaskedNumber);
        StringAssert.Contains(refused.Message, "CountryNotAllowed");
        Assert.IsFalse(refused.Message.Contains("4915112345678", StringComparison.Ordinal), refused.Message);
    }

    [TestMethod]
    public async Task An_invalid_start_is_the_clients_ArgumentException_not_a_refusal()
    {
        await using var guard = new VerificationGuard(new VerificationGuardOptions { AllowedCountries = { "SE" } });

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => guard.CheckStartAsync(StartVerificationRequest.ForSms("0701234567")));
    }

    [TestMethod]
    [DataRow("AllowedCountries", "se")]
    [DataRow("PrefixLength", "1")]
    public void Options_out_of_range_are_refused_naming_the_setting(string setting, string value)
    {
        var options = new VerificationGuardOptions();
        if (setting == "AllowedCountries") options.AllowedCountries.Add(value);
        else options.PrefixLength = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var e = Assert.ThrowsExactly<ArgumentException>(() => new VerificationGuard(options));
        StringAssert.Contains(e.Message, setting);
    }

    private static async Task<VerificationRefusedException> Refused(VerificationGuard guard, string number, string? caller = null) =>
        await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => guard.CheckStartAsync(StartVerificationRequest.ForSms(number), caller));
}
