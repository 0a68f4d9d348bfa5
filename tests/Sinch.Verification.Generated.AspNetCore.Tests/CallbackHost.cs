using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.TestSupport;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.AspNetCore.Tests;

/// <summary>Records every event it gets and answers request events with <see cref="Reply"/>.</summary>
internal sealed class RecordingHandler(IHttpContextAccessor accessor) : ISinchVerificationCallbackHandler
{
    public ConcurrentQueue<object> Events { get; } = new();

    public ConcurrentQueue<string> Tenants { get; } = new();

    public Func<VerificationRequestEvent, CancellationToken, Task<VerificationRequestEventResponse>> Reply { get; set; } =
        (_, _) => Task.FromResult(VerificationCallbackReply.Allow());

    public Task<VerificationRequestEventResponse> OnRequestAsync(VerificationRequestEvent request, CancellationToken cancellationToken)
    {
        Record(request);
        return Reply(request, cancellationToken);
    }

    public Task OnResultAsync(VerificationResultEvent result, CancellationToken cancellationToken)
    {
        Record(result);
        return Task.CompletedTask;
    }

    public Task OnSmsDeliveredAsync(VerificationSmsDeliveredEvent delivery, CancellationToken cancellationToken)
    {
        Record(delivery);
        return Task.CompletedTask;
    }

    private void Record(object e)
    {
        Events.Enqueue(e);
        Tenants.Enqueue(accessor.HttpContext?.Features.Get<SinchVerificationCallbackFeature>()?.ApplicationKey ?? "(none)");
    }
}

/// <summary>Content without a known length, so it goes chunked and Content-Length cannot be trusted.</summary>
internal sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes, 0, bytes.Length);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

/// <summary>An app with the callback endpoint on a TestServer, a fake wall clock, a recording handler and captured logs.</summary>
internal sealed class CallbackHost : IAsyncDisposable
{
    /// <summary>The log category of the endpoint's own lines.</summary>
    public const string EndpointCategory = "Sinch.Verification.Generated.AspNetCore.VerificationCallbacks";


    private readonly WebApplication _app;

    private CallbackHost(WebApplication app, FakeWallClock clock, FakeLogCollector logs, Uri? serverUrl)
    {
        _app = app;
        Clock = clock;
        Logs = logs;
        ServerUrl = serverUrl;
        Client = serverUrl is null ? app.GetTestClient() : new HttpClient { BaseAddress = serverUrl };
    }

    /// <summary>Where Kestrel listens, for a host started with <c>kestrel: true</c>; null on the test server.</summary>
    public Uri? ServerUrl { get; }

    public FakeWallClock Clock { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Every record's message and exception, one record a line.</summary>
    public string LogText => string.Join("\n", Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"));

    public HttpClient Client { get; }

    public RecordingHandler Handler => _app.Services.GetRequiredService<RecordingHandler>();

    /// <summary>The one record of the endpoint's own category with event id <paramref name="eventId"/>; throws unless there is exactly one.</summary>
    public FakeLogRecord EndpointLog(int eventId) => Logs.GetSnapshot().Single(r => r.Category == EndpointCategory && r.Id.Id == eventId);

    public static async Task<CallbackHost> StartAsync(
        Action<SinchVerificationCallbackOptions>? configure = null,
        Action<WebApplication>? map = null,
        DateTimeOffset? now = null,
        bool kestrel = false)
    {
        var clock = new FakeWallClock(now ?? Now);
        var builder = WebApplication.CreateSlimBuilder();
        if (kestrel)
        {
            // Real HTTP/1.1 framing, for what the test server never sees (a broken chunk size).
            // A body slower than 240 B/s is dropped after 2 s of grace, not Kestrel's 5 s: the same rule, sooner.
            builder.WebHost.UseUrls("http://127.0.0.1:0").ConfigureKestrel(k =>
                k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(2)));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<RecordingHandler>();
        builder.Services.AddSinchVerificationCallbacks(options =>
        {
            options.AddApplication(AppKey, AppSecret);
            configure?.Invoke(options);
        });
        builder.Services.AddScoped<ISinchVerificationCallbackHandler>(provider => provider.GetRequiredService<RecordingHandler>());

        var app = builder.Build();
        if (map is null)
        {
            app.MapSinchVerificationCallbacks(CallbackPath);
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        return new CallbackHost(app, clock, app.Services.GetFakeLogCollector(), kestrel ? new Uri(app.Urls.First()) : null);
    }

    public static (string Timestamp, string Authorization) Sign(
        byte[] body, DateTimeOffset time, string path = CallbackPath, string contentType = JsonUtf8, string key = AppKey, string secret = AppSecret)
    {
        var timestamp = ApplicationSigner.FormatTimestamp(time);
        var signer = new ApplicationSigner(key, secret);
        return (timestamp, "Application " + signer.CreateAuthorizationParameter("POST", path, contentType, body, timestamp));
    }

    /// <summary>Posts a body signed as Sinch would, with overrides for what a test wants wrong.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(
        string body,
        string path = CallbackPath,
        string? signedPath = null,
        string? contentType = JsonUtf8,
        DateTimeOffset? signedAt = null,
        string key = AppKey,
        string secret = AppSecret,
        bool chunked = false,
        CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var (timestamp, authorization) = Sign(bytes, signedAt ?? Clock.GetUtcNow(), signedPath ?? path, contentType ?? string.Empty, key, secret);
        return PostAsync(path, bytes, contentType, timestamp, authorization, chunked, cancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(
        string path, byte[] body, string? contentType, string? timestamp, string? authorization, bool chunked = false, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation(ApplicationSigner.TimestampHeader, timestamp);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return Client.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
