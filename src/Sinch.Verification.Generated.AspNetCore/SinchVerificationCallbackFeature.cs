using System;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>
/// What the endpoint established about the callback being handled, set on
/// <c>HttpContext.Features</c> before your handler runs. Multi-tenant backends read
/// <see cref="ApplicationKey"/> to know which application (tenant) the event belongs to, for
/// example through <c>IHttpContextAccessor</c>.
/// </summary>
public sealed class SinchVerificationCallbackFeature
{
    /// <summary>Creates the feature.</summary>
    /// <param name="applicationKey">The configured application whose secret verified the signature.</param>
    /// <param name="timestamp">The verified <c>x-timestamp</c>, as UTC.</param>
    /// <exception cref="ArgumentNullException"><paramref name="applicationKey"/> is null.</exception>
    public SinchVerificationCallbackFeature(string applicationKey, DateTimeOffset timestamp)
    {
        ApplicationKey = applicationKey ?? throw new ArgumentNullException(nameof(applicationKey));
        Timestamp = timestamp;
    }

    /// <summary>The configured application whose secret verified the signature (as spelled in the options).</summary>
    public string ApplicationKey { get; }

    /// <summary>When Sinch signed the callback (its <c>x-timestamp</c>), as UTC.</summary>
    public DateTimeOffset Timestamp { get; }
}
