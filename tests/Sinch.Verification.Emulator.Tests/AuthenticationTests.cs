using System;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>401s with Sinch's codes: 40100 header, 40101 timestamp, 40102 signature.</summary>
[TestClass]
public sealed class AuthenticationTests
{
    private const string StartBody = """{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms"}""";

    [TestMethod]
    public async Task Signed_with_the_wrong_secret_is_40102()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator, secret: "d3Jvbmctc2VjcmV0");

        var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(
            () => client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token));

        Assert.AreEqual(401, error.StatusCode);
        Assert.AreEqual(40102, error.ErrorCode);
        Assert.AreEqual(0, emulator.Outbox.Count);
    }

    [TestMethod]
    public async Task Basic_with_the_wrong_secret_is_40100()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic, secret: "d3Jvbmctc2VjcmV0");

        var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(
            () => client.GetVerificationByIdAsync("any", cts.Token));

        Assert.AreEqual(401, error.StatusCode);
        Assert.AreEqual(40100, error.ErrorCode);
    }

    [TestMethod]
    public async Task Basic_with_an_unknown_key_is_40100()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendBasicAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token, key: "someone-else");

        response.AssertError(401, 40100);
    }

    [TestMethod]
    public async Task A_missing_timestamp_is_40101()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token,
            tamper: request => request.Headers.Remove("x-timestamp"));

        response.AssertError(401, 40101);
    }

    [TestMethod]
    public async Task An_unreadable_timestamp_is_40101()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token,
            tamper: request =>
            {
                request.Headers.Remove("x-timestamp");
                request.Headers.TryAddWithoutValidation("x-timestamp", "yesterday");
            });

        response.AssertError(401, 40101);
    }

    [TestMethod]
    public async Task A_timestamp_older_than_ten_minutes_is_40101_and_one_within_is_accepted()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeWallClock(DateTimeOffset.UtcNow);
        await using var emulator = await TestApp.StartAsync(cts.Token, clock: clock);
        var stale = TestApp.Client(emulator, clock: new FakeWallClock(clock.GetUtcNow() - TimeSpan.FromMinutes(11)));
        var skewed = TestApp.Client(emulator, clock: new FakeWallClock(clock.GetUtcNow() + TimeSpan.FromMinutes(9)));

        var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(
            () => stale.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token));
        var started = await skewed.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.AreEqual(40101, error.ErrorCode);
        Assert.IsFalse(string.IsNullOrEmpty(started.Id));
    }

    [TestMethod]
    public async Task Garbage_authorization_is_40100_and_a_missing_one_is_40104()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        foreach (var header in new[] { "garbage", "Application nocolon", "Application :sig", "Application key:", "Basic !!!not-base64", "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()), "Bearer token" })
        {
            var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token,
                tamper: request =>
                {
                    request.Headers.Remove("Authorization");
                    if (header is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Authorization", header);
                    }
                });

            response.AssertError(401, 40100);
        }

        var missing = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token,
            tamper: request => request.Headers.Remove("Authorization"));
        missing.AssertError(401, 40104);
    }

    [TestMethod]
    public async Task Another_application_key_is_40100()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, "verification/v1/verifications", StartBody, cts.Token,
            tamper: request =>
            {
                var signature = request.Headers.Authorization!.Parameter!.Split(':')[1];
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", "Application other-key:" + signature);
            });

        response.AssertError(401, 40100);
    }

    [TestMethod]
    public async Task The_signature_covers_body_content_type_and_path()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        const string path = "verification/v1/verifications";

        var otherBody = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, path, StartBody, cts.Token,
            tamper: request => request.Content = new StringContent(StartBody.Replace("sms", "callout", StringComparison.Ordinal), null, "application/json"));
        var otherContentType = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, path, StartBody, cts.Token,
            tamper: request =>
            {
                request.Content!.Headers.Remove("Content-Type");
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            });
        var otherPath = await TestApp.SendSignedAsync(emulator, HttpMethod.Get, "verification/v1/verifications/id/abc", null, cts.Token,
            tamper: request => request.RequestUri = new Uri(emulator.ServerUrl, "verification/v1/verifications/id/abd"));
        var signedCharset = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, path, StartBody, cts.Token, contentType: "application/json; charset=utf-8");

        otherBody.AssertError(401, 40102);
        otherContentType.AssertError(401, 40102);
        otherPath.AssertError(401, 40102);
        Assert.AreEqual(200, signedCharset.StatusCode, signedCharset.Body);
    }

    [TestMethod]
    [DataRow("", 200, DisplayName = "no fraction")]
    [DataRow(".1", 200, DisplayName = "1 digit")]
    [DataRow(".123", 200, DisplayName = "3 digits")]
    [DataRow(".1234567", 200, DisplayName = "7 digits")]
    [DataRow(".12345678", 200, DisplayName = "8 digits")]
    [DataRow(".123456789", 200, DisplayName = "9 digits (Go, Java)")]
    [DataRow(".1234567890", 401, DisplayName = "10 digits")]
    public async Task Signed_timestamps_with_no_fraction_or_one_to_nine_fractional_digits_are_accepted(string fraction, int expected)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + fraction + "Z";
        var uri = new Uri(emulator.ServerUrl, "verification/v1/verifications");
        var body = System.Text.Encoding.UTF8.GetBytes(StartBody.Replace("+46700000000", TestApp.NewNumber(), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("x-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", "Application " + new Generated.Authentication.ApplicationSigner(TestApp.Key, TestApp.Secret)
            .CreateAuthorizationParameter("POST", uri.AbsolutePath, "application/json", body, timestamp));
        using var http = new HttpClient();

        var response = await RawResponse.ReadAsync(await http.SendAsync(request, cts.Token), cts.Token);

        if (expected == 200)
        {
            Assert.AreEqual(200, response.StatusCode, response.Body);
        }
        else
        {
            response.AssertError(401, 40101);
        }
    }

    // Sinch's SDKs sign a path with percent-escapes differently: .NET signs it as sent
    // (`order%201`), Node and Java decoded (`order 1`). The emulator accepts both, and nothing else.
    [TestMethod]
    [DataRow("/verification/v1/verifications/reference/order 1", 200, DisplayName = "signed over the decoded path (Node, Java)")]
    [DataRow("/verification/v1/verifications/reference/order%201", 200, DisplayName = "signed over the path as sent (.NET)")]
    [DataRow("/verification/v1/verifications/reference/order 2", 401, DisplayName = "signed over another decoded path")]
    [DataRow("/verification/v1/verifications/reference/order%202", 401, DisplayName = "signed over another encoded path")]
    [DataRow("/verification/v1/verifications/reference/order+1", 401, DisplayName = "signed with the space as a form '+'")]
    [DataRow("/verification/v1/verifications/reference/order%25201", 401, DisplayName = "signed over the path encoded twice")]
    public async Task A_read_by_reference_with_a_space_is_accepted_signed_over_the_decoded_or_the_sent_path_only(string signedPath, int expected)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var started = await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber(), "order 1"), cancellationToken: cts.Token);
        var signer = new Generated.Authentication.ApplicationSigner(TestApp.Key, TestApp.Secret);

        var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Get, "verification/v1/verifications/reference/order%201", null, cts.Token,
            tamper: request =>
            {
                Assert.AreEqual("/verification/v1/verifications/reference/order%201", request.RequestUri!.AbsolutePath, "the path on the wire");
                var timestamp = string.Join(",", request.Headers.GetValues("x-timestamp"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Application", signer.CreateAuthorizationParameter("GET", signedPath, null, [], timestamp));
            });

        if (expected == 200)
        {
            Assert.AreEqual(200, response.StatusCode, response.Body);
            Assert.AreEqual(started.Id, (string?)response.Json["id"]);
            Assert.AreEqual("order 1", (string?)response.Json["reference"]);
        }
        else
        {
            response.AssertError(401, 40102);
        }
    }

}
