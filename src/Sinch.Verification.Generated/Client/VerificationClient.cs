using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Resilience;
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
    private const string NumberSegment = "/number/";

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
    /// per attempt) → <paramref name="transport"/>. Create it once and reuse it: it is thread-safe.
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
        var logger = loggerFactory?.CreateLogger(LoggerCategory);
        HttpMessageHandler handler = new VerificationAuthenticationHandler(options, timeProvider)
        {
#if NET
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
#else
            InnerHandler = transport ?? new HttpClientHandler(),
#endif
        };
        if (options.Resilience.Enabled)
        {
            var resilience = VerificationResiliencePipeline.CreateHandler(VerificationResiliencePipeline.Create(options.Resilience, timeProvider, logger));
            resilience.InnerHandler = handler;
            handler = resilience;
        }

        handler = new VerificationDiagnosticsHandler(logger) { InnerHandler = handler };
        var http = new HttpClient(handler) { BaseAddress = options.GetBaseAddress() };
        options.Resilience.ApplyTo(http);
        return new VerificationClient(http) { _ownedHttpClient = http };
    }

    /// <summary>The logger category of the client pipeline.</summary>
    public const string LoggerCategory = "Sinch.Verification.Generated";

    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) => VerificationJson.Apply(settings);

    // Runs before the URL becomes a Uri. The generator escapes '+' as %2B; Sinch's clients send
    // phone numbers with a literal '+', and the signed path must be the path that is sent. The
    // number is also checked here, so a malformed one never leaves the process.
    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken)
    {
        var start = LastIndexOf(urlBuilder, NumberSegment);
        if (start >= 0)
        {
            start += NumberSegment.Length;
            var number = Uri.UnescapeDataString(urlBuilder.ToString(start, urlBuilder.Length - start));
            PhoneNumbers.EnsureE164(number, "endpoint");
            urlBuilder.Length = start;
            urlBuilder.Append(number);
        }

        return Task.CompletedTask;
    }

    // Searches the builder in place: most URLs have no number, and ToString would copy each one.
    private static int LastIndexOf(StringBuilder builder, string value)
    {
        for (var i = builder.Length - value.Length; i >= 0; i--)
        {
            var j = 0;
            while (j < value.Length && builder[i + j] == value[j])
            {
                j++;
            }

            if (j == value.Length)
            {
                return i;
            }
        }

        return -1;
    }

    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken) => Task.CompletedTask;

    // Every non-2xx answer becomes a VerificationApiException with the raw body, before the
    // generated code tries to read it as a DTO (which loses the body and fails on HTML pages).
    private async Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

#if NET
        var reading = response.Content is null ? Task.FromResult(string.Empty) : response.Content.ReadAsStringAsync(cancellationToken);
#else
        var reading = response.Content is null ? Task.FromResult(string.Empty) : response.Content.ReadAsStringAsync();
#endif
        // Within the total timeout, as a success body is (see JsonResponseReader).
        var body = await JsonResponseReader.WithinAsync(reading, client.Timeout, cancellationToken).ConfigureAwait(false);
        throw new VerificationApiException("The request failed.", (int)response.StatusCode, body, new LazyResponseHeaders(response), null);
    }
}
