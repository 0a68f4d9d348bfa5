using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator.Tests.Support;

/// <summary>Credentials, clients and raw requests shared by the tests.</summary>
internal static class TestApp
{
    public const string Key = "5f1e8a4c-6a4e-4b8e-9d7e-2f0c5a1b9e3d";

    // Base64 without padding on purpose: the signer accepts it, like Sinch's dashboard secrets.
    public const string Secret = "c2VjcmV0LWZvci10aGUtZW11bGF0b3ItdGVzdHM";

    /// <summary>Safety net only: no assertion depends on it.</summary>
    public static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(60));

    public static EmulatorOptions Options(Uri? callbackUrl = null, TimeProvider? clock = null) => new()
    {
        ApplicationKey = Key,
        ApplicationSecret = Secret,
        CallbackUrl = callbackUrl,
        TimeProvider = clock,
    };

    public static Task<VerificationEmulator> StartAsync(CancellationToken cancellationToken, Uri? callbackUrl = null, TimeProvider? clock = null) =>
        VerificationEmulator.StartAsync(Options(callbackUrl, clock), cancellationToken);

    public static VerificationClient Client(VerificationEmulator emulator, VerificationAuthentication authentication = VerificationAuthentication.Signed, string secret = Secret, TimeProvider? clock = null) =>
        VerificationClient.Create(new VerificationClientOptions
        {
            ApplicationKey = Key,
            ApplicationSecret = secret,
            BaseUrl = emulator.BaseUrl,
            Authentication = authentication,
        }, timeProvider: clock);

    /// <summary>
    /// A unique test number per call, so tests never share an identity. Never one ending in
    /// <c>403</c>: the emulator refuses seamless starts for those (403/40300), and a test of any
    /// method may start a seamless verification with it.
    /// </summary>
    public static string NewNumber()
    {
        while (true)
        {
            var number = "+4670" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!number.EndsWith("403", StringComparison.Ordinal))
            {
                return number;
            }
        }
    }

    /// <summary>Sends any bytes with a signature over exactly those bytes, for inputs the SDK refuses to send.</summary>
    public static async Task<RawResponse> SendSignedAsync(VerificationEmulator emulator, HttpMethod method, string path, string? body, CancellationToken cancellationToken,
        string contentType = "application/json", Action<HttpRequestMessage>? tamper = null, DateTimeOffset? signedAt = null)
    {
        var bytes = body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body);
        return await SendSignedBytesAsync(emulator, method, path, bytes, cancellationToken, body is null ? null : contentType, tamper, signedAt).ConfigureAwait(false);
    }

    /// <param name="http">A client to reuse (the fuzz test sends thousands of requests); a new one per call when null.</param>
    public static async Task<RawResponse> SendSignedBytesAsync(VerificationEmulator emulator, HttpMethod method, string path, byte[] body, CancellationToken cancellationToken,
        string? contentType, Action<HttpRequestMessage>? tamper = null, DateTimeOffset? signedAt = null, HttpClient? http = null)
    {
        using var owned = http is null ? new HttpClient() : null;
        http ??= owned!;
        var uri = new Uri(emulator.ServerUrl, path);
        using var request = new HttpRequestMessage(method, uri);
        if (contentType is not null || body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        var timestamp = ApplicationSigner.FormatTimestamp(signedAt ?? DateTimeOffset.UtcNow);
        var signer = new ApplicationSigner(Key, Secret);
        request.Headers.TryAddWithoutValidation("x-timestamp", timestamp);
        request.Headers.Authorization = new AuthenticationHeaderValue("Application", signer.CreateAuthorizationParameter(method.Method, uri.AbsolutePath, contentType, body, timestamp));
        tamper?.Invoke(request);
        return await RawResponse.ReadAsync(await http.SendAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RawResponse> SendBasicAsync(VerificationEmulator emulator, HttpMethod method, string path, string? body, CancellationToken cancellationToken, string key = Key, string secret = Secret)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(emulator.ServerUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
        return await RawResponse.ReadAsync(await http.SendAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A response read completely: status, content type and body.</summary>
internal sealed record RawResponse(int StatusCode, string? ContentType, string Body)
{
    public static async Task<RawResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public JToken Json => JToken.Parse(Body);

    public int? ErrorCode => Json is JObject o && o["errorCode"]?.Type == JTokenType.Integer ? (int)o["errorCode"]! : null;

    /// <summary>Asserts Sinch's error shape: the status, an integer errorCode whose first three digits are the status, a message and a reference.</summary>
    public void AssertError(int statusCode, int errorCode)
    {
        Assert.AreEqual(statusCode, StatusCode, Body);
        Assert.AreEqual("application/json; charset=utf-8", ContentType, Body);
        var error = (JObject)Json;
        Assert.AreEqual(errorCode, (int)error["errorCode"]!, Body);
        Assert.IsFalse(string.IsNullOrEmpty((string?)error["message"]), Body);
        Assert.IsTrue(Guid.TryParse((string?)error["reference"], out _), Body);
    }
}
