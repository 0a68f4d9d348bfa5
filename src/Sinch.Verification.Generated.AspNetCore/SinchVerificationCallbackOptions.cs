using System;
using System.Collections.Generic;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>
/// Settings of the callback endpoint: the applications and freshness window of
/// <see cref="CallbackValidatorOptions"/>, plus the body limit and the signed path.
/// </summary>
public sealed class SinchVerificationCallbackOptions : CallbackValidatorOptions
{
    /// <summary>64 KiB: callbacks are a few hundred bytes.</summary>
    public const int DefaultMaxBodySize = 64 * 1024;

    /// <summary>Largest accepted body in bytes; larger bodies get 413 before any parsing. Defaults to <see cref="DefaultMaxBodySize"/>.</summary>
    public int MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>
    /// The path Sinch signs, that is the path of the callback URL configured in the Sinch
    /// dashboard, when a reverse proxy changes it on the way (for example <c>/api/sinch</c>
    /// outside and <c>/sinch</c> inside). When null, <c>PathBase + Path</c> of the request is
    /// used, which already covers proxies that <c>UsePathBase</c> or forwarded headers restore.
    /// </summary>
    public string? PublicPath { get; set; }

    /// <summary>Application key → the configuration setting it came from, for validation messages.</summary>
    internal Dictionary<string, string> SettingNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A configuration setting that is required but absent (a secret without its key).</summary>
    internal string? MissingSetting { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (MaxBodySize <= 0)
        {
            throw new ArgumentException("MaxBodySize must be positive.", nameof(MaxBodySize));
        }

        if (PublicPath is not null && !PublicPath.StartsWith('/'))
        {
            throw new ArgumentException("PublicPath must start with '/' (a path, not a URL).", nameof(PublicPath));
        }
    }

    /// <summary>Shows the settings; never a secret.</summary>
    public override string ToString() =>
        $"SinchVerificationCallbackOptions {{ {DescribeValidation()}, MaxBodySize = {MaxBodySize}, PublicPath = {PublicPath ?? "(request path)"} }}";
}
