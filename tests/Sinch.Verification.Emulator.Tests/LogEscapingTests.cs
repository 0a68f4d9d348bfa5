using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Issue #20, items 5 and 6: what a request or a callback reply carries reaches the emulator's
/// log escaped (no line break, escape sequence or bidi control) and with every number masked.
/// </summary>
[TestClass]
public sealed partial class LogEscapingTests
{
    [TestMethod]
    public async Task A_callback_reply_with_a_number_out_of_range_is_logged_masked()
    {
        using var cts = TestApp.Timeout();
        var recorder = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(recorder)));
        var options = TestApp.Options(new Uri("http://callbacks.invalid/sinch"));
        options.LoggerFactory = loggerFactory;
        options.CallbackHandler = new Reply("""{"action":"allow","x":46700000000.5e400}""");
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);

        try
        {
            await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        }
        catch (VerificationApiException)
        {
            // However the start ends, the failed callback is logged.
        }

        var failure = recorder.GetSnapshot().Single(r => r.Message.Contains("failed", StringComparison.Ordinal) && r.Message.Contains("Callback", StringComparison.Ordinal));
        // After "failed:", the reply's part (the verification id before it is the emulator's own).
        var detail = failure.Message.Substring(failure.Message.IndexOf("failed:", StringComparison.Ordinal));
        StringAssert.Contains(detail, "467******00.5e400");
        AssertSafe(detail);
    }

    [TestMethod]
    public async Task A_refused_requests_member_names_reach_the_log_escaped_and_masked()
    {
        using var cts = TestApp.Timeout();
        var recorder = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(recorder)));
        var options = TestApp.Options();
        options.LoggerFactory = loggerFactory;
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        var number = TestApp.NewNumber();

        // A member twice, its name a forged log line holding a number in Arabic-Indic digits.
        var name = "x\r\nwarn: \u0664\u0666\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u202e\u0085";
        var body = $$"""{"identity":{"type":"number","endpoint":"{{number}}"},"method":"sms",{{Quote(name)}}:1,{{Quote(name)}}:2}""";
        var response = await TestApp.SendSignedBytesAsync(emulator, HttpMethod.Post, "verification/v1/verifications", Encoding.UTF8.GetBytes(body), cts.Token, "application/json");

        Assert.AreEqual(400, response.StatusCode);
        var rejected = recorder.GetSnapshot().Single(r => r.Message.StartsWith("Rejected", StringComparison.Ordinal));
        StringAssert.Contains(rejected.Message, "x\\u000D\\u000Awarn: \u0664\u0666\u0667******\u0660\u0660\\u202E\\u0085");
        AssertSafe(rejected.Message);
    }

    private static string Quote(string text) => Newtonsoft.Json.JsonConvert.ToString(text);

    private static void AssertSafe(string line) => Assert.IsNull(LogLines.Unsafe(line), line);


    private sealed class Reply(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        }
    }
}
