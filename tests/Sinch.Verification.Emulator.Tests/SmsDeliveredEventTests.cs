using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary><see cref="EmulatorOptions.SmsDeliveredEvents"/>: a signed <c>VerificationSmsDeliveredEvent</c> per SMS, only when asked for.</summary>
[TestClass]
public sealed class SmsDeliveredEventTests
{
    [TestMethod]
    public async Task With_SmsDeliveredEvents_on_an_sms_start_delivers_a_signed_VerificationSmsDeliveredEvent()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await StartAsync(receiver, smsDeliveredEvents: true, cts.Token);
        using var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, "delivered-" + Guid.NewGuid(), "my data"), cancellationToken: cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        var delivered = receiver.Events("VerificationSmsDeliveredEvent").Single();
        Assert.IsTrue(delivered.SignatureValid);
        Assert.IsTrue(ExactSchemeCallbackValidator.IsValid(delivered.Raw, TestApp.Key, TestApp.Secret));
        Assert.AreEqual("application/json; charset=utf-8", delivered.ContentType);
        Assert.AreEqual(started.Id, (string?)delivered.Body["id"]);
        Assert.AreEqual("sms", (string?)delivered.Body["method"]);
        Assert.AreEqual("Successful", (string?)delivered.Body["smsResult"]);
        Assert.AreEqual(number, (string?)delivered.Body["identity"]!["endpoint"]);
        Assert.AreEqual("my data", (string?)delivered.Body["custom"]);
        StringAssert.StartsWith((string?)delivered.Body["reference"], "delivered-");

        // It is an announcement: the verification goes on as before.
        Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(started.Id, cts.Token)).Status);
        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationSmsDeliveredEvent" }, receiver.Received.Select(e => e.EventType).ToArray());
    }

    [TestMethod]
    public async Task With_SmsDeliveredEvents_off_none_is_sent()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await StartAsync(receiver, smsDeliveredEvents: false, cts.Token);
        using var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(emulator.Outbox.GetByVerificationId(started.Id)!.Code), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationResultEvent" }, receiver.Received.Select(e => e.EventType).ToArray());
    }

    [TestMethod]
    public async Task With_SmsDeliveredEvents_on_no_other_method_sends_one()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await StartAsync(receiver, smsDeliveredEvents: true, cts.Token);
        using var client = TestApp.Client(emulator);
        // The methods the emulator plays (a method without a behaviour yet fails MethodCoverageTests, not this).
        var others = Sinch.Verification.Emulator.State.Methods.MethodBehaviours.All.Select(b => b.Method).Where(m => m != VerificationMethod.Sms).ToList();

        foreach (var method in others)
        {
            var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, TestApp.NewNumber()), cancellationToken: cts.Token);
            Assert.IsNotNull(emulator.Outbox.GetByVerificationId(started.Id), method.Value);
        }

        await emulator.WaitForCallbacksAsync(cts.Token);

        Assert.AreEqual(others.Count, receiver.Events("VerificationRequestEvent").Length);
        var delivered = receiver.Events("VerificationSmsDeliveredEvent");
        Assert.IsEmpty(delivered, "sent for " + string.Join(", ", delivered.Select(e => (string?)e.Body["method"])));
    }

    [TestMethod]
    public async Task A_denied_sms_start_sends_none()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"deny"}"""));
        await using var emulator = await StartAsync(receiver, smsDeliveredEvents: true, cts.Token);
        using var client = TestApp.Client(emulator);

        await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        Assert.IsEmpty(receiver.Events("VerificationSmsDeliveredEvent"), "no SMS was sent");
    }

    private static Task<VerificationEmulator> StartAsync(CallbackReceiver receiver, bool smsDeliveredEvents, CancellationToken cancellationToken)
    {
        var options = TestApp.Options(receiver.Url);
        options.SmsDeliveredEvents = smsDeliveredEvents;
        return VerificationEmulator.StartAsync(options, cancellationToken);
    }
}
