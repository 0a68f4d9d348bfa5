using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>Many verifications at once through the SDK: none lost, none mixed up, one winner per contested reference or number.</summary>
[TestClass]
public sealed class ConcurrencyTests
{
    [TestMethod]
    public async Task Hundreds_of_parallel_verifications_all_succeed_and_are_found_again()
    {
        const int count = 600;
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);
        var methods = new[] { VerificationMethod.Sms, VerificationMethod.FlashCall, VerificationMethod.Callout };
        var started = new ConcurrentDictionary<string, (string Number, VerificationMethod Method, string Reference)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cts.Token }, async (i, token) =>
        {
            var number = "+4671" + i.ToString("D7", CultureInfo.InvariantCulture);
            var method = methods[i % methods.Length];
            var reference = "load-" + i.ToString(CultureInfo.InvariantCulture);
            var response = await client.StartVerificationAsync(StartVerificationRequest.For(method, number, reference), cancellationToken: token);
            Assert.IsTrue(started.TryAdd(response.Id, (number, method, reference)));

            var code = emulator.Outbox.GetByVerificationId(response.Id)!.Code;
            var report = method == VerificationMethod.Sms ? ReportVerificationRequest.ForSms(code)
                : method == VerificationMethod.FlashCall ? ReportVerificationRequest.ForFlashCall(code)
                : ReportVerificationRequest.ForCallout(code);
            var reported = i % 2 == 0
                ? await client.ReportVerificationByIdAsync(response.Id, report, token)
                : await client.ReportVerificationByIdentityAsync(number, report, token);
            Assert.AreEqual(VerificationStatus.Successful, reported.Status);
        });
        await emulator.WaitForCallbacksAsync(cts.Token);

        Assert.HasCount(count, started);
        Assert.AreEqual(count, emulator.Outbox.Count);
        await Parallel.ForEachAsync(started, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cts.Token }, async (entry, token) =>
        {
            var byId = await client.GetVerificationByIdAsync(entry.Key, token);
            var byReference = await client.GetVerificationByReferenceAsync(entry.Value.Reference, token);
            var byIdentity = await client.GetVerificationByIdentityAsync(entry.Value.Method, entry.Value.Number, token);
            Assert.AreEqual(VerificationStatus.Successful, byId.Status);
            Assert.AreEqual(entry.Value.Number, byId.Identity!.Endpoint);
            Assert.AreEqual(entry.Key, byReference.Id);
            Assert.AreEqual(entry.Key, byIdentity.Id);
        });
        Assert.HasCount(count, receiver.Events("VerificationRequestEvent"));
        var results = receiver.Events("VerificationResultEvent");
        Assert.HasCount(count, results);
        Assert.IsTrue(results.All(r => r.SignatureValid && (string?)r.Body["status"] == "SUCCESSFUL"));
    }

    [TestMethod]
    public async Task Of_concurrent_starts_with_one_reference_exactly_one_wins()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            try
            {
                await client.StartVerificationAsync(StartVerificationRequest.ForSms("+4672" + i.ToString("D7", CultureInfo.InvariantCulture), "contested"), cancellationToken: cts.Token);
                return 200;
            }
            catch (VerificationApiException e)
            {
                return e.ErrorCode ?? e.StatusCode;
            }
        }));

        Assert.AreEqual(1, outcomes.Count(o => o == 200));
        Assert.AreEqual(31, outcomes.Count(o => o == 40900));
        Assert.AreEqual(1, emulator.Outbox.Count);
    }

    [TestMethod]
    public async Task Concurrent_starts_for_one_number_leave_exactly_one_pending()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var ids = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            (await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token)).Id));

        var statuses = await Task.WhenAll(ids.Select(id => client.GetVerificationByIdAsync(id, cts.Token)));
        var pending = statuses.Single(s => s.Status == VerificationStatus.Pending);
        Assert.AreEqual(31, statuses.Count(s => s.Status == VerificationStatus.Aborted));
        Assert.AreEqual(pending.Id, (await client.GetVerificationByIdentityAsync(VerificationMethod.Sms, number, cts.Token)).Id);
    }
}
