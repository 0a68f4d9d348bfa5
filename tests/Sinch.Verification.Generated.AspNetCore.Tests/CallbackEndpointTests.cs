using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.TestSupport;
using static Sinch.Verification.Generated.AspNetCore.Tests.CallbackHost;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.AspNetCore.Tests;

[TestClass]
public sealed class CallbackEndpointTests
{
    // The examples of the spec's callback section.
    private const string RequestEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000","verified":false},"price":{"amount":0.0453,"currencyId":"EUR"},"reference":"order-1234","custom":"my data"}""";
    private const string ResultEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","source":"intercepted"}""";
    private const string SmsDeliveredEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationSmsDeliveredEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"smsResult":"Failed"}""";
    private const string UnknownEventJson = """{"id":"1","event":"VerificationSeamlessEvent","method":"seamless","identity":{"type":"number","endpoint":"+46700000000"}}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("allow", """{"action":"allow"}""")]
    [DataRow("deny", """{"action":"deny"}""")]
    [DataRow("sms", """{"action":"allow","sms":{"code":"1234","expiry":"00:02:00"}}""")]
    [DataRow("flashCall", """{"action":"allow","flashCall":{"cli":"+46000000000","dialTimeout":10}}""")]
    [DataRow("callout", """{"action":"allow","callout":{"code":"4321","speech":{"locale":"en-US"}}}""")]
    public async Task A_request_event_is_answered_with_the_reply_of_the_handler(string shape, string expectedJson)
    {
        await using var host = await StartAsync();
        host.Handler.Reply = (_, _) => Task.FromResult(shape switch
        {
            "allow" => VerificationCallbackReply.Allow(),
            "deny" => VerificationCallbackReply.Deny(),
            "sms" => VerificationCallbackReply.AllowSms("1234", TimeSpan.FromMinutes(2)),
            "flashCall" => VerificationCallbackReply.AllowFlashCall("+46000000000", 10),
            _ => VerificationCallbackReply.AllowCallout("4321", "en-US"),
        });

        using var response = await host.PostSignedAsync(RequestEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.AreEqual(expectedJson, await response.Content.ReadAsStringAsync(TestContext.CancellationToken));
        var request = Assert.IsInstanceOfType<VerificationRequestEvent>(host.Handler.Events.Single());
        Assert.AreEqual("1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c", request.Id);
        Assert.AreEqual("+46700000000", request.Identity.Endpoint);
        Assert.AreEqual(0.0453, request.Price!.Amount);
    }

    [TestMethod]
    public async Task A_result_event_gets_an_empty_200()
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(ResultEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(0, (await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken)).Length);
        var result = Assert.IsInstanceOfType<VerificationResultEvent>(host.Handler.Events.Single());
        Assert.AreEqual(VerificationStatus.Successful, result.Status);
        Assert.AreEqual(VerificationSource.Intercepted, result.Source);
    }

    [TestMethod]
    public async Task An_sms_delivered_event_gets_an_empty_200()
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(SmsDeliveredEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(0, (await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken)).Length);
        Assert.AreEqual(SmsDeliveryResult.Failed, Assert.IsInstanceOfType<VerificationSmsDeliveredEvent>(host.Handler.Events.Single()).SmsResult);
    }

    [TestMethod]
    public async Task An_unknown_event_gets_an_empty_200_and_a_log_line()
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(UnknownEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(0, (await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken)).Length);
        Assert.IsEmpty(host.Handler.Events);
        var line = host.EndpointLog(5);
        Assert.AreEqual(LogLevel.Information, line.Level);
        StringAssert.Contains(line.Message, "VerificationSeamlessEvent");
    }

    [TestMethod]
    public async Task Sinchs_own_signed_example_is_accepted_at_its_path()
    {
        // The 'callback signing docs example' vector: an event kind this SDK does not know, so 200.
        using var vectors = JsonDocument.Parse(await File.ReadAllTextAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "signing-vectors.json"), TestContext.CancellationToken));
        var v = vectors.RootElement.GetProperty("vectors")[1];
        string Get(string name) => v.GetProperty(name).GetString()!;
        var time = DateTimeOffset.Parse(Get("timestamp"), System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await StartAsync(
            options => options.AddApplication(Get("applicationKey"), Get("applicationSecret")),
            app => app.MapSinchVerificationCallbacks(Get("path")),
            time);

        using var ok = await host.PostAsync(Get("path"), Encoding.UTF8.GetBytes(Get("body")), Get("contentType"), Get("timestamp"), Get("authorization"), cancellationToken: TestContext.CancellationToken);
        host.Clock.SetUtcNow(time.AddMinutes(6));
        using var replayed = await host.PostAsync(Get("path"), Encoding.UTF8.GetBytes(Get("body")), Get("contentType"), Get("timestamp"), Get("authorization"), cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [TestMethod]
    [DataRow("missing authorization", CallbackValidationReason.MissingAuthorization)]
    [DataRow("missing timestamp", CallbackValidationReason.MissingTimestamp)]
    [DataRow("wrong secret", CallbackValidationReason.SignatureMismatch)]
    [DataRow("unknown key", CallbackValidationReason.UnknownApplicationKey)]
    [DataRow("tampered body", CallbackValidationReason.SignatureMismatch)]
    [DataRow("other path", CallbackValidationReason.SignatureMismatch)]
    [DataRow("signed without charset", CallbackValidationReason.SignatureMismatch)]
    public async Task An_invalid_signature_is_401_without_detail_and_never_reaches_the_handler(string problem, CallbackValidationReason logged)
    {
        await using var host = await StartAsync();
        var body = Encoding.UTF8.GetBytes(ResultEventJson);
        var (timestamp, authorization) = problem switch
        {
            "wrong secret" => Sign(body, Now, secret: OtherAppSecret),
            "unknown key" => Sign(body, Now, key: OtherAppKey, secret: OtherAppSecret),
            "other path" => Sign(body, Now, path: "/other"),
            "signed without charset" => Sign(body, Now, contentType: "application/json"),
            _ => Sign(body, Now),
        };
        if (problem == "tampered body")
        {
            body = Encoding.UTF8.GetBytes(ResultEventJson.Replace("SUCCESSFUL", "FAIL", StringComparison.Ordinal));
        }

        using var response = await host.PostAsync(CallbackPath, body, JsonUtf8,
            problem == "missing timestamp" ? null : timestamp,
            problem == "missing authorization" ? null : authorization,
            cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual(0, (await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken)).Length);
        Assert.IsEmpty(host.Handler.Events);
        var line = host.EndpointLog(1);
        Assert.AreEqual(LogLevel.Warning, line.Level);
        StringAssert.Contains(line.Message, logged.ToString());
    }

    [TestMethod]
    [DataRow("{\"event\":", DisplayName = "truncated JSON")]
    [DataRow("[1,2,3]", DisplayName = "not an object")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"}}""", DisplayName = "result without status")]
    [DataRow("""{"id":"1","event":"VerificationRequestEvent","method":"sms","identity":"+46700000000"}""", DisplayName = "identity of the wrong type")]
    [DataRow("", DisplayName = "empty body")]
    public async Task A_signed_but_malformed_body_is_400(string body)
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(body, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsEmpty(host.Handler.Events);
        Assert.DoesNotContain("46700000000", host.LogText);
    }

    [TestMethod]
    [DataRow(null, DisplayName = "no Content-Type")]
    [DataRow("text/plain", DisplayName = "text")]
    [DataRow("application/x-www-form-urlencoded", DisplayName = "form")]
    [DataRow("application/json; charset=iso-8859-1", DisplayName = "JSON in Latin-1")]
    [DataRow("not a media type", DisplayName = "garbage")]
    public async Task A_non_JSON_content_type_is_415(string? contentType)
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(ResultEventJson, contentType: contentType, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.IsEmpty(host.Handler.Events);
    }

    [TestMethod]
    [DataRow("application/json")]
    [DataRow("application/json; charset=utf-8")]
    [DataRow("application/json; charset=UTF-8")]
    [DataRow("application/vnd.sinch+json")]
    public async Task JSON_content_types_are_accepted_and_signed_verbatim(string contentType)
    {
        await using var host = await StartAsync();

        using var response = await host.PostSignedAsync(ResultEventJson, contentType: contentType, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "with Content-Length")]
    [DataRow(true, DisplayName = "chunked, no Content-Length")]
    public async Task A_body_above_the_limit_is_413_and_one_at_the_limit_is_read(bool chunked)
    {
        const int Limit = 1024;
        await using var host = await StartAsync(options => options.MaxBodySize = Limit);
        var atLimit = Pad(ResultEventJson, Limit);
        var aboveLimit = Pad(ResultEventJson, Limit + 1);

        using var ok = await host.PostSignedAsync(atLimit, chunked: chunked, cancellationToken: TestContext.CancellationToken);
        using var tooLarge = await host.PostSignedAsync(aboveLimit, chunked: chunked, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.HasCount(1, host.Handler.Events);
    }

    [TestMethod]
    public async Task The_default_body_limit_is_65536_bytes()
    {
        await using var host = await StartAsync();

        using var ok = await host.PostSignedAsync(Pad(ResultEventJson, 64 * 1024), cancellationToken: TestContext.CancellationToken);
        using var tooLarge = await host.PostSignedAsync(Pad(ResultEventJson, (64 * 1024) + 1), chunked: true, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [TestMethod]
    public async Task Each_tenant_is_accepted_and_identified()
    {
        await using var host = await StartAsync(options => options.AddApplication(OtherAppKey, OtherAppSecret));

        using var first = await host.PostSignedAsync(ResultEventJson, cancellationToken: TestContext.CancellationToken);
        using var second = await host.PostSignedAsync(ResultEventJson, key: OtherAppKey, secret: OtherAppSecret, cancellationToken: TestContext.CancellationToken);
        using var crossed = await host.PostSignedAsync(ResultEventJson, key: OtherAppKey, secret: AppSecret, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, crossed.StatusCode);
        CollectionAssert.AreEqual(new[] { AppKey, OtherAppKey }, host.Handler.Tenants.ToArray());
    }

    [TestMethod]
    [DataRow(0, HttpStatusCode.OK)]
    [DataRow(-60, HttpStatusCode.OK, DisplayName = "exactly at the window")]
    [DataRow(-61, HttpStatusCode.Unauthorized, DisplayName = "too old")]
    [DataRow(60, HttpStatusCode.OK)]
    [DataRow(61, HttpStatusCode.Unauthorized, DisplayName = "too far in the future")]
    public async Task The_freshness_window_is_judged_by_the_registered_clock(int offsetSeconds, HttpStatusCode expected)
    {
        await using var host = await StartAsync(options => options.FreshnessWindow = TimeSpan.FromMinutes(1));

        using var response = await host.PostSignedAsync(ResultEventJson, signedAt: Now.AddSeconds(offsetSeconds), cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(expected, response.StatusCode);
    }

    [TestMethod]
    public async Task The_default_freshness_window_is_five_minutes()
    {
        await using var host = await StartAsync();

        using var fresh = await host.PostSignedAsync(ResultEventJson, signedAt: Now.AddMinutes(-5), cancellationToken: TestContext.CancellationToken);
        using var stale = await host.PostSignedAsync(ResultEventJson, signedAt: Now.AddMinutes(-5).AddSeconds(-1), cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, fresh.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [TestMethod]
    public async Task The_path_base_is_part_of_the_signed_path()
    {
        await using var host = await StartAsync(map: app =>
        {
            app.UsePathBase("/base");
            app.UseRouting();
            app.MapSinchVerificationCallbacks(CallbackPath);
        });

        using var withBase = await host.PostSignedAsync(ResultEventJson, path: "/base" + CallbackPath, cancellationToken: TestContext.CancellationToken);
        using var withoutBase = await host.PostSignedAsync(ResultEventJson, path: "/base" + CallbackPath, signedPath: CallbackPath, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, withBase.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, withoutBase.StatusCode);
    }

    [TestMethod]
    public async Task An_encoded_callback_path_is_validated_as_sent_not_decoded()
    {
        // Sinch (and the emulator) sign the URL's path as it goes over the wire, percent-encoded.
        const string Encoded = "/sinch/verifi%C3%A9%20x";
        await using var host = await StartAsync(map: app => app.MapSinchVerificationCallbacks("/sinch/verifié x"));

        using var asSent = await host.PostSignedAsync(ResultEventJson, path: Encoded, signedPath: Encoded, cancellationToken: TestContext.CancellationToken);
        using var decoded = await host.PostSignedAsync(ResultEventJson, path: Encoded, signedPath: "/sinch/verifié x", cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, asSent.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, decoded.StatusCode);
    }

    [TestMethod]
    public async Task A_configured_public_path_replaces_the_request_path()
    {
        await using var host = await StartAsync(options => options.PublicPath = "/api/public/sinch");

        using var publicPath = await host.PostSignedAsync(ResultEventJson, signedPath: "/api/public/sinch", cancellationToken: TestContext.CancellationToken);
        using var requestPath = await host.PostSignedAsync(ResultEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, publicPath.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, requestPath.StatusCode);
    }

    [TestMethod]
    public async Task Other_verbs_are_not_mapped()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(CallbackPath, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [TestMethod]
    public async Task The_handler_sees_the_request_aborted_token()
    {
        // A guard, not a timing assertion: if the token never fires, fail instead of hanging.
        var guard = TimeSpan.FromSeconds(30);
        await using var host = await StartAsync();
        using var release = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Handler.Reply = async (_, token) =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            entered.TrySetResult();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(token, release.Token);
            await Task.Delay(Timeout.Infinite, either.Token);
            return VerificationCallbackReply.Allow();
        };
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        try
        {
            var call = host.PostSignedAsync(RequestEventJson, cancellationToken: abort.Token);
            await entered.Task.WaitAsync(guard, TestContext.CancellationToken);
            await abort.CancelAsync();

            // TestHost completes the call only once the handler has stopped; a TimeoutException here fails the test.
            await Assert.ThrowsAsync<OperationCanceledException>(() => call.WaitAsync(guard, TestContext.CancellationToken));
            await cancelled.Task.WaitAsync(guard, TestContext.CancellationToken);
        }
        finally
        {
            await release.CancelAsync();
        }
    }

    [TestMethod]
    public async Task Logs_never_hold_secrets_signatures_pins_or_full_numbers()
    {
        await using var host = await StartAsync();
        host.Handler.Reply = (_, _) => Task.FromResult(VerificationCallbackReply.AllowSms("987654"));
        var body = Encoding.UTF8.GetBytes(RequestEventJson);
        var (timestamp, authorization) = Sign(body, Now);

        using var answered = await host.PostAsync(CallbackPath, body, JsonUtf8, timestamp, authorization, cancellationToken: TestContext.CancellationToken);
        using var result = await host.PostSignedAsync(ResultEventJson, cancellationToken: TestContext.CancellationToken);
        using var delivered = await host.PostSignedAsync(SmsDeliveredEventJson, cancellationToken: TestContext.CancellationToken);
        using var forged = await host.PostAsync(CallbackPath, body, JsonUtf8, timestamp, authorization.Replace("=", "A=", StringComparison.Ordinal), cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, answered.StatusCode);
        StringAssert.Contains(await answered.Content.ReadAsStringAsync(TestContext.CancellationToken), "987654");
        Assert.AreEqual(HttpStatusCode.Unauthorized, forged.StatusCode);
        var logs = host.LogText;
        StringAssert.Contains(logs, "+46*******00");
        Assert.DoesNotContain("987654", logs);
        Assert.DoesNotContain("46700000000", logs);
        Assert.DoesNotContain(AppSecret.TrimEnd('='), logs);
        Assert.DoesNotContain(authorization.Substring(authorization.LastIndexOf(':') + 1).TrimEnd('='), logs);
    }

    [TestMethod]
    public async Task Delegates_can_stand_in_for_a_handler()
    {
        VerificationResultEvent? seen = null;
        await using var host = await StartAsync(map: app => app.MapSinchVerificationCallbacks(CallbackPath,
            onRequest: (request, _) => Task.FromResult(VerificationCallbackReply.AllowSms("1234")),
            onResult: (result, _) => { seen = result; return Task.CompletedTask; }));

        using var request = await host.PostSignedAsync(RequestEventJson, cancellationToken: TestContext.CancellationToken);
        using var result = await host.PostSignedAsync(ResultEventJson, cancellationToken: TestContext.CancellationToken);
        using var delivered = await host.PostSignedAsync(SmsDeliveredEventJson, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual("""{"action":"allow","sms":{"code":"1234"}}""", await request.Content.ReadAsStringAsync(TestContext.CancellationToken));
        Assert.AreEqual(VerificationStatus.Successful, seen?.Status);
        Assert.AreEqual(HttpStatusCode.OK, delivered.StatusCode);
        Assert.IsEmpty(host.Handler.Events, "the registered handler is not used by the delegate endpoint");
    }

    [TestMethod]
    public async Task A_handler_from_the_generic_registration_is_resolved_per_request()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(new FakeWallClock(Now));
        builder.Services.AddSinchVerificationCallbacks<DenyingHandler>(options => options.AddApplication(AppKey, AppSecret));
        await using var app = builder.Build();
        app.MapSinchVerificationCallbacks(CallbackPath);
        await app.StartAsync(TestContext.CancellationToken);
        using var client = app.GetTestClient();
        var body = Encoding.UTF8.GetBytes(RequestEventJson);
        var (timestamp, authorization) = Sign(body, Now);
        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackPath) { Content = new ByteArrayContent(body) };
        request.Content!.Headers.TryAddWithoutValidation("Content-Type", JsonUtf8);
        request.Headers.TryAddWithoutValidation("x-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request, TestContext.CancellationToken);

        Assert.AreEqual("""{"action":"deny"}""", await response.Content.ReadAsStringAsync(TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task Misconfiguration_fails_at_startup_not_on_the_first_callback()
    {
        var noServices = WebApplication.CreateSlimBuilder();
        noServices.WebHost.UseTestServer();
        await using (var app = noServices.Build())
        {
            Assert.ThrowsExactly<InvalidOperationException>(() => app.MapSinchVerificationCallbacks(CallbackPath));
        }

        var noHandler = WebApplication.CreateSlimBuilder();
        noHandler.WebHost.UseTestServer();
        noHandler.Services.AddSinchVerificationCallbacks(options => options.AddApplication(AppKey, AppSecret));
        await using (var app = noHandler.Build())
        {
            var e = Assert.ThrowsExactly<InvalidOperationException>(() => app.MapSinchVerificationCallbacks(CallbackPath));
            StringAssert.Contains(e.Message, nameof(ISinchVerificationCallbackHandler));
        }

        const string BadSecret = "not*base64!";
        var badSecret = WebApplication.CreateSlimBuilder();
        badSecret.WebHost.UseTestServer();
        badSecret.Services.AddSinchVerificationCallbacks<DenyingHandler>(options => options.AddApplication(AppKey, BadSecret));
        await using (var app = badSecret.Build())
        {
            var e = Assert.ThrowsExactly<OptionsValidationException>(() => app.MapSinchVerificationCallbacks(CallbackPath));
            StringAssert.Contains(e.Message, AppKey);
            Assert.DoesNotContain(BadSecret, e.Message);
        }

        var noApplication = WebApplication.CreateSlimBuilder();
        noApplication.WebHost.UseTestServer();
        noApplication.Services.AddSinchVerificationCallbacks<DenyingHandler>(_ => { });
        await using (var app = noApplication.Build())
        {
            await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));
        }
    }

    [TestMethod]
    public void Options_show_no_secret()
    {
        var options = new SinchVerificationCallbackOptions { PublicPath = "/p" };
        options.AddApplication(AppKey, AppSecret);

        var text = options.ToString();

        StringAssert.Contains(text, AppKey);
        StringAssert.Contains(text, "MaxBodySize = 65536");
        Assert.DoesNotContain(AppSecret.TrimEnd('='), text);
        Assert.ThrowsExactly<ArgumentException>(() => new SinchVerificationCallbackOptions { MaxBodySize = 0 }.AddApplication(AppKey, AppSecret).Validate());
        Assert.ThrowsExactly<ArgumentException>(() => new SinchVerificationCallbackOptions { PublicPath = "https://x/y" }.AddApplication(AppKey, AppSecret).Validate());
    }

    /// <summary>Pads a callback with a <c>custom</c> member to exactly <paramref name="size"/> UTF-8 bytes.</summary>
    private static string Pad(string json, int size)
    {
        var prefix = json.TrimEnd('}') + ",\"custom\":\"";
        const string Suffix = "\"}";
        return prefix + new string('x', size - Encoding.UTF8.GetByteCount(prefix) - Suffix.Length) + Suffix;
    }

    private sealed class DenyingHandler : SinchVerificationCallbackHandler
    {
        public override Task<VerificationRequestEventResponse> OnRequestAsync(VerificationRequestEvent request, CancellationToken cancellationToken) =>
            Task.FromResult(VerificationCallbackReply.Deny());
    }
}
