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
    public async Task Something_that_is_not_an_emulator_is_a_clear_error()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var http = new HttpClient(new StaticAnswer());
        using var outbox = new EmulatorOutboxClient(new Uri("http://not-an-emulator.test/"), http);

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => outbox.GetByVerificationIdAsync("1", cts.Token));
        StringAssert.Contains(e.Message, "is an emulator listening there?");
    }

    private sealed class StaticAnswer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("<html>hello</html>") });
    }
}
