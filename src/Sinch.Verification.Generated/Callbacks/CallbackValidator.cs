using System;
using System.Collections.Generic;
using System.Globalization;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// Checks that a callback was signed by one of your Sinch applications, over exactly the bytes
/// and headers received, and recently. Independent of any web framework: give it the verb, the
/// path Sinch signed, the headers and the raw body bytes.
/// </summary>
/// <remarks>
/// Immutable after construction and safe to share between threads; register it once. The
/// signature is compared in constant time by <see cref="ApplicationSigner"/>. Validation never
/// throws for any received input: every problem is a <see cref="CallbackValidationReason"/>.
/// </remarks>
public sealed class CallbackValidator
{
    /// <summary>The header that carries <c>Application {key}:{signature}</c>.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The header whose value is signed verbatim.</summary>
    public const string ContentTypeHeader = "Content-Type";

    private readonly Dictionary<string, ApplicationSigner> _signers;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    /// <summary>Creates a validator from a snapshot of <paramref name="options"/>.</summary>
    /// <param name="options">Applications and freshness window; validated here, later changes are not seen.</param>
    /// <param name="timeProvider">The clock to judge freshness by; the system clock when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (the message never contains a secret).</exception>
    public CallbackValidator(CallbackValidatorOptions options, TimeProvider? timeProvider = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        // Keys are compared exactly (x-sinch-signature.header.keyComparison): a key in another case
        // is another key, as the emulator and every other implementation of the grammar see it.
        _signers = new Dictionary<string, ApplicationSigner>(StringComparer.Ordinal);
        foreach (var application in options.Applications)
        {
            _signers[application.Key] = new ApplicationSigner(application.Key, application.Value);
        }

        _window = options.FreshnessWindow;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Validates one callback from its parts.</summary>
    /// <param name="method">The HTTP verb received.</param>
    /// <param name="path">The path Sinch signed: the path of your callback URL as Sinch sees it, with its leading <c>/</c>, without the query.</param>
    /// <param name="contentType">The Content-Type header exactly as received (charset and spacing matter), or null.</param>
    /// <param name="body">The body bytes exactly as received; never a re-serialised object.</param>
    /// <param name="timestamp">The <c>x-timestamp</c> header, or null.</param>
    /// <param name="authorization">The <c>Authorization</c> header, or null.</param>
    /// <returns>Valid, or the first reason found to reject the callback.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> or <paramref name="path"/> is null (a programming error, not bad input).</exception>
    public CallbackValidationResult Validate(string method, string path, string? contentType, ReadOnlySpan<byte> body, string? timestamp, string? authorization)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return new CallbackValidationResult(CallbackValidationReason.MissingAuthorization);
        }

        if (!ApplicationSigner.TryParseAuthorization(authorization, out var key, out var signature))
        {
            return new CallbackValidationResult(CallbackValidationReason.MalformedAuthorization);
        }

        if (!_signers.TryGetValue(key, out var signer))
        {
            return new CallbackValidationResult(CallbackValidationReason.UnknownApplicationKey);
        }

        // Spaces and tabs around a header value are not part of it (RFC 9110); nothing else is trimmed.
        timestamp = timestamp?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(timestamp))
        {
            return new CallbackValidationResult(CallbackValidationReason.MissingTimestamp, key);
        }

        if (!ApplicationSigner.TryParseTimestamp(timestamp, out var time))
        {
            return new CallbackValidationResult(CallbackValidationReason.MalformedTimestamp, key);
        }

        // The signature first: only an authentic callback is reported as stale, so TooOld
        // really means "a replay or a slow clock", never "a forgery with an old date". A verb
        // that is not ASCII never matches (the signer refuses it rather than alias a real one).
        if (!signer.IsValidSignature(method, path, contentType, body, timestamp!, signature.AsSpan()))
        {
            return new CallbackValidationResult(CallbackValidationReason.SignatureMismatch, key, time);
        }

        var age = _time.GetUtcNow() - time;
        var reason = age > _window ? CallbackValidationReason.TooOld
            : -age > _window ? CallbackValidationReason.TooFarInFuture
            : CallbackValidationReason.Valid;
        return new CallbackValidationResult(reason, key, time);
    }

    /// <summary>Validates one callback, reading the three headers through <paramref name="getHeader"/>.</summary>
    /// <param name="method">The HTTP verb received.</param>
    /// <param name="path">The path Sinch signed (see the other overload).</param>
    /// <param name="getHeader">Returns a header's value by name (<c>Authorization</c>, <c>x-timestamp</c>, <c>Content-Type</c>), or null; should ignore case, as HTTP does.</param>
    /// <param name="body">The body bytes exactly as received.</param>
    /// <exception cref="ArgumentNullException"><paramref name="method"/>, <paramref name="path"/> or <paramref name="getHeader"/> is null.</exception>
    public CallbackValidationResult Validate(string method, string path, Func<string, string?> getHeader, ReadOnlySpan<byte> body)
    {
        if (getHeader is null) throw new ArgumentNullException(nameof(getHeader));
        return Validate(method, path, getHeader(ContentTypeHeader), body, getHeader(ApplicationSigner.TimestampHeader), getHeader(AuthorizationHeader));
    }

    /// <summary>Shows the configured keys and the window; never a secret.</summary>
    public override string ToString() =>
        $"CallbackValidator {{ Applications = {_signers.Count}, FreshnessWindow = {_window} }}";
}
