using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Bodies and paths the SDK would refuse to send, sent raw (and correctly signed): each gets
/// Sinch's error shape and code, and nothing gets a 500.
/// </summary>
[TestClass]
public sealed class ValidationTests
{
    private const string Start = "verification/v1/verifications";

    [TestMethod]
    [DataRow("""{"identity":{"type":"number","endpoint":"46700000000"},"method":"sms"}""", 40005, DisplayName = "number without +")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+467"},"method":"sms"}""", 40001, DisplayName = "number too short")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46 70 000 00"},"method":"sms"}""", 40001, DisplayName = "number with spaces")]
    [DataRow("""{"method":"sms"}""", 40002, DisplayName = "no identity")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"}}""", 40002, DisplayName = "no method")]
    [DataRow("""{"identity":{"type":"number"},"method":"sms"}""", 40002, DisplayName = "no endpoint")]
    [DataRow("""{"identity":{"type":"email","endpoint":"+46700000000"},"method":"sms"}""", 40003, DisplayName = "identity type")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"pigeon"}""", 40001, DisplayName = "unknown method")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"no-such-method"}""", 40001, DisplayName = "a method nobody knows")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":42}""", 40001, DisplayName = "method not a string")]
    [DataRow("""{"identity":"+46700000000","method":"sms"}""", 40001, DisplayName = "identity not an object")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms","reference":""}""", 40001, DisplayName = "empty reference")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"flashcall","flashCallOptions":{"dialTimeout":1}}""", 40001, DisplayName = "dialTimeout out of range")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms","smsOptions":{"expiry":"ten minutes"}}""", 40001, DisplayName = "expiry format")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms","smsOptions":{"expiry":"00:00:00"}}""", 40001, DisplayName = "zero expiry")]
    [DataRow("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms","smsOptions":{"template":"Hello"}}""", 40001, DisplayName = "template without {{CODE}}")]
    [DataRow("""[]""", 40001, DisplayName = "array")]
    [DataRow("""null""", 40001, DisplayName = "null")]
    [DataRow("""{"identity":""", 40001, DisplayName = "truncated JSON")]
    [DataRow("""<xml/>""", 40001, DisplayName = "not JSON")]
    [DataRow("""{} {}""", 40001, DisplayName = "two values")]
    [DataRow("""{"method":"sms","method":"callout","identity":{"type":"number","endpoint":"+46700000000"}}""", 40001, DisplayName = "duplicate member")]
    public async Task Invalid_start_bodies_are_400_with_Sinch_codes(string body, int errorCode)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, body, cts.Token);

        response.AssertError(400, errorCode);
        Assert.AreEqual(0, emulator.Outbox.Count);
    }

    [TestMethod]
    [DataRow("""{"method":"sms"}""", 40002, DisplayName = "no sms object")]
    [DataRow("""{"method":"sms","sms":{}}""", 40002, DisplayName = "no sms code")]
    [DataRow("""{"sms":{"code":"1234"}}""", 40002, DisplayName = "no method")]
    [DataRow("""{"method":"sms","sms":{"code":""}}""", 40003, DisplayName = "empty sms code")]
    [DataRow("""{"method":"sms","sms":{"code":1234}}""", 40003, DisplayName = "numeric sms code")]
    [DataRow("""{"method":"callout","callout":{"code":""}}""", 40003, DisplayName = "empty callout code")]
    [DataRow("""{"method":"flashcall","flashCall":{"cli":"12345"}}""", 40003, DisplayName = "cli not E.164")]
    [DataRow("""{"method":"flashcall","flashcall":{"cli":"12345"}}""", 40003, DisplayName = "cli not E.164, lower-case key")]
    [DataRow("""{"method":"whatsapp","whatsapp":{"code":7}}""", 40003, DisplayName = "numeric whatsapp code")]
    [DataRow("""{"method":"callout","callout":{"code":"1234"}}""", 40001, DisplayName = "method of another verification")]
    public async Task Invalid_reports_are_400_with_Sinch_codes(string body, int errorCode)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var started = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, """{"identity":{"type":"number","endpoint":"+46700000001"},"method":"sms"}""", cts.Token);
        var id = (string)started.Json["id"]!;

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, "verification/v1/verifications/id/" + id, body, cts.Token);

        response.AssertError(400, errorCode);
    }

    [TestMethod]
    public async Task A_lower_case_flashcall_key_is_read_as_FlashCall()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var started = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, """{"identity":{"type":"number","endpoint":"+46700000001"},"method":"flashCall"}""", cts.Token);
        var cli = emulator.Outbox.GetByVerificationId((string)started.Json["id"]!)!.Code;

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, "verification/v1/verifications/number/+46700000001", $$$"""{"method":"flashcall","flashcall":{"cli":"{{{cli}}}"}}""", cts.Token);

        Assert.AreEqual("flashcall", (string?)started.Json["method"]);
        Assert.AreEqual("SUCCESSFUL", (string?)response.Json["status"], response.Body);
    }

    [TestMethod]
    [DataRow("GET", "verification/v1/verifications/sms/number/46700000000", 40005)]
    [DataRow("GET", "verification/v1/verifications/sms/number/abc", 40001)]
    [DataRow("GET", "verification/v1/verifications/pigeon/number/+46700000000", 40001)]
    [DataRow("PUT", "verification/v1/verifications/number/46700000000", 40005)]
    [DataRow("PUT", "verification/v1/verifications/number/+46", 40001)]
    public async Task Invalid_path_values_are_400(string verb, string path, int errorCode)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(verb), path, verb == "PUT" ? """{"method":"sms","sms":{"code":"1234"}}""" : null, cts.Token);

        response.AssertError(400, errorCode);
    }

    [TestMethod]
    [DataRow("text/plain", DisplayName = "text/plain")]
    [DataRow("application/x-www-form-urlencoded", DisplayName = "form")]
    [DataRow("application/json; charset=iso-8859-1", DisplayName = "other charset")]
    [DataRow("no/valid/media type", DisplayName = "malformed")]
    [DataRow(null, DisplayName = "none")]
    public async Task Other_content_types_are_415(string? contentType)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var body = Encoding.UTF8.GetBytes("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms"}""");

        var response = await TestApp.SendSignedBytesAsync(emulator, HttpMethod.Post, Start, body, cts.Token, contentType);

        response.AssertError(415, 41500);
    }

    [TestMethod]
    public async Task Non_UTF8_empty_and_deeply_nested_bodies_are_400()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var deep = "{\"identity\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201);

        var latin1 = await TestApp.SendSignedBytesAsync(emulator, HttpMethod.Post, Start, [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D], cts.Token, "application/json");
        var empty = await TestApp.SendSignedBytesAsync(emulator, HttpMethod.Post, Start, [], cts.Token, "application/json");
        var nested = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, deep, cts.Token);

        latin1.AssertError(400, 40001);
        empty.AssertError(400, 40001);
        nested.AssertError(400, 40001);
    }

    [TestMethod]
    public async Task Oversized_bodies_are_413()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var body = "{\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"method\":\"sms\",\"custom\":\"" + new string('x', 70_000) + "\"}";

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, body, cts.Token);

        response.AssertError(413, 41300);
    }

    [TestMethod]
    [DataRow("GET", "", 404, 40400)]
    [DataRow("GET", "favicon.ico", 404, 40400)]
    [DataRow("GET", "verification/v1", 404, 40400)]
    [DataRow("GET", "verification/v1/verifications/id", 404, 40400)]
    [DataRow("GET", "verification/v2/verifications/id/x", 404, 40400)]
    [DataRow("GET", "verification/v1/verifications", 405, 40500)]
    [DataRow("DELETE", "verification/v1/verifications/id/x", 405, 40500)]
    [DataRow("POST", "verification/v1/verifications/reference/x", 405, 40500)]
    [DataRow("POST", "emulator/outbox", 405, 40500)]
    [DataRow("GET", "emulator/outbox/a/b", 404, 40400)]
    public async Task Unknown_paths_and_verbs_get_the_error_shape(string verb, string path, int statusCode, int errorCode)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(verb), path, null, cts.Token);

        response.AssertError(statusCode, errorCode);
    }

    // Paths that decode to a NUL character never reach the emulator: Kestrel itself answers 400
    // (without a body) before any application code runs.
    [TestMethod]
    public async Task Hostile_inputs_never_produce_a_500()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var random = new Random(20240522);
        string[] fragments =
        [
            "{", "}", "[", "]", "\"identity\":", "\"method\":", "\"sms\"", "\"flashcall\"", "\"callout\"", "\"type\":\"number\"", "\"endpoint\":",
            "\"+46700000000\"", "\"46700000000\"", "null", "true", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", ",", ":", "\"sms\":{\"code\":", "\"1234\"",
            "\"flashCall\":{\"cli\":", "\"reference\":", "\"custom\":", "\"smsOptions\":{\"expiry\":\"99:99:99\"}", "NaN", "/*c*/", "\"é\"",
        ];
        string[] targets =
        [
            "POST verification/v1/verifications", "PUT verification/v1/verifications/id/x", "PUT verification/v1/verifications/number/+46700000000",
            "GET verification/v1/verifications/sms/number/+46700000000", "GET verification/v1/verifications/reference/%01%0A", "GET verification/v1/verifications/id/%FF%FE",
            "GET verification/v1/verifications/flashCall/number/%2B46700000000", "GET emulator/outbox?number=%00&method=%FF",
        ];

        for (var i = 0; i < 300; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => fragments[random.Next(fragments.Length)]));
            var target = targets[i % targets.Length].Split(' ');
            var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(target[0]), target[1], target[0] == "GET" ? null : body, cts.Token);

            Assert.IsLessThan(500, response.StatusCode, $"{target[0]} {target[1]} {body} -> {response.Body}");
            if (response.StatusCode != 200)
            {
                Assert.IsTrue(response.Body.Length > 0, $"{target[0]} {target[1]} -> {response.StatusCode} without a body");
                Assert.AreEqual(response.StatusCode, response.ErrorCode / 100, response.Body);
            }
        }
    }
}
