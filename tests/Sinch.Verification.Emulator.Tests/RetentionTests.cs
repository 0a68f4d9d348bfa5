using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Retention on a fake clock: ended verifications and their messages are dropped after
/// <see cref="EmulatorOptions.Retention"/> and beyond <see cref="EmulatorOptions.MaxEndedVerifications"/>,
/// pending ones never, and nothing is left behind in any index. The emulator runs on a
/// <see cref="FakeTimeProvider"/> (its expiry sweep fires only when the test moves the clock);
/// the client uses Basic authentication, so no timestamp ties it to that clock.
/// </summary>
[TestClass]
public sealed class RetentionTests
{
    [TestMethod]
    public async Task An_ended_verification_is_dropped_after_the_retention_and_then_reads_like_an_unknown_one()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(clock, retention: TimeSpan.FromHours(1), cts.Token);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        var number = TestApp.NewNumber();
        var ended = await StartAndReportAsync(emulator, client, number, "order-1", cts.Token);

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.AreEqual(VerificationStatus.Successful, (await client.GetVerificationByReferenceAsync("order-1", cts.Token)).Status, "kept until the retention has passed");
        clock.Advance(TimeSpan.FromSeconds(1));

        var unknown = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByIdAsync(Guid.NewGuid().ToString(), cts.Token));
        foreach (var read in new Func<Task>[]
        {
            () => client.GetVerificationByIdAsync(ended, cts.Token),
            () => client.GetVerificationByReferenceAsync("order-1", cts.Token),
            () => client.GetVerificationByIdentityAsync(VerificationMethod.Sms, number, cts.Token),
            () => client.ReportVerificationByIdAsync(ended, ReportVerificationRequest.ForSms("1234"), cts.Token),
        })
        {
            var dropped = await Assert.ThrowsExactlyAsync<VerificationApiException>(read);
            Assert.AreEqual((unknown.StatusCode, unknown.ErrorCode, unknown.ErrorMessage), (dropped.StatusCode, dropped.ErrorCode, dropped.ErrorMessage));
        }

        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };
        (await RawResponse.ReadAsync(await http.GetAsync("emulator/outbox/" + ended, cts.Token), cts.Token)).AssertError(404, 40400);
        Assert.IsEmpty(emulator.Outbox.GetByNumber(number));

        // The reference is free again: a new verification may claim it.
        var again = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, "order-1"), cancellationToken: cts.Token);
        Assert.AreEqual(again.Id, (await client.GetVerificationByReferenceAsync("order-1", cts.Token)).Id);
    }

    [TestMethod]
    public async Task A_pending_verification_is_kept_past_the_retention_until_it_expires_and_dropped_a_retention_later()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(clock, retention: TimeSpan.FromMinutes(1), cts.Token, expiry: TimeSpan.FromHours(2), maxEnded: 1);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        var pending = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        await StartAndReportAsync(emulator, client, TestApp.NewNumber(), null, cts.Token);
        await StartAndReportAsync(emulator, client, TestApp.NewNumber(), null, cts.Token);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(pending.Id, cts.Token)).Status, "neither the time nor the count drops a pending verification");
        Assert.IsNotNull(emulator.Outbox.GetByVerificationId(pending.Id));

        // The sweep ends it FAIL/Expired on the clock, and drops it a retention later, without a request.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsNotNull(emulator.Outbox.GetByVerificationId(pending.Id), "ended just now: kept for the retention");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.IsNull(emulator.Outbox.GetByVerificationId(pending.Id));
        Assert.AreEqual(0, emulator.Service.IndexEntries, "nothing is left in any index");
    }

    [TestMethod]
    public async Task Beyond_the_maximum_count_the_oldest_ended_verifications_are_dropped_first()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(clock, retention: TimeSpan.FromDays(1), cts.Token, maxEnded: 2);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        var pending = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        // Ended in the order first, second, third: the count, not the clock, drops the first.
        var first = await StartAndReportAsync(emulator, client, TestApp.NewNumber(), null, cts.Token);
        var second = await StartAndReportAsync(emulator, client, TestApp.NewNumber(), null, cts.Token);
        var third = await StartAndReportAsync(emulator, client, TestApp.NewNumber(), null, cts.Token);

        Assert.AreEqual(404, (await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByIdAsync(first, cts.Token))).StatusCode);
        Assert.IsNull(emulator.Outbox.GetByVerificationId(first));
        foreach (var kept in new[] { second, third, pending.Id })
        {
            Assert.AreEqual(kept, (await client.GetVerificationByIdAsync(kept, cts.Token)).Id);
            Assert.IsNotNull(emulator.Outbox.GetByVerificationId(kept));
        }

        Assert.AreEqual(3, emulator.Outbox.Count);
    }

    [TestMethod]
    public async Task Thousands_of_verifications_with_restarts_leave_no_index_entry_once_dropped()
    {
        const int count = 2000;
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(clock, retention: TimeSpan.FromMinutes(5), cts.Token, maxEnded: 500);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        var methods = new[] { VerificationMethod.Sms, VerificationMethod.FlashCall, VerificationMethod.Callout, VerificationMethod.WhatsApp };

        // 200 numbers started ten times each (every start aborts the number's previous one), in
        // every method, half with a reference; a third reported, some wrongly.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cts.Token }, async (i, token) =>
        {
            var number = "+4673" + (i % 200).ToString("D7", CultureInfo.InvariantCulture);
            var reference = i % 2 == 0 ? "soak-" + i.ToString(CultureInfo.InvariantCulture) : null;
            var started = await client.StartVerificationAsync(StartVerificationRequest.For(methods[i % methods.Length], number, reference), cancellationToken: token);
            if (i % 3 == 0 && methods[i % methods.Length] == VerificationMethod.Sms)
            {
                await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(i % 2 == 0 ? emulator.Outbox.GetByVerificationId(started.Id)!.Code : "0000"), token);
            }
        });
        Assert.IsLessThanOrEqualTo(500 + 200, emulator.Outbox.Count, "at most the ended kept and one pending per number");

        // Every pending one expires (10 minutes), then every ended one is past the retention.
        clock.Advance(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, emulator.Outbox.Count);
        Assert.AreEqual(0, emulator.Service.IndexEntries, "no id, reference, number or outbox entry is left behind");
    }

    private static async Task<VerificationEmulator> StartAsync(TimeProvider clock, TimeSpan retention, CancellationToken cancellationToken, TimeSpan? expiry = null, int maxEnded = 100_000)
    {
        var options = TestApp.Options(clock: clock);
        options.Retention = retention;
        options.MaxEndedVerifications = maxEnded;
        options.Expiry = expiry ?? options.Expiry;
        return await VerificationEmulator.StartAsync(options, cancellationToken);
    }

    /// <summary>An SMS verification reported with its PIN: ended SUCCESSFUL now. Its id.</summary>
    private static async Task<string> StartAndReportAsync(VerificationEmulator emulator, VerificationClient client, string number, string? reference, CancellationToken cancellationToken)
    {
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, reference), cancellationToken: cancellationToken);
        var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(emulator.Outbox.GetByVerificationId(started.Id)!.Code), cancellationToken);
        Assert.AreEqual(VerificationStatus.Successful, report.Status);
        return started.Id;
    }
}
