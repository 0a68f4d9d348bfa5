using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>SDK ↔ emulator ↔ a callback endpoint that checks every signature with <c>ApplicationSigner</c>.</summary>
[TestClass]
public sealed class CallbackTests
{
    [TestMethod]
    public async Task The_request_event_is_signed_and_carries_the_verification()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, "ref-" + Guid.NewGuid(), "my data"), cancellationToken: cts.Token);

        var requestEvent = receiver.Events("VerificationRequestEvent").Single();
        Assert.IsTrue(requestEvent.SignatureValid);
        Assert.AreEqual("application/json; charset=utf-8", requestEvent.ContentType);
        Assert.AreEqual(started.Id, (string?)requestEvent.Body["id"]);
        Assert.AreEqual("sms", (string?)requestEvent.Body["method"]);
        Assert.AreEqual(number, (string?)requestEvent.Body["identity"]!["endpoint"]);
        Assert.AreEqual("number", (string?)requestEvent.Body["identity"]!["type"]);
        Assert.AreEqual("my data", (string?)requestEvent.Body["custom"]);
        StringAssert.StartsWith((string?)requestEvent.Body["reference"], "ref-");
        Assert.IsNotNull(emulator.Outbox.GetByVerificationId(started.Id));
    }

    [TestMethod]
    public async Task Every_callback_passes_a_validator_that_compares_the_scheme_word_exactly_like_Sinchs_dotnet_SDK()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(emulator.Outbox.GetByVerificationId(started.Id)!.Code), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        var events = receiver.Received.ToArray();
        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationResultEvent" }, events.Select(e => e.EventType).ToArray());
        foreach (var received in events)
        {
            StringAssert.StartsWith(received.Raw.Authorization, "application " + TestApp.Key + ":", StringComparison.Ordinal);
            Assert.IsTrue(ExactSchemeCallbackValidator.IsValid(received.Raw, TestApp.Key, TestApp.Secret), received.EventType);

            // Our own validator takes any case, and the exact one is not a pushover.
            Assert.IsTrue(received.SignatureValid, received.EventType);
            var capitalised = received.Raw with { Authorization = "Application" + received.Raw.Authorization["application".Length..] };
            Assert.IsFalse(ExactSchemeCallbackValidator.IsValid(capitalised, TestApp.Key, TestApp.Secret));
            var tampered = received.Raw with { Body = [.. received.Raw.Body, (byte)' '] };
            Assert.IsFalse(ExactSchemeCallbackValidator.IsValid(tampered, TestApp.Key, TestApp.Secret));
        }
    }

    [TestMethod]
    public async Task Deny_ends_the_verification_Denied_and_sends_nothing()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"deny"}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        var status = await client.GetVerificationByIdAsync(started.Id, cts.Token);
        Assert.AreEqual(VerificationStatus.Denied, status.Status);
        Assert.AreEqual(VerificationReason.DeniedByCallback, status.Reason);
        Assert.IsNull(emulator.Outbox.GetByVerificationId(started.Id));
        Assert.IsNull(started.Sms);
    }

    [TestMethod]
    public async Task Allow_with_a_chosen_sms_code_sends_that_code_and_the_result_event_is_signed()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","sms":{"code":"8642"}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, custom: "c"), cancellationToken: cts.Token);
        Assert.AreEqual("8642", emulator.Outbox.GetByVerificationId(started.Id)!.Code);
        var report = await client.ReportVerificationByIdentityAsync(number, ReportVerificationRequest.ForSms("8642"), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        Assert.AreEqual(VerificationStatus.Successful, report.Status);
        var result = receiver.Events("VerificationResultEvent").Single();
        Assert.IsTrue(result.SignatureValid);
        Assert.AreEqual(started.Id, (string?)result.Body["id"]);
        Assert.AreEqual("SUCCESSFUL", (string?)result.Body["status"]);
        Assert.AreEqual("manual", (string?)result.Body["source"]);
        Assert.AreEqual("c", (string?)result.Body["custom"]);
        Assert.AreEqual(number, (string?)result.Body["identity"]!["endpoint"]);
    }

    [TestMethod]
    public async Task Allow_with_a_chosen_CLI_places_the_flash_call_from_it()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","flashCall":{"cli":"+46000009876","dialTimeout":10}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), cancellationToken: cts.Token);

        var call = emulator.Outbox.GetByVerificationId(started.Id)!;
        Assert.AreEqual("+46000009876", call.From);
        Assert.MatchesRegex(new Regex(started.FlashCall!.CliFilter!), call.From!);
        Assert.AreEqual(VerificationStatus.Successful, (await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForFlashCall("+46000009876"), cts.Token)).Status);
    }

    [TestMethod]
    public async Task Allow_with_a_chosen_callout_code_speaks_that_code()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","callout":{"code":"4321","speech":{"locale":"en-US"}}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.AreEqual("Your verification code is 4 3 2 1.", emulator.Outbox.GetByVerificationId(started.Id)!.Text);
    }

    [TestMethod]
    [DataRow(200, "not json", DisplayName = "garbage")]
    [DataRow(200, "", DisplayName = "empty")]
    [DataRow(200, """{"action":"maybe"}""", DisplayName = "unknown action")]
    [DataRow(200, """{"sms":{"code":"1234"}}""", DisplayName = "no action")]
    [DataRow(200, """{"action":"allow","sms":{"code":""}}""", DisplayName = "empty chosen code")]
    [DataRow(200, """{"action":"allow","flashCall":{"cli":"0046"}}""", DisplayName = "chosen cli not E.164")]
    [DataRow(500, """{"action":"allow"}""", DisplayName = "HTTP 500")]
    [DataRow(401, "", DisplayName = "HTTP 401")]
    public async Task A_bad_reply_ends_the_verification_Denied_with_InvalidCallback(int statusCode, string body)
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(new CallbackReply(statusCode, body));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), cancellationToken: cts.Token);

        var status = await client.GetVerificationByIdAsync(started.Id, cts.Token);
        Assert.AreEqual(VerificationStatus.Denied, status.Status);
        Assert.AreEqual(VerificationReason.InvalidCallback, status.Reason);
        Assert.IsNull(emulator.Outbox.GetByVerificationId(started.Id));
    }

    [TestMethod]
    public async Task A_slow_reply_ends_the_verification_Denied_with_InvalidCallback()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = async (_, aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted); // Answers only when the emulator hangs up.
            return CallbackReply.Json("""{"action":"allow"}""");
        };
        var options = TestApp.Options(receiver.Url);
        options.CallbackTimeout = TimeSpan.FromMilliseconds(300);
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        var status = await client.GetVerificationByIdAsync(started.Id, cts.Token);
        Assert.AreEqual(VerificationStatus.Denied, status.Status);
        Assert.AreEqual(VerificationReason.InvalidCallback, status.Reason);
    }

    [TestMethod]
    public async Task An_unreachable_callback_ends_the_verification_Denied_with_InvalidCallback()
    {
        using var cts = TestApp.Timeout();
        Uri url;
        await using (var gone = await CallbackReceiver.StartAsync(cts.Token))
        {
            url = gone.Url;
        }

        await using var emulator = await TestApp.StartAsync(cts.Token, url);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.AreEqual(VerificationReason.InvalidCallback, (await client.GetVerificationByIdAsync(started.Id, cts.Token)).Reason);
    }

    [TestMethod]
    public async Task A_wrong_code_an_abort_and_the_expiry_each_send_one_signed_result_event()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeWallClock(DateTimeOffset.UtcNow);
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url, clock);
        var client = TestApp.Client(emulator, clock: clock);
        var number = TestApp.NewNumber();
        var wrong = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var aborted = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        var expired = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(number), cancellationToken: cts.Token);

        await client.ReportVerificationByIdAsync(wrong.Id, ReportVerificationRequest.ForSms("not-it"), cts.Token);
        clock.Advance(TimeSpan.FromMinutes(11));
        await client.GetVerificationByIdAsync(expired.Id, cts.Token);
        await client.GetVerificationByIdAsync(expired.Id, cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        var results = receiver.Events("VerificationResultEvent");
        Assert.IsTrue(results.All(r => r.SignatureValid));
        Assert.AreEqual(3, results.Length);
        var byId = results.ToDictionary(r => (string)r.Body["id"]!, r => r.Body);
        Assert.AreEqual("FAIL", (string?)byId[wrong.Id]["status"]);
        Assert.AreEqual("Invalid code", (string?)byId[wrong.Id]["reason"]);
        Assert.AreEqual("ABORTED", (string?)byId[aborted.Id]["status"]);
        Assert.AreEqual("FAIL", (string?)byId[expired.Id]["status"]);
        Assert.AreEqual("Expired", (string?)byId[expired.Id]["reason"]);
    }
}
