using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;

namespace Sinch.Verification.Generated.Tests.Support;

/// <summary>What one request looked like on the wire.</summary>
internal sealed record SentRequest(
    string Method,
    string PathAndQuery,
    string AbsolutePath,
    string? Authorization,
    string? Timestamp,
    string? ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A VerificationClient over MockHttp that records every request as sent and answers with a
/// queued or default response.
/// </summary>
internal sealed class RecordingApi
{
    public const string Key = "669E367E-6BBA-48AB-AF15-266871C28135";
    public const string Secret = "BeIukql3pTKJ8RGL5zo0DA==";
    public const string BaseUrl = "https://verification.api.sinch.com/verification/v1";

    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _responses = new();

    public RecordingApi(VerificationAuthentication authentication = VerificationAuthentication.Signed, DateTimeOffset? now = null)
    {
        Clock = new FixedTimeProvider(now ?? new DateTimeOffset(2024, 5, 22, 9, 38, 59, TimeSpan.Zero));
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Respond(async request =>
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
            Requests.Enqueue(new SentRequest(
                request.Method.Method,
                request.RequestUri!.PathAndQuery,
                request.RequestUri.AbsolutePath,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-timestamp", out var ts) ? ts.Single() : null,
                request.Content?.Headers.ContentType?.ToString(),
                body,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            return _responses.TryDequeue(out var next) ? next() : Json(HttpStatusCode.OK, "{\"id\":\"default-id\",\"status\":\"PENDING\"}");
        });
        Options = new VerificationClientOptions
        {
            ApplicationKey = Key,
            ApplicationSecret = Secret,
            BaseUrl = new Uri(BaseUrl),
            Authentication = authentication,
        };
        Client = VerificationClient.Create(Options, Mock, Clock);
    }

    public MockHttpMessageHandler Mock { get; }

    public FixedTimeProvider Clock { get; }

    public VerificationClientOptions Options { get; }

    public VerificationClient Client { get; }

    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    public SentRequest Single => Requests.Single();

    public RecordingApi Answer(HttpStatusCode status, string body, string contentType = "application/json")
    {
        _responses.Enqueue(() => Json(status, body, contentType));
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string contentType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
