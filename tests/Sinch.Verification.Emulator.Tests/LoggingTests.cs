using System;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

[TestClass]
public sealed class LoggingTests
{
    [TestMethod]
    public async Task Logs_tell_what_happened_without_secrets_codes_or_full_numbers()
    {
        using var cts = TestApp.Timeout();
        var recorder = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(recorder)));
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        var options = TestApp.Options(receiver.Url);
        options.LoggerFactory = loggerFactory;
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        var pin = emulator.Outbox.GetByVerificationId(started.Id)!.Code;
        await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(pin), cts.Token);
        var flashCall = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(number), cancellationToken: cts.Token);
        var cli = emulator.Outbox.GetByVerificationId(flashCall.Id)!.Code;
        await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications",
            $$$"""{"identity":{"type":"number","endpoint":"{{{number.Substring(1)}}}"},"method":"sms"}""", cts.Token);
        await TestApp.SendSignedAsync(emulator, HttpMethod.Get, "verification/v1/verifications/sms/number/" + number, null, cts.Token,
            tamper: request => request.Headers.Remove("x-timestamp"));
        await emulator.WaitForCallbacksAsync(cts.Token);

        var lines = recorder.GetSnapshot().Select(r => $"{r.Level}: {r.Message} {r.Exception}").ToList();
        var log = string.Join('\n', lines);
        StringAssert.Contains(log, started.Id);
        StringAssert.Contains(log, PhoneNumbers.Mask(number));
        StringAssert.Contains(log, "40005");
        StringAssert.Contains(log, "40101");
        Assert.DoesNotContain(number.Substring(1), log);
        Assert.DoesNotContain(TestApp.Secret, log);
        Assert.DoesNotContain(cli, log);
        // The PIN must not appear as a token of its own, whatever surrounds it. The same digits
        // inside an id, a timestamp, a port or a duration ("1234.5 ms") are not the PIN.
        var pinAsToken = new Regex("(?<![0-9A-Za-z.-])" + pin + "(?![0-9A-Za-z-])(?!\\.[0-9])");
        Assert.IsFalse(lines.Any(pinAsToken.IsMatch), log);
        Assert.IsTrue(pinAsToken.IsMatch("reported code " + pin + "."), "the check would see a logged PIN");
    }
}
