using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Cli.Tests;

/// <summary>The long-running commands as real processes: stdout, banner, and exit code 130 on a signal.</summary>
[TestClass]
public sealed class ProcessTests
{
    private const string Key = "cli-process-key";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    private const string Number = "+46700000401";

    [TestMethod]
    public async Task Callbacks_listen_writes_only_masked_json_lines_to_stdout_and_exits_130_on_sigterm()
    {
        if (!CliProcess.CanSignal)
        {
            Assert.Inconclusive("needs POSIX signals");
        }

        var port = Ports.Free();
        using var listener = CliProcess.Start("callbacks", "listen", "--urls", $"http://127.0.0.1:{port}", "--key", Key, "--secret", Secret);
        await CliProcess.WaitForPortAsync(port, listener);

        // The README's callback URL with listen's defaults: events accepted, the verification succeeds.
        await using (var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret, CallbackUrl = new Uri($"http://127.0.0.1:{port}/sinch/verification") }))
        {
            var env = new Dictionary<string, string> { ["SINCH_VERIFICATION_BASE_URL"] = emulator.BaseUrl.ToString(), ["SINCH_APPLICATION_KEY"] = Key, ["SINCH_APPLICATION_SECRET"] = Secret };
            var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "sms", Number, "--reference", "ref " + Number, "--custom", "number 46700000401", "--json");
            Assert.AreEqual(0, start.ExitCode, start.All);
            var id = (string)JObject.Parse(start.Out)["id"]!;
            var report = await CliRunner.RunAsync(env, CancellationToken.None, "report", "--id", id, "--method", "sms", "--code", emulator.Outbox.GetByVerificationId(id)!.Code);
            StringAssert.Contains(report.Out, "status: SUCCESSFUL");
            await emulator.WaitForCallbacksAsync();
        }

        var (exitCode, output, error) = await listener.StopAsync(CliProcess.SigTerm);

        Assert.AreEqual(130, exitCode, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList(); // every line is JSON
        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationResultEvent" }, lines.Select(l => (string)l["event"]!).ToArray(), output);
        Assert.IsFalse(output.Contains("700000401", StringComparison.Ordinal), "no full number in any field: " + output);
        Assert.AreEqual("ref +46*******01", (string)lines[0]["reference"]!);
        StringAssert.Contains(error, "listening for callbacks");
    }

    [TestMethod]
    public async Task Emulator_shows_its_urls_and_exits_130_on_sigint()
    {
        if (!CliProcess.CanSignal)
        {
            Assert.Inconclusive("needs POSIX signals");
        }

        var port = Ports.Free();
        using var emulator = CliProcess.Start("emulator", "--urls", $"http://127.0.0.1:{port}", "--key", Key, "--secret", Secret, "--callback-url", "http://127.0.0.1:5090/sinch/verification", "--retention", "00:30:00");
        await emulator.WaitForOutputAsync("press Ctrl+C to stop"); // the banner's last line: started

        var (exitCode, output, error) = await emulator.StopAsync(CliProcess.SigInt);

        Assert.AreEqual(130, exitCode, output + error);
        StringAssert.Contains(output, $"emulator API: http://127.0.0.1:{port}/verification/v1");
        StringAssert.Contains(output, $"outbox: http://127.0.0.1:{port}/emulator/outbox");
        StringAssert.Contains(output, "callbacks: http://127.0.0.1:5090/sinch/verification");
        StringAssert.Contains(output, "retention: ended verifications kept 00:30:00, at most 100000");
        Assert.IsFalse((output + error).Contains(Secret, StringComparison.Ordinal));
    }
}
