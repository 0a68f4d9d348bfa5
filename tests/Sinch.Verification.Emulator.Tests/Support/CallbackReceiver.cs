using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator.Tests.Support;

/// <summary>
/// A tiny backend on a free loopback port that receives the emulator's callbacks, checks each
/// signature with <see cref="ApplicationSigner"/> (the same computation a real backend does),
/// records them, and answers request events as the test says.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    public const string CallbackPath = "/sinch/verification-events";

    private readonly WebApplication _app;
    private readonly ApplicationSigner _signer = new(TestApp.Key, TestApp.Secret);

    private CallbackReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Everything received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    /// <summary>How to answer a VerificationRequestEvent; allow without choices by default.</summary>
    public Func<JObject, CancellationToken, Task<CallbackReply>> OnRequestEvent { get; set; } = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow"}"""));

    public static async Task<CallbackReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost(CallbackPath, (RequestDelegate)receiver.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + CallbackPath);
        return receiver;
    }

    public ReceivedEvent[] Events(string eventType) => Received.Where(e => e.EventType == eventType).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var contentType = context.Request.Headers.ContentType.ToString();
        var timestamp = context.Request.Headers["x-timestamp"].ToString();
        var signatureValid = _signer.IsValidAuthorization("POST", context.Request.Path.Value!, contentType, body, timestamp, context.Request.Headers.Authorization.ToString());
        var json = JObject.Parse(System.Text.Encoding.UTF8.GetString(body));
        var received = new ReceivedEvent((string)json["event"]!, json, signatureValid, contentType,
            new RawCallback(context.Request.Path.Value!, contentType, timestamp, context.Request.Headers.Authorization.ToString(), body));
        Received.Enqueue(received);

        if (received.EventType != "VerificationRequestEvent")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        CallbackReply reply;
        try
        {
            reply = await OnRequestEvent(json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // The emulator gave up waiting (the slow-callback test).
        }

        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>One callback as received; <paramref name="Raw"/> is what any other validator needs.</summary>
internal sealed record ReceivedEvent(string EventType, JObject Body, bool SignatureValid, string ContentType, RawCallback Raw);

/// <summary>A callback's path, headers and body bytes exactly as they arrived.</summary>
internal sealed record RawCallback(string Path, string ContentType, string Timestamp, string Authorization, byte[] Body);

/// <summary>What the receiver answers to a request event.</summary>
internal sealed record CallbackReply(int StatusCode, string Body)
{
    public static CallbackReply Json(string body) => new(200, body);
}
