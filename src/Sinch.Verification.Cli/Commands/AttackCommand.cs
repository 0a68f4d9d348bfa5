using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Guard;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// <c>demo attack</c>: an SMS pumping attack against the embedded emulator, through N app
/// instances that share one verification guard (in process, or through a real Redis), beside
/// legitimate users who report their codes. Prints what each check refused and what the attack
/// would have cost with and without the guard (the emulator's prices).
/// </summary>
internal static class AttackCommand
{
    /// <summary>The attacker's range: one prefix (the guard's prefix length) of an allowed country.</summary>
    private const string AttackRange = "+447911";

    private const int AttackStarts = 1_000;
    private const int LegitimateUsers = 100;

    // Where legitimate users come from: valid mobile ranges of allowed countries, and how many digits follow.
    private static readonly (string Prefix, int Digits)[] LegitimateRanges =
    {
        ("+4670", 7), ("+4672", 7), ("+4673", 7), ("+49151", 8), ("+49160", 7), ("+336", 8), ("+316", 8), ("+4474", 8),
    };

    public static Command Create(CliContext context)
    {
        var instances = new Option<int>("--instances") { Description = "app instances that share the guard (round robin)", HelpName = "N", DefaultValueFactory = _ => 1 };
        var redis = new Option<string>("--redis") { Description = "share the guard through this Redis (HOST:PORT) instead of in process", HelpName = "HOST:PORT" };
        var command = new Command(
            "attack",
            $"Simulate SMS pumping against the embedded emulator: {AttackStarts:N0} starts into one range ({AttackRange}..., sequential then random, none converting) beside {LegitimateUsers} legitimate users who report their codes, through N app instances sharing one verification guard. Exit 0 when the guard blocks at least 95% of the attack and at least 99% of the users are verified.")
        {
            instances, redis,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var count = parsed.GetValue(instances);
            if (count is < 1 or > 16)
            {
                throw new UsageException("--instances must be 1 to 16.");
            }

            var redisAddress = parsed.GetValue(redis);
            if (redisAddress is not null && (redisAddress.Split(':') is not [{ Length: > 0 }, var port] || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535))
            {
                throw new UsageException("--redis must be HOST:PORT, e.g. 127.0.0.1:6379.");
            }

            if (redisAddress is not null && !await AnswersAsync(redisAddress, cancellationToken).ConfigureAwait(false))
            {
                await context.Error.WriteLineAsync($"error: no answer from Redis at {redisAddress}").ConfigureAwait(false);
                return CliApp.NoAnswer;
            }

            return await RunAsync(context, count, redisAddress, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The guard configuration of the demo, as an app would set it in <c>Sinch:Verification:Guard</c>.</summary>
    internal static VerificationGuardOptions GuardOptions(string? redis) => new()
    {
        AllowedCountries = { "SE", "DE", "FR", "NL", "GB" },
        RefusedNumberTypes = { GuardNumberType.PremiumRate, GuardNumberType.SharedCost },
        PrefixLength = 7,
        PerNumber = new GuardLimit { PermitLimit = 3, Window = TimeSpan.FromHours(1) },
        PerPrefix = new GuardLimit { PermitLimit = 30, Window = TimeSpan.FromHours(1) },
        PerCaller = new GuardLimit { PermitLimit = 10, Window = TimeSpan.FromHours(1) },
        SequentialNumbers = new SequentialNumbersOptions { TrailingDigits = 3, MaxNumbers = 3, Window = TimeSpan.FromHours(1) },
        ConversionBreaker = new ConversionBreakerOptions { MinimumStarts = 20, MinimumConversionRate = 0.2, ConversionGrace = TimeSpan.Zero, Window = TimeSpan.FromHours(1), CoolDown = TimeSpan.FromHours(1) },
        Redis = redis,
        RedisKeyPrefix = "sinch-verification-demo-attack:" + Guid.NewGuid().ToString("N"),
        WhenRedisIsUnavailable = GuardFailureMode.FailClosed,
    };

    private static async Task<int> RunAsync(CliContext context, int instanceCount, string? redis, CancellationToken cancellationToken)
    {
        const string key = "demo-attack";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = key, ApplicationSecret = secret }, cancellationToken).ConfigureAwait(false);
        var clientOptions = new VerificationClientOptions { ApplicationKey = key, ApplicationSecret = secret, BaseUrl = emulator.BaseUrl };

        // N app instances: each its own client; in process they share one guard, with Redis each has its own guard on the shared store.
        // One configuration for all instances: with Redis, the same key prefix is what makes them share.
        var guardOptions = GuardOptions(redis);
        var guards = new List<VerificationGuard>();
        var apps = new List<GuardedVerificationClient>();
        var inner = new List<VerificationClient>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
            {
                if (i == 0 || redis is not null)
                {
                    guards.Add(new VerificationGuard(guardOptions));
                }

                var client = VerificationClient.Create(clientOptions);
                inner.Add(client);
                apps.Add(new GuardedVerificationClient(client, guards[^1]));
            }

            await context.Out.WriteLineAsync($"emulator: {emulator.BaseUrl}   instances: {instanceCount}   guard shared {(redis is null ? "in process" : "through Redis at " + redis)}").ConfigureAwait(false);
            var run = await PlayAsync(emulator, apps, cancellationToken).ConfigureAwait(false);
            await PrintAsync(context, run, await PriceAsync(inner[0], run.PricedId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return run.Blocked >= 0.95 * run.Sent && run.LegitVerified >= 0.99 * LegitimateUsers ? CliApp.Ok : CliApp.ApiError;
        }
        finally
        {
            inner.ForEach(c => c.Dispose());
            foreach (var guard in guards)
            {
                await guard.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // A plain TCP connect within 3 s: the guard itself would fail fast on every start instead.
    private static async Task<bool> AnswersAsync(string address, CancellationToken cancellationToken)
    {
        var separator = address.LastIndexOf(':');
        using var tcp = new System.Net.Sockets.TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await tcp.ConnectAsync(address[..separator], int.Parse(address[(separator + 1)..], CultureInfo.InvariantCulture), timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private sealed record Run(int Sent, int Blocked, int LegitVerified, Dictionary<GuardRefusalReason, int> AttackRefusals, Dictionary<GuardRefusalReason, int> LegitRefusals, string? PricedId);

    private static async Task<Run> PlayAsync(VerificationEmulator emulator, IReadOnlyList<GuardedVerificationClient> apps, CancellationToken cancellationToken)
    {
        var random = new Random(20261207);
        var attackRefusals = new Dictionary<GuardRefusalReason, int>();
        var legitRefusals = new Dictionary<GuardRefusalReason, int>();
        int blocked = 0, legitVerified = 0, request = 0;
        string? pricedId = null;

        // The attack: sequential numbers first, then random ones, all in one range; from 50 rotating bot addresses.
        var attack = Enumerable.Range(0, AttackStarts / 2).Select(i => AttackRange + i.ToString("000000", CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, AttackStarts - (AttackStarts / 2)).Select(_ => AttackRange + random.Next(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture)))
            .ToList();
        var legit = Enumerable.Range(0, LegitimateUsers).Select(i =>
        {
            var (prefix, digits) = LegitimateRanges[i % LegitimateRanges.Length];
            return prefix + random.NextInt64(0, (long)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
        }).ToList();

        // Interleaved as they would arrive: a legitimate user between every ten attack starts.
        var legitIndex = 0;
        for (var i = 0; i < attack.Count; i++)
        {
            var app = apps[request++ % apps.Count];
            try
            {
                var started = await app.StartVerificationAsync(StartVerificationRequest.ForSms(attack[i]), "198.51.100." + (i % 50), null, cancellationToken).ConfigureAwait(false);
                pricedId ??= started.Id;
            }
            catch (VerificationRefusedException e)
            {
                blocked++;
                Count(attackRefusals, e.Reason);
            }

            if (i % 10 == 9 && legitIndex < legit.Count)
            {
                var user = apps[request++ % apps.Count];
                var number = legit[legitIndex];
                var caller = "203.0.113." + legitIndex++;
                try
                {
                    var started = await user.StartVerificationAsync(StartVerificationRequest.ForSms(number), caller, null, cancellationToken).ConfigureAwait(false);
                    var code = emulator.Outbox.GetByVerificationId(started.Id)!.Code;
                    var report = await user.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(code), cancellationToken).ConfigureAwait(false);
                    legitVerified += report.Status == VerificationStatus.Successful ? 1 : 0;
                }
                catch (VerificationRefusedException e)
                {
                    Count(legitRefusals, e.Reason);
                }
            }
        }

        return new Run(attack.Count, blocked, legitVerified, attackRefusals, legitRefusals, pricedId);
    }

    // What one verification costs, as the emulator prices it (the status's price).
    private static async Task<Money?> PriceAsync(VerificationClient client, string? verificationId, CancellationToken cancellationToken) =>
        verificationId is null ? null : (await client.GetVerificationByIdAsync(verificationId, cancellationToken).ConfigureAwait(false)).Price?.VerificationPrice;

    private static async Task PrintAsync(CliContext context, Run run, Money? price)
    {
        var output = context.Out;
        await output.WriteLineAsync().ConfigureAwait(false);
        var rows = new List<string[]> { new[] { "check", "attack starts refused", "legitimate starts refused" } };
        foreach (var reason in Enum.GetValues<GuardRefusalReason>())
        {
            var attack = run.AttackRefusals.GetValueOrDefault(reason);
            var legit = run.LegitRefusals.GetValueOrDefault(reason);
            if (attack + legit > 0)
            {
                rows.Add(new[] { reason.ToString(), attack.ToString(CultureInfo.InvariantCulture), legit.ToString(CultureInfo.InvariantCulture) });
            }
        }

        rows.Add(new[] { "allowed", (run.Sent - run.Blocked).ToString(CultureInfo.InvariantCulture), (LegitimateUsers - run.LegitRefusals.Values.Sum()).ToString(CultureInfo.InvariantCulture) });
        var widths = Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            await output.WriteLineAsync(string.Join("  ", rows[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).ConfigureAwait(false);
            if (i == 0)
            {
                await output.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
            }
        }

        var amount = price?.Amount ?? 0;
        var currency = price?.CurrencyId ?? "EUR";
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"attack: sent={run.Sent} blocked={run.Blocked} legit_verified={run.LegitVerified}/{LegitimateUsers} cost_without_guard={run.Sent * amount:0.00} cost_with_guard={(run.Sent - run.Blocked) * amount:0.00} {currency}")).ConfigureAwait(false);
    }

    private static void Count(Dictionary<GuardRefusalReason, int> counts, GuardRefusalReason reason) =>
        counts[reason] = counts.GetValueOrDefault(reason) + 1;
}
