using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using Sinch.Verification.TestSupport;

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
    IReadOnlyDictionary<string, string> Headers,
    string? UserAgent)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A VerificationClient over MockHttp that records every request as sent and answers with a
/// queued or default response.
/// </summary>
internal sealed class RecordingApi
{
    public const string Key = SampleApplications.AppKey;
    public const string Secret = SampleApplications.AppSecret;
    public const string BaseUrl = "https://verification.api.sinch.com/verification/v1";

    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _responses = new();

    /// <param name="authentication">Signed or Basic.</param>
    /// <param name="now">Start of the fixed clock (a <see cref="FakeWallClock"/>: its timers are real, so short retry backoffs elapse on their own).</param>
    /// <param name="configure">Changes to the options; retries are off unless a test turns them on.</param>
    /// <param name="time">Another clock (e.g. a <see cref="TimerTrackingFakeTimeProvider"/>, whose timers wait for the test) instead of the fixed one.</param>
    /// <param name="logs">Logger factory handed to the client.</param>
    public RecordingApi(
        VerificationAuthentication authentication = VerificationAuthentication.Signed,
        DateTimeOffset? now = null,
        Action<VerificationClientOptions>? configure = null,
        TimeProvider? time = null,
        Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        Clock = new FakeWallClock(now ?? SampleApplications.Now);
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Respond(async request =>
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
            // As sent, read before Headers below parses it (which re-joins its product tokens and comments with commas).
            var userAgent = request.Headers.NonValidated.TryGetValues("User-Agent", out var agent) ? agent.ToString() : null;
            Requests.Enqueue(new SentRequest(
                request.Method.Method,
                request.RequestUri!.PathAndQuery,
                request.RequestUri.AbsolutePath,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-timestamp", out var ts) ? ts.Single() : null,
                request.Content?.Headers.ContentType?.ToString(),
                body,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
                userAgent));
            if (!_responses.TryDequeue(out var next))
            {
                return Json(HttpStatusCode.OK, "{\"id\":\"default-id\",\"status\":\"PENDING\"}");
            }

            try
            {
                return next();
            }
            catch (Exception e)
            {
                // MockHttp (6.0 and still 7.1) never completes a request whose async responder
                // faults; carry the exception out in a response and rethrow it in FaultThrower below.
                return new FaultResponse(e);
            }
        });
        Options = new VerificationClientOptions
        {
            ApplicationKey = Key,
            ApplicationSecret = Secret,
            BaseUrl = new Uri(BaseUrl),
            Authentication = authentication,
        };
        Options.Resilience.MaxRetryAttempts = 0;
        configure?.Invoke(Options);
        Client = VerificationClient.Create(Options, new FaultThrower { InnerHandler = Mock }, time ?? Clock, logs);
    }

    public MockHttpMessageHandler Mock { get; }

    public FakeWallClock Clock { get; }

    public VerificationClientOptions Options { get; }

    public VerificationClient Client { get; }

    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    public SentRequest Single => Requests.Single();

    public RecordingApi Answer(HttpStatusCode status, string body, string contentType = "application/json")
    {
        _responses.Enqueue(() => Json(status, body, contentType));
        return this;
    }

    /// <summary>Queues any response (or a function that throws, to simulate a network failure).</summary>
    public RecordingApi Answer(Func<HttpResponseMessage> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    private sealed class FaultResponse(Exception exception) : HttpResponseMessage
    {
        public Exception Exception { get; } = exception;
    }

    private sealed class FaultThrower : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response is FaultResponse fault)
            {
                response.Dispose();
                throw fault.Exception;
            }

            return response;
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string contentType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
