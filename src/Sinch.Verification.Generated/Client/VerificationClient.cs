using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated;

// Hand-written half of the generated VerificationClient (obj/VerificationClient.g.cs): the hooks
// NSwag leaves open, and a factory that builds the HTTP pipeline when no IHttpClientFactory is used.
public partial class VerificationClient
{
    private const string NumberSegment = "/number/";

    /// <summary>
    /// Creates a client with its own HTTP pipeline: authentication (signed by default) over
    /// <paramref name="transport"/>. Create it once and reuse it: it is thread-safe.
    /// </summary>
    /// <param name="options">Key, secret, base URL and authentication mode.</param>
    /// <param name="transport">The innermost handler; a pooled <see cref="SocketsHttpHandler"/> when null (tests pass a fake here).</param>
    /// <param name="timeProvider">Clock for <c>x-timestamp</c>; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static VerificationClient Create(VerificationClientOptions options, HttpMessageHandler? transport = null, TimeProvider? timeProvider = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var authentication = new VerificationAuthenticationHandler(options, timeProvider)
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        return new VerificationClient(new HttpClient(authentication) { BaseAddress = options.GetBaseAddress() });
    }

    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) => VerificationJson.Apply(settings);

    // Runs before the URL becomes a Uri. The generator escapes '+' as %2B; Sinch's clients send
    // phone numbers with a literal '+', and the signed path must be the path that is sent. The
    // number is also checked here, so a malformed one never leaves the process.
    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken)
    {
        var url = urlBuilder.ToString();
        var start = url.LastIndexOf(NumberSegment, StringComparison.Ordinal);
        if (start >= 0)
        {
            start += NumberSegment.Length;
            var number = Uri.UnescapeDataString(url.Substring(start));
            PhoneNumbers.EnsureE164(number, "endpoint");
            urlBuilder.Length = start;
            urlBuilder.Append(number);
        }

        return Task.CompletedTask;
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

        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (response.Content is not null)
        {
            foreach (var header in response.Content.Headers)
            {
                headers[header.Key] = header.Value;
            }
        }

        throw new VerificationApiException("The request failed.", (int)response.StatusCode, body, headers, null);
    }
}
