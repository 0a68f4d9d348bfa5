using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated.Authentication;

/// <summary>
/// Adds Sinch authentication to every request that passes through it. In signed mode each pass
/// gets a fresh <c>x-timestamp</c> and a signature over the exact bytes, Content-Type and path
/// that go on the wire, so it must sit inside any retry handler: every attempt is signed anew.
/// </summary>
public sealed class VerificationAuthenticationHandler : DelegatingHandler
{
    private readonly ApplicationSigner? _signer;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler from validated options.</summary>
    /// <param name="options">Key, secret and mode; validated here.</param>
    /// <param name="timeProvider">Clock for <c>x-timestamp</c>; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VerificationAuthenticationHandler(VerificationClientOptions options, TimeProvider? timeProvider = null)
        : this(options, timeProvider, signer: null)
    {
    }

    /// <summary>Dependency injection passes a signer that outlives the handler (see VerificationSigners).</summary>
    internal VerificationAuthenticationHandler(VerificationClientOptions options, TimeProvider? timeProvider, ApplicationSigner? signer)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        if (options.Authentication == VerificationAuthentication.Basic)
        {
            _basic = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApplicationKey + ":" + options.ApplicationSecret)));
        }
        else
        {
            _signer = signer ?? new ApplicationSigner(options.ApplicationKey!, options.ApplicationSecret!);
        }
    }

    /// <summary>Adds the <c>Authorization</c> header (and, when signing, <c>x-timestamp</c>), then sends the request.</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_signer is null)
        {
            request.Headers.Authorization = _basic;
            return base.SendAsync(request, cancellationToken);
        }

        // The generated client's JSON bodies carry their bytes, and reads have none: both are
        // signed without awaiting anything (so a signing error is thrown here, not returned in
        // a task; HttpClient and the handlers above await either way). Other content is read
        // back first.
        switch (request.Content)
        {
            case null:
                Sign(request, Array.Empty<byte>());
                return base.SendAsync(request, cancellationToken);
            case VerificationJsonContent json:
                Sign(request, json.Body);
                return base.SendAsync(request, cancellationToken);
            default:
                return ReadSignAndSendAsync(request, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> ReadSignAndSendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Sign(request, body);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI; set HttpClient.BaseAddress.");
        var timestamp = ApplicationSigner.FormatTimestamp(_time.GetUtcNow());
        var parameter = _signer!.CreateAuthorizationParameter(
            request.Method.Method, uri.AbsolutePath, request.Content?.Headers.ContentType?.ToString(), body, timestamp);

        request.Headers.Remove(ApplicationSigner.TimestampHeader);
        request.Headers.TryAddWithoutValidation(ApplicationSigner.TimestampHeader, timestamp);
        request.Headers.Authorization = new AuthenticationHeaderValue(ApplicationSigner.Scheme, parameter);
    }
}
