using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated;

// Hand-written half of the generated VerificationClient (obj/VerificationClient.g.cs): the hooks
// NSwag leaves open, and a factory that builds the HTTP pipeline when no IHttpClientFactory is used.

/// <summary>
/// The client of the Sinch Verification API: one method per operation of the spec (see
/// <see cref="IVerificationClient"/>). Build it with <see cref="Create"/>, or inject
/// <see cref="IVerificationClient"/> after <c>AddSinchVerificationClient</c>. Thread-safe; create it once.
/// </summary>
public partial class VerificationClient : IDisposable
{
    // Set only by Create: a client built around an injected HttpClient (IHttpClientFactory)
    // does not own it and leaves it alone on Dispose.
    private HttpClient? _ownedHttpClient;

    /// <summary>Releases the HTTP pipeline if <see cref="Create"/> built it; otherwise does nothing.</summary>
    public void Dispose()
    {
        _ownedHttpClient?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Creates a client with the default pipeline (the same one dependency injection builds):
    /// diagnostics → resilience (timeouts, retries for reads, breaker) → authentication (signed
    /// per attempt) → <paramref name="transport"/>, and a User-Agent naming this SDK's version.
    /// Create it once and reuse it: it is thread-safe.
    /// </summary>
    /// <param name="options">Key, secret, base URL, authentication mode and resilience settings.</param>
    /// <param name="transport">The innermost handler; when null, a pooled <c>SocketsHttpHandler</c> (an <c>HttpClientHandler</c> on netstandard2.0). Tests pass a fake here.</param>
    /// <param name="timeProvider">Clock for <c>x-timestamp</c>, delays and timeouts; the system clock when null.</param>
    /// <param name="loggerFactory">Where operation outcomes and retries are logged; nowhere when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static VerificationClient Create(VerificationClientOptions options, HttpMessageHandler? transport = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
#if NET
        HttpMessageHandler handler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        HttpMessageHandler handler = transport ?? new HttpClientHandler();
#endif
        var handlers = new List<DelegatingHandler>(VerificationHttpPipeline.CreateHandlers(options, timeProvider, loggerFactory?.CreateLogger(LoggerCategory)));
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = handler;
            handler = handlers[i];
        }

        var http = new HttpClient(handler);
        VerificationHttpPipeline.Configure(http, options);
        return new VerificationClient(http) { _ownedHttpClient = http };
    }

    /// <summary>The logger category of the client pipeline.</summary>
    public const string LoggerCategory = "Sinch.Verification.Generated";

    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) => VerificationJson.ApplyForSdkTypes(settings);

    // Every non-2xx answer becomes a VerificationApiException with the raw body, before the
    // generated code tries to read it as a DTO (which loses the body and fails on HTML pages).
    private async Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var reading = response.Content is null ? Task.FromResult(string.Empty) : response.Content.ReadAsStringAsync(cancellationToken);
        // Within the total timeout, as a success body is (see JsonResponseReader).
        var body = await JsonResponseReader.WithinAsync(reading, client.Timeout, cancellationToken).ConfigureAwait(false);
        throw new VerificationApiException("The request failed.", (int)response.StatusCode, body, new LazyResponseHeaders(response), null);
    }
}
