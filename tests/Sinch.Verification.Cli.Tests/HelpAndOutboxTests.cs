using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Cli.Tests;

/// <summary>The CLI explains itself (help, version), reads the outbox, and keeps stdout clean for scripts.</summary>
[TestClass]
public sealed class HelpAndOutboxTests
{
    private const string Key = "cli-help-key";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    private const string Number = "+46700000301";

    // The spec's methods as System.CommandLine lists them in help: sorted, between < and |.
    private const string MethodsToken = "<the spec's methods>";
    private static readonly string Methods = "<" + string.Join("|", Sinch.Verification.Generated.VerificationMethod.KnownValues.Select(m => m.Value).Order(StringComparer.Ordinal)) + ">";

    [TestMethod]
    [DataRow("", "demo", "emulator", "start", "report", "status", "outbox", "callbacks", "--version")]
    [DataRow("demo", "/sinch/verification", "SUCCESSFUL")]
    [DataRow("emulator", "--urls", "--key", "--secret", "--callback-url", "SINCH_APPLICATION_SECRET", "130", "--retention", "[d.]hh:mm:ss", "Default 1.00:00:00", "--max-ended", "Default 100000", "/emulator/stats")]
    [DataRow("start", MethodsToken, "<number>", "--reference", "--custom", "--base-url", "--key", "--secret", "--auth", "[default: signed]", "--json")]
    [DataRow("report", "--id", "--number", "--method", "--code", "--cli", "--base-url", "--json")]
    [DataRow("status", "--id", "--reference", "--number", "--method", "--auth", "--json")]
    [DataRow("outbox", "--id", "--number", "--method", "--base-url", "--json", "SINCH_VERIFICATION_BASE_URL", "--limit", "--cursor", "oldest first")]
    [DataRow("callbacks", "listen")]
    [DataRow("callbacks listen", "--urls", "--key", "--secret", "--path", "[default: /sinch/verification]", "--deny", "--sms-code", "--max-age", "[default: 300]", "--json", "one line per accepted event")]
    public async Task Help_exits_0_and_documents_options_defaults_and_exit_codes(string command, params string[] expected)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(help).ToArray();
            var result = await CliRunner.RunAsync(new Dictionary<string, string>(), CancellationToken.None, args);

            Assert.AreEqual(0, result.ExitCode, result.All);
            Assert.AreEqual("", result.Error);
            foreach (var text in expected.Select(e => e == MethodsToken ? Methods : e).Concat(new[] { "Exit codes:", "0    done", "1    the API answered with an error", "2    bad usage", "3    no answer", "130  interrupted" }))
            {
                StringAssert.Contains(result.Out, text, $"'{command} {help}' mentions {text}");
            }
        }
    }

    [TestMethod]
    public async Task No_command_and_help_show_the_overview_and_exit_0()
    {
        foreach (var args in new[] { Array.Empty<string>(), new[] { "help" } })
        {
            var result = await CliRunner.RunAsync(args);
            Assert.AreEqual(0, result.ExitCode, result.All);
            StringAssert.Contains(result.Out, "callbacks");
        }
    }

    [TestMethod]
    public async Task Help_before_a_command_shows_that_commands_help()
    {
        var result = await CliRunner.RunAsync("help", "start");

        Assert.AreEqual(0, result.ExitCode, result.All);
        StringAssert.Contains(result.Out, "--reference");
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("1.5")]
    [DataRow("-1")]
    [DataRow("99999999999")]
    public async Task A_max_age_that_is_not_whole_seconds_is_a_usage_error_not_a_crash(string value)
    {
        var result = await CliRunner.RunAsync("callbacks", "listen", "--urls", "http://127.0.0.1:1", "--key", "k", "--secret", "c2VjcmV0", "--max-age", value);

        Assert.AreEqual(2, result.ExitCode, result.All);
        StringAssert.Contains(result.Error, "error: --max-age must be a whole number of seconds");
        Assert.IsFalse(result.All.Contains("   at ", StringComparison.Ordinal), "no stack trace: " + result.All);
    }

    [TestMethod]
    public async Task Version_prints_the_package_version()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.AreEqual(0, result.ExitCode, result.All);
        var version = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.AreEqual(version.Split('+')[0], result.Out.Trim(), "the package version, no commit hash");
        Assert.AreEqual(typeof(CliApp).Assembly.GetName().Version!.ToString(3), result.Out.Trim());
    }

    [TestMethod]
    [DataRow("callbacks", "listen", "--urls", "http://127.0.0.1:1", "--key", "k", "--secret", "not*base64")]
    [DataRow("emulator", "--urls", "http://127.0.0.1:1", "--key", "k", "--secret", "not*base64")]
    [DataRow("status", "--id", "x", "--key", "k", "--secret", "not*base64", "--base-url", "http://127.0.0.1:9/verification/v1")]
    public async Task A_bad_secret_is_one_line_naming_the_setting(params string[] args)
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string>(), CancellationToken.None, args);

        Assert.AreEqual(2, result.ExitCode, result.All);
        Assert.AreEqual("", result.Out);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Length, result.Error);
        StringAssert.StartsWith(lines[0], "error: --secret (or SINCH_APPLICATION_SECRET)");
        StringAssert.Contains(lines[0], "Base64");
        Assert.IsFalse(result.Error.Contains("(Parameter", StringComparison.Ordinal), result.Error);
        Assert.IsFalse(result.Error.Contains("not*base64", StringComparison.Ordinal), "the secret is not echoed");
    }

    [TestMethod]
    public void Text_output_uses_the_api_spelling()
    {
        var output = new System.IO.StringWriter();
        Output.Print(output, JObject.Parse("""{"callComplete":true,"price":{"amount":0.0453},"reason":null}"""), json: false);

        Assert.AreEqual("callComplete: true\nprice.amount: 0.0453\nreason: null\n", output.ToString().Replace("\r\n", "\n"));
    }

    [TestMethod]
    public async Task Outbox_shows_what_reached_the_phone_with_numbers_masked()
    {
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret });
        var env = new Dictionary<string, string>
        {
            ["SINCH_VERIFICATION_BASE_URL"] = emulator.BaseUrl.ToString(),
            ["SINCH_APPLICATION_KEY"] = Key,
            ["SINCH_APPLICATION_SECRET"] = Secret,
        };
        var sms = JObject.Parse((await CliRunner.RunAsync(env, CancellationToken.None, "start", "sms", Number, "--json")).Out)["id"]!.ToString();
        var flash = JObject.Parse((await CliRunner.RunAsync(env, CancellationToken.None, "start", "flashcall", "+46700000302", "--json")).Out)["id"]!.ToString();
        var code = emulator.Outbox.GetByVerificationId(sms)!.Code;

        var all = await CliRunner.RunAsync(env, CancellationToken.None, "outbox");
        Assert.AreEqual(0, all.ExitCode, all.All);
        StringAssert.Contains(all.Out, $"verificationId: {sms}\nmethod: sms\nto: +46*******01\ncode: {code}\n");
        StringAssert.Contains(all.Out, $"verificationId: {flash}\nmethod: flashcall");
        Assert.IsFalse(all.Out.Contains(Number, StringComparison.Ordinal), all.Out);

        // By number, as JSON, through --base-url (which wins over the environment).
        env["SINCH_VERIFICATION_BASE_URL"] = "http://127.0.0.1:9/verification/v1";
        var byNumber = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--number", Number, "--json", "--base-url", emulator.BaseUrl.ToString());
        Assert.AreEqual(0, byNumber.ExitCode, byNumber.All);
        var messages = JArray.Parse(byNumber.Out);
        Assert.AreEqual(1, messages.Count);
        Assert.AreEqual(sms, (string)messages[0]["verificationId"]!);
        Assert.AreEqual("+46*******01", (string)messages[0]["to"]!);
        Assert.AreEqual(code, (string)messages[0]["code"]!, "the code is what to report: shown as is");

        var byId = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--id", flash, "--base-url", emulator.BaseUrl.ToString());
        Assert.AreEqual(0, byId.ExitCode, byId.All);
        StringAssert.Contains(byId.Out, "method: flashcall");

        var unknown = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--id", "nothing-sent", "--base-url", emulator.BaseUrl.ToString());
        Assert.AreEqual(1, unknown.ExitCode, unknown.All);
        StringAssert.Contains(unknown.Error, "404");
    }

    [TestMethod]
    public async Task Outbox_reads_a_page_at_a_time_and_says_on_stderr_which_cursor_reads_the_next()
    {
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret });
        var env = new Dictionary<string, string>
        {
            ["SINCH_VERIFICATION_BASE_URL"] = emulator.BaseUrl.ToString(),
            ["SINCH_APPLICATION_KEY"] = Key,
            ["SINCH_APPLICATION_SECRET"] = Secret,
        };
        foreach (var number in new[] { "+46700000311", "+46700000312", "+46700000313" })
        {
            Assert.AreEqual(0, (await CliRunner.RunAsync(env, CancellationToken.None, "start", "sms", number)).ExitCode);
        }

        var first = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--limit", "2", "--json");
        var cursor = System.Text.RegularExpressions.Regex.Match(first.Error, "^more messages follow: add --cursor (\\S+)\n$");
        var rest = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--limit", "2", "--json", "--cursor", cursor.Groups[1].Value);

        Assert.AreEqual(0, first.ExitCode, first.All);
        Assert.IsTrue(cursor.Success, first.Error);
        CollectionAssert.AreEqual(new[] { "+46*******11", "+46*******12" }, JArray.Parse(first.Out).Select(m => (string)m["to"]!).ToArray(), "stdout is the page alone");
        Assert.AreEqual(0, rest.ExitCode, rest.All);
        Assert.AreEqual("+46*******13", (string)JArray.Parse(rest.Out).Single()["to"]!);
        Assert.AreEqual("", rest.Error, "the last page names no cursor");
    }

    [TestMethod]
    [DataRow("no emulator named", new string[0], 2)]
    [DataRow("not E.164", new[] { "--number", "46700000301", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("id and number", new[] { "--id", "x", "--number", "+46700000301", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("id and cursor", new[] { "--id", "x", "--cursor", "3", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("no page", new[] { "--limit", "0", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("more than a page holds", new[] { "--limit", "1001", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("limit not a number", new[] { "--limit", "many", "--base-url", "http://127.0.0.1:9/verification/v1" }, 2)]
    [DataRow("nobody listening", new[] { "--base-url", "http://127.0.0.1:9/verification/v1" }, 3)]
    public async Task Outbox_refuses_bad_usage_and_reports_no_answer(string why, string[] args, int exitCode)
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string>(), CancellationToken.None, new[] { "outbox" }.Concat(args).ToArray());
        Assert.AreEqual(exitCode, result.ExitCode, why + ": " + result.All);
        StringAssert.StartsWith(result.Error, "error: ", why);
        Assert.IsFalse(result.All.Contains("46700000301", StringComparison.Ordinal), why + ": the number is not echoed");
    }

    [TestMethod]
    [DataRow("http://127.0.0.1:5080/verification/v1", "http://127.0.0.1:5080/emulator/outbox")]
    [DataRow("http://127.0.0.1:5080/verification/v1/", "http://127.0.0.1:5080/emulator/outbox")]
    [DataRow("http://127.0.0.1:5080/", "http://127.0.0.1:5080/emulator/outbox")]
    [DataRow("http://host/prefix/verification/v1", "http://host/prefix/emulator/outbox")]
    public void The_outbox_is_found_beside_the_api_base_url(string baseUrl, string outbox) =>
        Assert.AreEqual(outbox, Commands.OutboxCommand.OutboxUrl(new Uri(baseUrl)));

    [TestMethod]
    public async Task Callbacks_listen_defaults_to_the_demo_path_and_warns_about_other_paths()
    {
        var port = Ports.Free();
        using var stop = new CancellationTokenSource();
        var listening = CliRunner.RunAsync(null, stop.Token, "callbacks", "listen", "--urls", $"http://127.0.0.1:{port}", "--key", Key, "--secret", Secret);
        await CliProcess.WaitForPortAsync(port);

        using (var http = new HttpClient())
        {
            var wrong = await http.PostAsync($"http://127.0.0.1:{port}/cb/{Number}", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.AreEqual(System.Net.HttpStatusCode.NotFound, wrong.StatusCode);
        }

        stop.Cancel();
        var result = await listening;
        Assert.AreEqual(130, result.ExitCode, result.All);
        Assert.AreEqual("", result.Out, "stdout holds events only");
        StringAssert.Contains(result.Error, $"on http://127.0.0.1:{port}/sinch/verification");
        StringAssert.Contains(result.Error, "warning: POST /cb/+46*******01 is not the callback path /sinch/verification");
        Assert.IsFalse(result.Error.Contains(Number, StringComparison.Ordinal), result.Error);
    }

    [TestMethod]
    public void Event_lines_mask_numbers_in_every_field_ids_included_and_keep_GUID_ids_whole()
    {
        var line = Output.Line(JObject.Parse($$"""{"id":"123456789","event":"VerificationResultEvent","identity":{"endpoint":"{{Number}}"},"reference":"ref {{Number}}","custom":"call 46700000301","status":"SUCCESSFUL","anything":"{{Number}}"}"""));
        var uuid = Output.Line(JObject.Parse("""{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent"}"""));
        // About one GUID in four has 6 digits in a row; the user copies the id into status or report.
        var digits = Output.Line(JObject.Parse("""{"id":"1018e1a0-0fa0-4b33-9f63-467000003011","verificationId":"2018e1a0-0fa0-4b33-9f63-467000003011","event":"VerificationResultEvent"}"""));

        Assert.IsFalse(line.Contains("700000301", StringComparison.Ordinal), line);
        StringAssert.Contains(line, "\"id\":\"123****89\"", "an id that could be a number is masked too (issue #20)");
        StringAssert.Contains(line, "\"reference\":\"ref +46*******01\"");
        StringAssert.Contains(uuid, "\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"");
        StringAssert.Contains(digits, "\"id\":\"1018e1a0-0fa0-4b33-9f63-467000003011\"", "a GUID id is shown whole: it is no phone number");
        StringAssert.Contains(digits, "\"verificationId\":\"2018e1a0-0fa0-4b33-9f63-467000003011\"");
    }
}
