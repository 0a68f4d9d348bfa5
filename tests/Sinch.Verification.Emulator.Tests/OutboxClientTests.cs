using System;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// <see cref="EmulatorOutboxClient"/> reads what reached the phone over HTTP, as a program in
/// another process than the emulator does (the README's "Try it locally").
/// </summary>
[TestClass]
public sealed class OutboxClientTests
{
    [TestMethod]
    [DataRow(true, DisplayName = "the API base URL")]
    [DataRow(false, DisplayName = "the emulator's root")]
    public async Task The_outbox_client_reads_the_code_that_completes_the_verification(bool fromApiBaseUrl)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);
        using var outbox = new EmulatorOutboxClient(fromApiBaseUrl ? emulator.BaseUrl : emulator.ServerUrl);
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), cancellationToken: cts.Token);

        var message = await outbox.GetByVerificationIdAsync(started.Id!, cts.Token);

        Assert.IsNotNull(message);
        var expected = emulator.Outbox.GetByVerificationId(started.Id!)!;
        Assert.AreEqual(expected.Code, message.Code);
        Assert.AreEqual(VerificationMethod.FlashCall, message.Method);
        Assert.AreEqual(expected.SentAt, message.SentAt);
        var report = await client.ReportVerificationByIdAsync(started.Id!, ReportVerificationRequest.ForFlashCall(message.Code), cts.Token);
        Assert.AreEqual(VerificationStatus.Successful, report.Status);
    }

    [TestMethod]
    public async Task An_unknown_verification_has_no_message()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var outbox = new EmulatorOutboxClient(emulator.ServerUrl);

        Assert.IsNull(await outbox.GetByVerificationIdAsync("no-such-verification", cts.Token));
    }

    [TestMethod]
    [DataRow(200, "<html>hello</html>", DisplayName = "200, not JSON")]
    [DataRow(200, """{"status":"ok"}""", DisplayName = "200, JSON that is no message")]
    [DataRow(404, "<html>Not Found</html>", DisplayName = "404, not JSON")]
    [DataRow(404, """{"errorCode":40400,"message":"Resource not found."}""", DisplayName = "404 of another path")]
    public async Task Something_that_is_not_an_emulators_outbox_is_a_clear_error_not_no_message(int status, string body)
    {
        using var cts = TestApp.Timeout();
        using var http = new HttpClient(new StaticAnswer((System.Net.HttpStatusCode)status, body));
        using var outbox = new EmulatorOutboxClient(new Uri("http://not-an-emulator.test/"), http);

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => outbox.GetByVerificationIdAsync("1", cts.Token));
        StringAssert.Contains(e.Message, status == 200 || body.StartsWith('<') ? "is an emulator listening there?" : "Resource not found.");
    }

    [TestMethod]
    public async Task A_wrong_path_in_front_of_the_emulator_is_an_error_not_no_message()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var started = await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        using var outbox = new EmulatorOutboxClient(new Uri(emulator.ServerUrl, "typo/verification/v1"));

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => outbox.GetByVerificationIdAsync(started.Id!, cts.Token));
    }

    private sealed class StaticAnswer(System.Net.HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }
}
