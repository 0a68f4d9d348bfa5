using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Cli.Tests;

[TestClass]
public sealed class CliTests
{
    private const string Key = "cli-test-key";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    private const string Number = "+46700000201";

    private static async Task<(VerificationEmulator Emulator, Dictionary<string, string> Env)> EmulatorAsync(Uri? callbackUrl = null)
    {
        var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret, CallbackUrl = callbackUrl });
        var env = new Dictionary<string, string>
        {
            ["SINCH_VERIFICATION_BASE_URL"] = emulator.BaseUrl.ToString(),
            ["SINCH_APPLICATION_KEY"] = Key,
            ["SINCH_APPLICATION_SECRET"] = Secret,
        };
        return (emulator, env);
    }

    [TestMethod]
    public async Task Demo_runs_one_verification_per_method_of_the_spec_to_successful_and_exits_zero()
    {
        var result = await CliRunner.RunAsync("demo");

        Assert.AreEqual(0, result.ExitCode, result.All);
        foreach (var method in VerificationMethod.KnownValues.Select(m => m.Value))
        {
            var row = result.Out.Split('\n').SingleOrDefault(l => l.StartsWith(method + " ", StringComparison.Ordinal));
            Assert.IsNotNull(row, $"the demo has no row for the spec's method {method}: {result.Out}");
            StringAssert.Contains(row, "SUCCESSFUL", method);
            StringAssert.Contains(row, "result:SUCCESSFUL", method);
        }

        StringAssert.Contains(result.Out, $"all {VerificationMethod.KnownValues.Count} verifications SUCCESSFUL");
        StringAssert.Contains(result.Out.Split('\n').Single(l => l.StartsWith("sms ", StringComparison.Ordinal)), "delivered", "the demo asks for SMS delivery events");
        Assert.IsFalse(result.All.Contains("+46700000101", StringComparison.Ordinal), "numbers are masked");
    }

    [TestMethod]
    public async Task Start_report_and_status_go_through_the_sdk_to_the_emulator()
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;

        var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "sms", Number, "--reference", "cli-ref", "--json");
        Assert.AreEqual(0, start.ExitCode, start.All);
        var id = Newtonsoft.Json.Linq.JObject.Parse(start.Out)["id"]!.ToString();
        var code = emulator.Outbox.GetByVerificationId(id)!.Code;

        var report = await CliRunner.RunAsync(env, CancellationToken.None, "report", "--number", Number, "--method", "sms", "--code", code);
        Assert.AreEqual(0, report.ExitCode, report.All);
        StringAssert.Contains(report.Out, "status: SUCCESSFUL");

        foreach (var by in new[] { new[] { "--id", id }, new[] { "--reference", "cli-ref" }, new[] { "--number", Number, "--method", "sms" } })
        {
            var status = await CliRunner.RunAsync(env, CancellationToken.None, new[] { "status" }.Concat(by).ToArray());
            Assert.AreEqual(0, status.ExitCode, status.All);
            StringAssert.Contains(status.Out, "status: SUCCESSFUL");
            Assert.IsFalse(status.Out.Contains(Number, StringComparison.Ordinal), "the number is masked in output");
        }

        Assert.IsFalse(start.All.Contains(Secret) || report.All.Contains(Secret), "the secret is never printed");
    }

    [TestMethod]
    public async Task A_whatsapp_verification_starts_reports_and_reads_through_the_cli()
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;

        var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "whatsapp", Number, "--json");
        Assert.AreEqual(0, start.ExitCode, start.All);
        var started = Newtonsoft.Json.Linq.JObject.Parse(start.Out);
        Assert.AreEqual("whatsapp", (string?)started["method"]);
        var id = started["id"]!.ToString();
        var message = emulator.Outbox.GetByVerificationId(id)!;
        Assert.AreEqual(VerificationMethod.WhatsApp, message.Method);

        var outbox = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--method", "whatsapp", "--json");
        Assert.AreEqual(0, outbox.ExitCode, outbox.All);
        StringAssert.Contains(outbox.Out, id);

        var report = await CliRunner.RunAsync(env, CancellationToken.None, "report", "--id", id, "--method", "whatsapp", "--code", message.Code);
        Assert.AreEqual(0, report.ExitCode, report.All);
        StringAssert.Contains(report.Out, "status: SUCCESSFUL");

        var status = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--number", Number, "--method", "whatsapp");
        Assert.AreEqual(0, status.ExitCode, status.All);
        StringAssert.Contains(status.Out, "status: SUCCESSFUL");
    }

    [TestMethod]
    public async Task A_seamless_start_prints_its_target_uri_and_cannot_be_reported()
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;

        var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "seamless", Number, "--json");
        Assert.AreEqual(0, start.ExitCode, start.All);
        var id = Newtonsoft.Json.Linq.JObject.Parse(start.Out)["id"]!.ToString();
        StringAssert.Contains(start.Out, "/emulator/seamless/");

        var report = await CliRunner.RunAsync(env, CancellationToken.None, "report", "--id", id, "--method", "seamless", "--code", "1234");
        Assert.AreEqual(2, report.ExitCode, report.All);
        StringAssert.Contains(report.Error, "seamless verification cannot be reported");
    }

    [TestMethod]
    [DataRow("start", "no-such-method", "+46700000201")]
    [DataRow("start", "WhatsApp2", "+46700000201")]
    [DataRow("report", "--id", "x", "--method", "no-such-method", "--code", "1234")]
    [DataRow("status", "--number", "+46700000201", "--method", "no-such-method")]
    [DataRow("outbox", "--method", "no-such-method")]
    public async Task A_method_the_spec_does_not_know_is_a_usage_error_and_nothing_is_sent(params string[] args)
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;

        var result = await CliRunner.RunAsync(env, CancellationToken.None, args);

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, args.First(a => a is "no-such-method" or "WhatsApp2"), "the error names the method");
        Assert.AreEqual(0, emulator.Outbox.Count, "nothing was started");
    }

    [TestMethod]
    public async Task Flags_override_the_environment_and_basic_auth_works()
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;
        env["SINCH_APPLICATION_SECRET"] = "d3Jvbmctc2VjcmV0";

        var wrong = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", "x");
        Assert.AreEqual(1, wrong.ExitCode);
        StringAssert.Contains(wrong.Error, "40102");

        var right = await CliRunner.RunAsync(env, CancellationToken.None, "start", "callout", Number, "--secret", Secret, "--auth", "basic");
        Assert.AreEqual(0, right.ExitCode, right.All);
    }

    [TestMethod]
    public async Task An_api_error_prints_status_error_code_and_message_to_stderr_without_a_stack_trace()
    {
        var (emulator, env) = await EmulatorAsync();
        await using var _ = emulator;

        var result = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", "does-not-exist");

        Assert.AreEqual(1, result.ExitCode);
        Assert.AreEqual("", result.Out);
        StringAssert.Contains(result.Error, "HTTP 404");
        StringAssert.Contains(result.Error, "40400");
        StringAssert.Contains(result.Error, "not found");
        Assert.IsFalse(result.Error.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    [DataRow("start", "sms", "0046700000201")]
    [DataRow("report", "--id", "x", "--method", "sms", "--code", "")]
    [DataRow("report", "--number", "46700000201", "--method", "sms", "--code", "1")]
    public async Task Malformed_input_is_refused_before_any_request(params string[] args)
    {
        // No base URL is reachable here: a request would end in exit code 3, not 2.
        var env = new Dictionary<string, string> { ["SINCH_VERIFICATION_BASE_URL"] = "http://127.0.0.1:9/verification/v1", ["SINCH_APPLICATION_KEY"] = Key, ["SINCH_APPLICATION_SECRET"] = Secret };
        var result = await CliRunner.RunAsync(env, CancellationToken.None, args);
        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.StartsWith(result.Error, "error: ");
    }

    [TestMethod]
    [DataRow("no command", "frobnicate")]
    [DataRow("unknown option", "status", "--id", "1", "--verbose", "yes")]
    [DataRow("missing key", "status", "--id", "1")]
    [DataRow("two selectors", "status", "--id", "1", "--reference", "r")]
    [DataRow("bad method", "start", "pigeon", "+46700000201")]
    [DataRow("missing value", "status", "--id")]
    public async Task Usage_errors_exit_2_with_a_message(string why, params string[] args)
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string>(), CancellationToken.None, args);
        Assert.AreEqual(2, result.ExitCode, why + ": " + result.All);
        StringAssert.StartsWith(result.Error, "error: ", why);
    }

    [TestMethod]
    public async Task A_number_typed_in_the_wrong_place_is_not_echoed()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string>(), CancellationToken.None, "start", "+46700000201", "sms");
        Assert.AreEqual(2, result.ExitCode, result.All);
        Assert.IsFalse(result.All.Contains("+46700000201", StringComparison.Ordinal), result.All);
        var unknown = await CliRunner.RunAsync("+46700000201");
        Assert.IsFalse(unknown.All.Contains("+46700000201", StringComparison.Ordinal), unknown.All);
    }

    [TestMethod]
    [DataRow("callbacks", "listen", "--urls", "http://127.0.0.1:1", "--key", "k", "--secret", "not*base64")]
    [DataRow("emulator", "--urls", "not-a-url", "--key", "k", "--secret", Secret)]
    [DataRow("callbacks", "listen", "--urls", "not-a-url", "--key", "k", "--secret", Secret)]
    public async Task Bad_listener_settings_are_a_clear_error_not_a_crash(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.StartsWith(result.Error, "error: ");
        Assert.IsFalse(result.All.Contains("not*base64", StringComparison.Ordinal), "the secret is not echoed");
        Assert.IsFalse(result.All.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    [DataRow("emulator", "--urls", "http://127.0.0.1:0", "--key", "a:b", "--secret", Secret)]
    [DataRow("status", "--id", "x", "--base-url", "http://127.0.0.1:1/verification/v1", "--key", "a:b", "--secret", Secret)]
    public async Task A_key_the_header_cannot_carry_is_blamed_on_the_key_option(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.StartsWith(result.Error, "error: --key (or SINCH_APPLICATION_KEY) is not usable: ", result.All);
    }

    [TestMethod]
    [DataRow("--retention", "abc")]
    [DataRow("--retention", "5")]
    [DataRow("--retention", "24:00:00")]
    [DataRow("--retention", "00:00:00")]
    [DataRow("--retention", "-01:00:00")]
    [DataRow("--max-ended", "0")]
    [DataRow("--max-ended", "lots")]
    [DataRow("--allowed-hosts", "http://emulator")]
    [DataRow("--allowed-hosts", "emulator:5080")]
    public async Task A_bad_emulator_setting_is_a_usage_error_naming_the_option(string option, string value)
    {
        var result = await CliRunner.RunAsync("emulator", "--urls", "http://127.0.0.1:1", "--key", "k", "--secret", Secret, option, value);

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.StartsWith(result.Error, "error: ");
        StringAssert.Contains(result.Error.Split('\n')[0], option);
        Assert.IsFalse(result.All.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    [DataRow("strat", "'start'")]
    [DataRow("stats", "'status'")]
    [DataRow("emulater", "'emulator'")]
    public async Task A_mistyped_command_gets_a_suggestion(string typed, string suggestion)
    {
        var result = await CliRunner.RunAsync(typed, "--help-me");

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, $"did you mean {suggestion}");
    }

    [TestMethod]
    public async Task A_mistyped_option_gets_a_suggestion()
    {
        var result = await CliRunner.RunAsync("status", "--refrence", "order-1");

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, "did you mean '--reference'?");
    }

    [TestMethod]
    [DataRow("<number>", new[] { "start", "sms", "46700000001" })]
    [DataRow("--number", new[] { "report", "--number", "4670", "--method", "sms", "--code", "1234" })]
    [DataRow("--number", new[] { "status", "--number", "+46 70", "--method", "sms" })]
    public async Task A_malformed_number_is_refused_before_any_request_naming_what_was_typed(string name, string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.StartsWith(result.Error, $"error: {name} must be an E.164 number");
        Assert.IsFalse(result.Error.Contains("identity.endpoint", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_base_url_without_the_api_prefix_gets_a_warning_before_the_404()
    {
        var (emulator, env) = await EmulatorAsync();
        await using (emulator)
        {
            env["SINCH_VERIFICATION_BASE_URL"] = emulator.ServerUrl.ToString();

            var result = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", "1");

            Assert.AreEqual(1, result.ExitCode, result.All);
            StringAssert.StartsWith(result.Error, "warning: the base URL");
            StringAssert.Contains(result.Error, "does not end in /verification/v1");
        }
    }

    [TestMethod]
    public async Task The_base_url_warning_never_shows_the_credentials_a_url_carries()
    {
        var env = new Dictionary<string, string> { ["SINCH_APPLICATION_KEY"] = Key, ["SINCH_APPLICATION_SECRET"] = Secret };

        var result = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", "1", "--base-url", $"http://user:Sup3rSecretPw@127.0.0.1:{Ports.Free()}/v1?token=Sup3rSecretPw");

        StringAssert.StartsWith(result.Error, "warning: the base URL http://127.0.0.1:", result.All);
        Assert.IsFalse(result.All.Contains("Sup3rSecretPw", StringComparison.Ordinal), result.All);
    }

    [TestMethod]
    public async Task No_answer_exits_3()
    {
        var env = new Dictionary<string, string> { ["SINCH_APPLICATION_KEY"] = Key, ["SINCH_APPLICATION_SECRET"] = Secret };
        var result = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", "1", "--base-url", $"http://127.0.0.1:{Ports.Free()}/verification/v1");
        Assert.AreEqual(3, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, "no answer");
    }

    [TestMethod]
    public async Task Callbacks_listen_answers_the_emulator_and_prints_one_json_line_per_event()
    {
        var port = Ports.Free();
        using var stop = new CancellationTokenSource();
        var listening = CliRunner.RunAsync(null, stop.Token, "callbacks", "listen", "--urls", $"http://127.0.0.1:{port}", "--key", Key, "--secret", Secret, "--path", "/cb", "--sms-code", "7777");
        await CliProcess.WaitForPortAsync(port);

        var (emulator, env) = await EmulatorAsync(new Uri($"http://127.0.0.1:{port}/cb"));
        await using (emulator)
        {
            var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "sms", Number, "--json");
            var id = Newtonsoft.Json.Linq.JObject.Parse(start.Out)["id"]!.ToString();
            Assert.AreEqual("7777", emulator.Outbox.GetByVerificationId(id)!.Code, "the code chosen by the listener is the one sent");
            await CliRunner.RunAsync(env, CancellationToken.None, "report", "--id", id, "--method", "sms", "--code", "7777");
            await emulator.WaitForCallbacksAsync();
        }

        stop.Cancel();
        var result = await listening;
        Assert.AreEqual(130, result.ExitCode, result.All);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Newtonsoft.Json.Linq.JObject.Parse).ToList();
        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationResultEvent" }, lines.Select(l => (string)l["event"]!).ToArray());
        Assert.AreEqual("SUCCESSFUL", (string)lines[1]["status"]!);
        Assert.IsFalse(result.Out.Contains(Number, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Callbacks_listen_denies_with_deny_and_rejects_unsigned_posts()
    {
        var port = Ports.Free();
        using var stop = new CancellationTokenSource();
        // The secret from the environment: it stays out of the process list.
        var listening = CliRunner.RunAsync(new Dictionary<string, string> { ["SINCH_APPLICATION_SECRET"] = Secret }, stop.Token,
            "callbacks", "listen", "--urls", $"http://127.0.0.1:{port}", "--key", Key, "--deny"); // default --path: /sinch/verification
        await CliProcess.WaitForPortAsync(port);

        using (var http = new HttpClient())
        {
            var unsigned = await http.PostAsync($"http://127.0.0.1:{port}/sinch/verification", new StringContent("{\"event\":\"VerificationResultEvent\"}", Encoding.UTF8, "application/json"));
            Assert.AreEqual(System.Net.HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        var (emulator, env) = await EmulatorAsync(new Uri($"http://127.0.0.1:{port}/sinch/verification"));
        await using (emulator)
        {
            var start = await CliRunner.RunAsync(env, CancellationToken.None, "start", "flashcall", Number, "--json");
            var id = Newtonsoft.Json.Linq.JObject.Parse(start.Out)["id"]!.ToString();
            var status = await CliRunner.RunAsync(env, CancellationToken.None, "status", "--id", id);
            StringAssert.Contains(status.Out, "status: DENIED");
            StringAssert.Contains(status.Out, "reason: Denied by callback");
        }

        stop.Cancel();
        Assert.AreEqual(130, (await listening).ExitCode, "stopped is interrupted, as the README says");
    }
}
