using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Cli.Tests;

/// <summary>
/// Issue #20, items 3, 5 and 6 in <c>callbacks listen</c> and <c>outbox</c>: what a sender or a
/// template carries cannot forge a line, move the cursor or show a number, and the line printed
/// for an event is the event dispatched.
/// </summary>
[TestClass]
public sealed class ListenerHostileInputTests
{
    private const string Result = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","custom":"my data"}""";

    [TestMethod]
    public async Task A_path_with_an_encoded_line_break_or_escape_sequence_cannot_forge_a_line_on_stderr()
    {
        await using var host = await ListenerHost.StartAsync();

        using var response = await host.Http.PostAsync("/x%0Awarning:%20fake%1B[31m%E2%80%AE/%2B46700000000", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        var lines = host.ErrorLines;
        Assert.IsFalse(lines.Any(l => l.StartsWith("warning: fake", StringComparison.Ordinal)), string.Join("\n", lines));
        var warning = lines.Single(l => l.StartsWith("warning: POST", StringComparison.Ordinal));
        StringAssert.Contains(warning, "/x\\u000Awarning: fake\\u001B[31m\\u202E/+46*******00 is not the callback path");
        AssertSafe(lines);
    }

    [TestMethod]
    public async Task Event_lines_mask_numbers_in_ids_methods_nested_codes_member_names_and_non_ASCII_digits()
    {
        await using var host = await ListenerHost.StartAsync();
        var body = Result
            .Replace("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":\"46700000000\"", StringComparison.Ordinal)
            .Replace("\"method\":\"sms\"", "\"method\":\"46711111111\"", StringComparison.Ordinal)
            .Replace("\"custom\":\"my data\"", "\"custom\":\"\\u0664\\u0666\\u0667\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\",\"reference\":\"\\uFF0B\\uFF14\\uFF16\\uFF17\\uFF10\\uFF10\\uFF10\\uFF10\\uFF10\\uFF10\\uFF10\\uFF10\","
                + "\"x\":{\"code\":\"46722222222\",\"deeper\":[{\"code\":46733333333}]},\"46744444444\":\"a member name\",\"n\":46755555555", StringComparison.Ordinal)
            .Replace("\"reference\":\"order-1234\",", string.Empty, StringComparison.Ordinal);

        using var response = await host.PostSignedAsync(Encoding.UTF8.GetBytes(body));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var line = host.OutLines.Single();
        var printed = JObject.Parse(line);
        Assert.AreEqual("VerificationResultEvent", (string)printed["event"]!);
        Assert.AreEqual("467******00", (string)printed["id"]!);
        Assert.AreEqual("\u0664\u0666\u0667******\u0660\u0660", (string)printed["custom"]!);
        Assert.AreEqual("****", (string)printed["x"]!["code"]!, "codes are never printed");
        Assert.AreEqual("****", (string)printed["x"]!["deeper"]![0]!["code"]!);
        Assert.IsTrue(printed.ContainsKey("467******44"), line);
        AssertSafe([line]);
        AssertSafe(host.ErrorLines);
    }

    [TestMethod]
    public void Event_lines_never_show_a_code_whatever_its_length_or_case()
    {
        var line = Output.Line(JObject.Parse("""{"event":"VerificationRequestEvent","x":{"code":"1234"},"Code":5678,"sms":{"CODE":"ab12"}}"""));

        Assert.DoesNotContain("1234", line);
        Assert.DoesNotContain("5678", line);
        Assert.DoesNotContain("ab12", line);
    }

    [TestMethod]
    public void Member_names_that_mask_alike_stay_two_members()
    {
        var line = Output.Line(JObject.Parse("""{"46700000001":1,"46711111101":2}"""));

        var printed = JObject.Parse(line);
        Assert.HasCount(2, printed.Properties());
        AssertSafe([line]);
    }

    [TestMethod]
    public async Task Event_lines_escape_control_characters_and_stay_one_line_of_the_same_JSON()
    {
        await using var host = await ListenerHost.StartAsync();
        const string custom = "a\nwarning: fake\r\u001b[2J\u0007\u0085\u2028\u2029\u202e\u200f\u007f";
        var body = Result.Replace("\"custom\":\"my data\"", "\"custom\":" + Newtonsoft.Json.JsonConvert.ToString(custom), StringComparison.Ordinal);

        using var response = await host.PostSignedAsync(Encoding.UTF8.GetBytes(body));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var line = host.OutLines.Single();
        AssertSafe([line]);
        Assert.AreEqual(custom, (string)JObject.Parse(line)["custom"]!, "escaped, not changed");
    }

    [TestMethod]
    public async Task A_signed_callback_with_event_and_Event_gets_400_and_prints_no_event_line()
    {
        await using var host = await ListenerHost.StartAsync();
        var body = Result.Replace("\"event\":\"VerificationResultEvent\"", "\"event\":\"VerificationRequestEvent\",\"Event\":\"VerificationResultEvent\"", StringComparison.Ordinal);

        using var response = await host.PostSignedAsync(Encoding.UTF8.GetBytes(body));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsEmpty(host.OutLines);
        AssertSafe(host.ErrorLines);
    }

    [TestMethod]
    [DataRow("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":12345", DisplayName = "id as a number")]
    [DataRow("\"status\":\"SUCCESSFUL\"", "\"status\":\"SUCCESSFUL\",\"status\":\"FAIL\"", DisplayName = "a duplicate member")]
    [DataRow("\"status\":\"SUCCESSFUL\"", "'status':'SUCCESSFUL'", DisplayName = "single quotes")]
    public async Task A_signed_callback_the_parser_refuses_gets_400_and_prints_no_event_line(string original, string replacement)
    {
        await using var host = await ListenerHost.StartAsync();

        using var response = await host.PostSignedAsync(Encoding.UTF8.GetBytes(Result.Replace(original, replacement, StringComparison.Ordinal)));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsEmpty(host.OutLines);
    }

    [TestMethod]
    public async Task Outbox_prints_a_templates_line_breaks_and_escape_sequences_escaped()
    {
        const string key = "cli-outbox-key";
        const string secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = key, ApplicationSecret = secret });
        var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = key, ApplicationSecret = secret, BaseUrl = emulator.BaseUrl });
        var request = StartVerificationRequest.ForSms("+46700000501");
        request.SmsOptions = new SmsOptions { Template = "Code {{CODE}}\nwarning: fake\u001b[2J\u202e" };
        var started = await client.StartVerificationAsync(request);
        var env = new Dictionary<string, string> { ["SINCH_VERIFICATION_BASE_URL"] = emulator.BaseUrl.ToString() };

        var text = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--id", started.Id);
        var json = await CliRunner.RunAsync(env, CancellationToken.None, "outbox", "--id", started.Id, "--json");

        Assert.AreEqual(0, text.ExitCode, text.All);
        Assert.IsFalse(text.Out.Split('\n').Any(l => l.StartsWith("warning: fake", StringComparison.Ordinal)), text.Out);
        StringAssert.Contains(text.Out, "\\u000Awarning: fake\\u001B[2J\\u202E");
        Assert.IsFalse(text.Out.Any(c => c is '\u001b' or '\u202e'), text.Out);
        Assert.AreEqual(0, json.ExitCode, json.All);
        Assert.IsFalse(json.Out.Any(c => c is '\u001b' or '\u202e'), json.Out);
        var message = JToken.Parse(json.Out) is JArray list ? list[0] : JToken.Parse(json.Out);
        StringAssert.EndsWith((string)message["text"]!, "\nwarning: fake\u001b[2J\u202e", "the JSON still holds the text");
    }

    private static void AssertSafe(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Assert.IsNull(LogLines.Unsafe(line), line);
        }
    }
}
