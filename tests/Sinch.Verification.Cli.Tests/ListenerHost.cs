using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sinch.Verification.Cli.Commands;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Cli.Tests;

/// <summary>
/// <c>callbacks listen</c>'s web app in this process (CallbacksCommand.Build) on a free loopback
/// port: its stdout, its own stderr lines and every log line it writes are captured, as they would
/// reach the terminal.
/// </summary>
internal sealed partial class ListenerHost : IAsyncDisposable
{
    public const string Key = "cli-listener-key";
    public const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    public const string CallbackPath = "/sinch/verification";
    public const string ContentType = "application/json; charset=utf-8";

    private readonly WebApplication _app;
    private readonly StringWriter _out;
    private readonly StringWriter _error;
    private readonly FakeLogCollector _logs;
    private readonly ApplicationSigner _signer = new(Key, Secret);

    private ListenerHost(WebApplication app, StringWriter @out, StringWriter error, FakeLogCollector logs, Uri baseUrl)
    {
        _app = app;
        _out = @out;
        _error = error;
        _logs = logs;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public HttpClient Http { get; }

    private int _taken;

    /// <summary>The event lines written to stdout since the last call (whole lines only).</summary>
    public IReadOnlyList<string> TakeNewOutLines()
    {
        string text;
        lock (_out)
        {
            var all = _out.GetStringBuilder();
            var end = all.ToString(_taken, all.Length - _taken).LastIndexOf('\n');
            if (end < 0)
            {
                return [];
            }

            text = all.ToString(_taken, end);
            _taken += end + 1;
        }

        return text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>The event lines on stdout so far.</summary>
    public IReadOnlyList<string> OutLines => Lines(_out);

    /// <summary>What reached stderr so far: the listener's own lines and every log line.</summary>
    // Log records as the console would show their text: level, category, event id, message, exception.
    public IReadOnlyList<string> ErrorLines => Lines(_error).Concat(_logs.GetSnapshot().Select(r =>
        $"{r.Level}: {r.Category}[{r.Id.Id}] {r.Message}{(r.Exception is null ? string.Empty : " " + r.Exception.GetType().Name)}")).ToList();

    public static async Task<ListenerHost> StartAsync()
    {
        var @out = new StringWriter();
        var error = new StringWriter();
        var logs = new FakeLogCollector();
        var listener = new CallbacksCommand.Listener("http://127.0.0.1:0", CallbackPath, Key, Secret, TimeSpan.FromMinutes(5), VerificationCallbackReply.Allow());
        var app = CallbacksCommand.Build(listener, @out, error, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        });
        await app.StartAsync();
        return new ListenerHost(app, @out, error, logs, new Uri(app.Urls.First()));
    }

    /// <summary>Posts <paramref name="body"/> signed as Sinch signs a callback (now, the listener's key).</summary>
    /// <param name="body">The bytes sent.</param>
    /// <param name="path">The path posted to and signed.</param>
    /// <param name="signedBody">The bytes signed, when not the ones sent (a bad signature).</param>
    /// <param name="contentType">The Content-Type sent and signed.</param>
    public async Task<HttpResponseMessage> PostSignedAsync(byte[] body, string path = CallbackPath, byte[]? signedBody = null, string contentType = ContentType)
    {
        var timestamp = ApplicationSigner.FormatTimestamp(DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation(ApplicationSigner.TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", ApplicationSigner.CallbackScheme + " " + _signer.CreateAuthorizationParameter("POST", path, contentType, signedBody ?? body, timestamp));
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }

    // Whole lines only: a line still being written is left for the next look.
    private static List<string> Lines(StringWriter writer)
    {
        string text;
        lock (writer)
        {
            text = writer.ToString();
        }

        var end = text.LastIndexOf('\n');
        return end < 0 ? new List<string>() : text.Substring(0, end).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }
}
