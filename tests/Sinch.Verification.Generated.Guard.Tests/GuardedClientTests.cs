using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sinch.Verification.Emulator;

namespace Sinch.Verification.Generated.Guard.Tests;

/// <summary>The guarded client against the emulator, through Create and through dependency injection.</summary>
[TestClass]
public sealed class GuardedClientTests
{
    private const string Key = "guard-app";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_refused_start_sends_nothing_and_an_allowed_one_is_verified_and_learned()
    {
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret }, TestContext.CancellationToken);
        var client = GuardedVerificationClient.Create(
            new VerificationClientOptions { ApplicationKey = Key, ApplicationSecret = Secret, BaseUrl = emulator.BaseUrl },
            new VerificationGuardOptions { AllowedCountries = { "SE" }, PerNumber = new GuardLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) } });
        await using var _ = client.Guard;

        await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => client.StartVerificationAsync(StartVerificationRequest.ForSms("+4915112345678"), cancellationToken: TestContext.CancellationToken));
        Assert.AreEqual(0, emulator.Outbox.Count, "a refused start reaches nobody");

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms("+46701234567"), cancellationToken: TestContext.CancellationToken);
        var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(emulator.Outbox.GetByVerificationId(started.Id)!.Code), TestContext.CancellationToken);
        Assert.AreEqual(VerificationStatus.Successful, report.Status);

        var again = await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => client.StartVerificationAsync(StartVerificationRequest.ForSms("+46701234567"), cancellationToken: TestContext.CancellationToken));
        Assert.AreEqual(GuardRefusalReason.NumberLimit, again.Reason);
        Assert.AreEqual(1, emulator.Outbox.Count);
    }

    [TestMethod]
    public async Task The_caller_named_for_an_async_flow_is_counted_by_the_per_caller_limit()
    {
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret }, TestContext.CancellationToken);
        var client = GuardedVerificationClient.Create(
            new VerificationClientOptions { ApplicationKey = Key, ApplicationSecret = Secret, BaseUrl = emulator.BaseUrl },
            new VerificationGuardOptions { PerCaller = new GuardLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) } });
        await using var _ = client.Guard;
        IVerificationClient asInterface = client;

        using (GuardedVerificationClient.ForCaller("203.0.113.9"))
        {
            await asInterface.StartVerificationAsync(StartVerificationRequest.ForSms("+46701000001"), cancellationToken: TestContext.CancellationToken);
            var refused = await Assert.ThrowsExactlyAsync<VerificationRefusedException>(() => asInterface.StartVerificationAsync(StartVerificationRequest.ForSms("+46701000002"), cancellationToken: TestContext.CancellationToken));
            Assert.AreEqual(GuardRefusalReason.CallerLimit, refused.Reason);
        }

        await asInterface.StartVerificationAsync(StartVerificationRequest.ForSms("+46701000003"), cancellationToken: TestContext.CancellationToken);
    }

    [TestMethod]
    public void Dependency_injection_wraps_the_registered_client_with_a_guard_bound_to_its_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sinch:Verification:ApplicationKey"] = Key,
            ["Sinch:Verification:ApplicationSecret"] = Secret,
            ["Sinch:Verification:Guard:AllowedCountries:0"] = "SE",
            ["Sinch:Verification:Guard:PerNumber:PermitLimit"] = "2",
            ["Sinch:Verification:Guard:PerNumber:Window"] = "00:10:00",
            ["Sinch:Verification:Guard:RefusedNumberTypes:0"] = "PremiumRate",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSinchVerificationClient();
        services.AddSinchVerificationGuard();
        using var provider = services.BuildServiceProvider();

        Assert.IsInstanceOfType<GuardedVerificationClient>(provider.GetRequiredService<IVerificationClient>());
        var options = provider.GetRequiredService<IOptions<VerificationGuardOptions>>().Value;
        CollectionAssert.AreEqual(new[] { "SE" }, new List<string>(options.AllowedCountries));
        Assert.AreEqual(2, options.PerNumber!.PermitLimit);
        CollectionAssert.AreEqual(new[] { GuardNumberType.PremiumRate }, new List<GuardNumberType>(options.RefusedNumberTypes));
    }

    [TestMethod]
    public void Registering_the_guard_twice_wraps_the_client_once()
    {
        var services = new ServiceCollection();
        services.AddSinchVerificationClient(o => { o.ApplicationKey = Key; o.ApplicationSecret = Secret; });
        services.AddSinchVerificationGuard();
        services.AddSinchVerificationGuard(o => o.PerNumber = new GuardLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) });
        using var provider = services.BuildServiceProvider();

        Assert.IsInstanceOfType<GuardedVerificationClient>(provider.GetRequiredService<IVerificationClient>());
        Assert.AreEqual(1, provider.GetRequiredService<IOptions<VerificationGuardOptions>>().Value.PerNumber!.PermitLimit, "the second call's settings apply");
    }

    [TestMethod]
    public void A_bad_guard_setting_fails_at_start_up_naming_it()
    {
        var services = new ServiceCollection();
        services.AddSinchVerificationClient(o => { o.ApplicationKey = Key; o.ApplicationSecret = Secret; });
        services.AddSinchVerificationGuard(o => o.PrefixLength = 0);
        using var provider = services.BuildServiceProvider();

        var e = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VerificationGuardOptions>>().Value);
        StringAssert.Contains(e.Message, "Sinch:Verification:Guard: PrefixLength");
    }

    [TestMethod]
    public void The_guard_needs_a_client_to_wrap()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => new ServiceCollection().AddSinchVerificationGuard());
        StringAssert.Contains(e.Message, "AddSinchVerificationClient");
    }
}
