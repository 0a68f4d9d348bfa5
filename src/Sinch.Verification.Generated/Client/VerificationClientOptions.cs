using System;
using System.Text.RegularExpressions;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Resilience;

namespace Sinch.Verification.Generated;

/// <summary>How the client authenticates its requests.</summary>
public enum VerificationAuthentication
{
    /// <summary>Application signed requests (HMAC-SHA256, fresh timestamp per attempt). The default, and what production backends should use.</summary>
    Signed = 0,

    /// <summary>HTTP Basic with key and secret. For prototyping only.</summary>
    Basic = 1,
}

/// <summary>Connection settings of a <see cref="VerificationClient"/>.</summary>
public sealed class VerificationClientOptions
{
    /// <summary>The production base URL (the first server of the spec).</summary>
    public const string ProductionBaseUrl = "https://verification.api.sinch.com/verification/v1";

    /// <summary>The application key from the Sinch dashboard.</summary>
    public string? ApplicationKey { get; set; }

    /// <summary>The application secret (Base64; missing padding is accepted). Never shown by <see cref="ToString"/>.</summary>
    public string? ApplicationSecret { get; set; }

    /// <summary>Base URL including <c>/verification/v1</c>; defaults to <see cref="ProductionBaseUrl"/>.</summary>
    public Uri BaseUrl { get; set; } = new(ProductionBaseUrl);

    /// <summary>Signed requests (default) or Basic.</summary>
    public VerificationAuthentication Authentication { get; set; } = VerificationAuthentication.Signed;

    /// <summary>Timeouts, retries (reads only by default) and the circuit breaker.</summary>
    public VerificationResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Your application's own product token(s), appended to the User-Agent after this SDK's
    /// (<c>Sinch.Verification.Generated/1.2.0 (.NET 10.0.0; Linux ...) MyShop/2.1</c>), so Sinch
    /// support can tell your traffic apart. For example <c>MyShop/2.1</c>; none by default.
    /// </summary>
    public string? ApplicationUserAgent { get; set; }

    /// <summary>
    /// Checks every setting and says which one is wrong.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed; the message names it and never contains the secret.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApplicationKey))
        {
            throw new ArgumentException("ApplicationKey is missing: set the application key from the Sinch dashboard.", nameof(ApplicationKey));
        }

        try
        {
            ApplicationSigner.DecodeSecret(ApplicationSecret, nameof(ApplicationSecret));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"ApplicationSecret is invalid: {e.Message}", nameof(ApplicationSecret));
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("BaseUrl must be an absolute http(s) URL such as " + ProductionBaseUrl + ".", nameof(BaseUrl));
        }

        if (!string.IsNullOrWhiteSpace(ApplicationUserAgent) && !ProductTokens.IsMatch(ApplicationUserAgent!.Trim()))
        {
            throw new ArgumentException("ApplicationUserAgent must be product tokens such as \"MyShop/2.1\": letters, digits and !#$%&'*+-.^_`|~, each with an optional /version, separated by spaces.", nameof(ApplicationUserAgent));
        }

        if (Resilience is null)
        {
            throw new ArgumentException("Resilience is null; leave the default or set its values.", nameof(Resilience));
        }

        Resilience.Validate();
    }

    // RFC 9110 product tokens: token ["/" token], separated by spaces.
    private static readonly Regex ProductTokens = new(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?( [!#$%&'*+\-.^_`|~0-9A-Za-z]+(/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?)*$", RegexOptions.CultureInvariant);

    /// <summary>The base URL with a trailing slash, as <see cref="System.Net.Http.HttpClient.BaseAddress"/> needs it (without one the last segment is dropped).</summary>
    public Uri GetBaseAddress()
    {
        var text = BaseUrl.AbsoluteUri;
        return text.EndsWith("/", StringComparison.Ordinal) ? BaseUrl : new Uri(text + "/");
    }

    /// <summary>Shows the settings with the secret hidden.</summary>
    public override string ToString() =>
        $"VerificationClientOptions {{ ApplicationKey = {ApplicationKey}, ApplicationSecret = {(string.IsNullOrEmpty(ApplicationSecret) ? "(none)" : "***")}, BaseUrl = {BaseUrl}, Authentication = {Authentication} }}";
}
