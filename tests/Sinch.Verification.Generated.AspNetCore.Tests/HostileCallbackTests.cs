using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using static Sinch.Verification.Generated.AspNetCore.Tests.CallbackHost;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Generated.AspNetCore.Tests;

/// <summary>
/// Issue #20, items 3, 5 and 6 at the endpoint: a signed callback is read strictly (400 for what
/// the parser refuses, and no handler call), and what it carries reaches the log escaped, with
/// every number masked.
/// </summary>
[TestClass]
public sealed partial class HostileCallbackTests
{
    private const string Result = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","source":"intercepted"}""";
    private const string Request = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"price":{"amount":0.0453,"currencyId":"EUR"}}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("\"status\":\"SUCCESSFUL\"", "'status':'SUCCESSFUL'", DisplayName = "single quotes")]
    [DataRow("\"status\":\"SUCCESSFUL\"", "/**/\"status\":\"SUCCESSFUL\"", DisplayName = "a comment")]
    [DataRow("\"source\":\"intercepted\"", "\"source\":\"intercepted\",", DisplayName = "a trailing comma")]
    [DataRow("\"source\":\"intercepted\"", "\"source\":\"intercepted\",\"x\":NaN", DisplayName = "NaN")]
    [DataRow("\"source\":\"intercepted\"", "\"source\":\"intercepted\",\"x\":0x10", DisplayName = "0x10")]
    [DataRow("\"reference\":\"order-1234\"", "\"reference\":\"order\u00011234\"", DisplayName = "a raw control character")]
    [DataRow("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":12345", DisplayName = "id as a number")]
    [DataRow("\"endpoint\":\"+46700000000\"", "\"endpoint\":46700000000", DisplayName = "endpoint as a number")]
    [DataRow("\"status\":\"SUCCESSFUL\"", "\"status\":\"SUCCESSFUL\",\"status\":\"FAIL\"", DisplayName = "a duplicate member")]
    [DataRow("\"event\":\"VerificationResultEvent\"", "\"event\":\"VerificationResultEvent\",\"Event\":\"VerificationRequestEvent\"", DisplayName = "event and Event")]
    public async Task What_the_parser_refuses_in_a_signed_result_event_is_400_and_reaches_no_handler(string original, string replacement)
    {
        await AssertRefusedAsync(Result.Replace(original, replacement, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_price_amount_sent_as_a_string_is_400_not_coerced()
    {
        await AssertRefusedAsync(Request.Replace("\"amount\":0.0453", "\"amount\":\"0.0453\"", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_malformed_callbacks_log_line_shows_member_names_escaped_and_masked()
    {
        await using var host = await StartAsync();
        var name = "46700000000\\n\\u001b[2Kwarn: forged \\u202e";
        var body = Result.Replace("\"source\":\"intercepted\"", $"\"{name}\":1,\"{name}\":2", StringComparison.Ordinal);

        using var response = await host.PostSignedAsync(body, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var line = host.EndpointLog(4).Message;
        StringAssert.Contains(line, "467******00\\u000A\\u001B[2Kwarn: forged \\u202E");
        AssertSafe(line);
    }

    [TestMethod]
    public async Task Ids_and_values_of_an_accepted_event_are_logged_escaped_and_masked()
    {
        await using var host = await StartAsync();
        var body = Result
            .Replace("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":\"\\u0664\\u0666\\u0667\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\\u0660\\r\\ninfo: forged\"", StringComparison.Ordinal)
            .Replace("\"method\":\"sms\"", "\"method\":\"46700000000\\u0085\"", StringComparison.Ordinal)
            .Replace("\"status\":\"SUCCESSFUL\"", "\"status\":\"\\u001b]0;title\\u0007\"", StringComparison.Ordinal);

        using var response = await host.PostSignedAsync(body, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var line = host.EndpointLog(7).Message;
        StringAssert.Contains(line, "\u0664\u0666\u0667******\u0660\u0660\\u000D\\u000Ainfo: forged");
        AssertSafe(line);
    }

    [TestMethod]
    public async Task An_unknown_event_type_is_logged_escaped_and_masked()
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync("""{"event":"Seamless\n46700000000\u001b[0m"}""", cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var line = host.EndpointLog(5);
        Assert.AreEqual(LogLevel.Information, line.Level);
        StringAssert.Contains(line.Message, "Seamless\\u000A467******00\\u001B[0m");
        AssertSafe(line.Message);
    }

    private async Task AssertRefusedAsync(string body)
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(body, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        Assert.IsEmpty(host.Handler.Events);
        AssertSafe(host.EndpointLog(4).Message);
    }

    private static void AssertSafe(string line) => Assert.IsNull(LogLines.Unsafe(line), line);

}
