using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator.Authentication;

/// <summary>
/// Checks the <c>Authorization</c> header of an API request the way Sinch does: Basic with the
/// key and secret, or an application signed request whose signature covers the exact bytes,
/// Content-Type and path that were sent (the path as sent, or percent-decoded as some of Sinch's SDKs sign it). The HMAC itself is <see cref="ApplicationSigner"/>'s:
/// one implementation for the whole repository. 401 codes: 40104 no Authorization header, 40100 unusable header
/// (wrong scheme, unknown key, wrong Basic credentials), 40101 x-timestamp missing, unreadable
/// or outside the allowed skew, 40102 signature mismatch.
/// </summary>
internal sealed class RequestAuthenticator
{
    private readonly ApplicationSigner _signer;
    private readonly byte[] _basicKey;
    private readonly byte[] _basicSecret;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxSkew;

    public RequestAuthenticator(string applicationKey, string applicationSecret, TimeProvider time, TimeSpan maxSkew)
    {
        _signer = new ApplicationSigner(applicationKey, applicationSecret);
        _basicKey = Encoding.UTF8.GetBytes(applicationKey);
        _basicSecret = Encoding.UTF8.GetBytes(applicationSecret);
        _time = time;
        _maxSkew = maxSkew;
    }

    /// <summary>Throws a 401 <see cref="EmulatorApiException"/> unless the request is authentic.</summary>
    /// <param name="method">The HTTP verb.</param>
    /// <param name="path">The path exactly as sent (raw, still percent-encoded), without the query.</param>
    /// <param name="contentType">The Content-Type header exactly as sent, or null.</param>
    /// <param name="body">The raw body bytes.</param>
    /// <param name="authorization">The Authorization header, or null.</param>
    /// <param name="timestamp">The x-timestamp header, or null.</param>
    public void Authenticate(string method, string path, string? contentType, ReadOnlySpan<byte> body, string? authorization, string? timestamp)
    {
        // Spaces and tabs around a header value are not part of it (RFC 9110); nothing else is
        // trimmed, so a value the callback validators refuse is refused here too.
        var header = authorization?.Trim(' ', '\t');
        timestamp = timestamp?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(header))
        {
            throw Unauthorized(ErrorCodes.AuthorizationRequired, "Authorization required: send an Application (signed) or Basic Authorization header.");
        }

        var space = header.IndexOf(' ');
        var scheme = space > 0 ? header.Substring(0, space) : header;
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            CheckBasic(header.Substring(scheme.Length).Trim());
        }
        else if (scheme.Equals(ApplicationSigner.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            CheckSigned(method, path, contentType, body, header, timestamp);
        }
        else
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: use the Application (signed) or Basic scheme.");
        }
    }

    private void CheckBasic(string parameter)
    {
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(parameter);
        }
        catch (FormatException)
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: Basic credentials are not Base64.");
        }

        var colon = Array.IndexOf(decoded, (byte)':');
        if (colon <= 0)
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: Basic credentials must be key:secret.");
        }

        // Both halves are compared in constant time; the secret is compared as-is, like Sinch does.
        var keyMatches = CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, colon), _basicKey);
        var secretMatches = CryptographicOperations.FixedTimeEquals(decoded.AsSpan(colon + 1), _basicSecret);
        if (!(keyMatches & secretMatches))
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: unknown application key or wrong secret.");
        }
    }

    private void CheckSigned(string method, string path, string? contentType, ReadOnlySpan<byte> body, string header, string? timestamp)
    {
        if (!ApplicationSigner.TryParseAuthorization(header, out var key, out var signature))
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: expected 'Application {key}:{signature}'.");
        }

        if (!string.Equals(key, _signer.ApplicationKey, StringComparison.Ordinal))
        {
            throw Unauthorized(ErrorCodes.InvalidAuthorizationHeader, "Invalid Authorization header: unknown application key.");
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            throw Unauthorized(ErrorCodes.InvalidTimestamp, "Missing x-timestamp header.");
        }

        if (!ApplicationSigner.TryParseTimestamp(timestamp, out var signedAt))
        {
            throw Unauthorized(ErrorCodes.InvalidTimestamp, "Invalid x-timestamp header: expected ISO-8601 UTC such as 2014-06-04T13:41:58Z.");
        }

        // The timestamp exists to reject replays: allow clock skew either way, nothing more.
        if ((_time.GetUtcNow() - signedAt).Duration() > _maxSkew)
        {
            throw Unauthorized(ErrorCodes.InvalidTimestamp, "Invalid x-timestamp header: too far from the server's clock.");
        }

        // Sinch's SDKs disagree on the path they sign when it holds percent-escapes (a reference
        // with a space): .NET signs the path as sent (`order%201`), Node and Java sign it decoded
        // (`order 1`) and then send it encoded. Sinch documents only "the path"; both are
        // accepted here, so that every official client works (emulator README, "Authentication").
        if (!_signer.IsValidSignature(method, path, contentType, body, timestamp, signature.AsSpan())
            && !(path.Contains('%') && _signer.IsValidSignature(method, Uri.UnescapeDataString(path), contentType, body, timestamp, signature.AsSpan())))
        {
            throw Unauthorized(ErrorCodes.InvalidSignature, "Invalid signature.");
        }
    }

    private static EmulatorApiException Unauthorized(int code, string message) => new(code, message);
}
