using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Unicode;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated.Authentication;

/// <summary>
/// Sinch's application signed request scheme, used to sign API requests and to check the
/// signature of callbacks:
/// <code>
/// signature    = Base64(HMAC-SHA256(Base64Decode(secret), UTF8(stringToSign)))
/// stringToSign = VERB \n Base64(MD5(body)) \n Content-Type \n x-timestamp:{timestamp} \n path
/// </code>
/// </summary>
/// <remarks>
/// Holds no per-request state: one instance signs from any number of threads at once. Each call
/// uses pooled buffers, and keyed HMAC engines are reused from a small pool (setting up
/// an HMAC per call costs more than hashing the request); the only allocations are the strings
/// it returns.
/// </remarks>
public sealed class ApplicationSigner
{
    /// <summary>
    /// The scheme word of the <c>Authorization</c> header of API requests, as Sinch's
    /// documentation and SDKs write it. Readers compare it in any case.
    /// </summary>
    public const string Scheme = "Application";

    /// <summary>
    /// The scheme word as Sinch writes it in the callbacks it sends: lower case
    /// (<c>authorization: application {key}:{signature}</c>). Sinch's own .NET SDK accepts only
    /// this spelling in a callback, so anything that plays Sinch must send it so; this library's
    /// validators accept any case.
    /// </summary>
    public const string CallbackScheme = "application";

    /// <summary>The header that carries the signed time.</summary>
    public const string TimestampHeader = "x-timestamp";

    // The Base64 of a 32-byte HMAC-SHA256: 43 characters and one '='.
    private const int SignatureLength = 44;

    // RFC 9110 5.5: spaces and tabs around a field value are not part of it; nothing else is trimmed.
    private static readonly char[] OptionalWhiteSpace = { ' ', '\t' };
    private const string TimestampPrefix = "x-timestamp:";
    private static readonly string[] TimestampFormats = { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" };

    /// <summary>
    /// The spec's <c>x-sinch-signature.timestamp.pattern</c> (a test compares the two), read as
    /// JSON Schema reads a pattern (<see cref="SpecStringRule"/>: ASCII digits, <c>$</c> the true
    /// end): .NET's own parser alone would also take "58.Z", "+0200" or a one-digit month.
    /// </summary>
    internal const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$";

    private static readonly SpecStringRule TimestampShape = new(minLength: null, maxLength: null, TimestampPattern);

    // .NET reads at most 7 fractional digits (100 ns ticks); senders that count nanoseconds
    // (Go's RFC3339Nano, Java's Instant) write 9, which the pattern allows.
    private const int ParsedFractionDigits = 7;
    private static readonly char[] ZoneStart = { 'Z', '+', '-' };
    private readonly byte[] _key;
    private readonly ConcurrentBag<IncrementalHash> _hmacs = new();

    /// <summary>Creates a signer for one application.</summary>
    /// <param name="applicationKey">The application key (not secret).</param>
    /// <param name="applicationSecret">The Base64 application secret; missing padding is accepted.</param>
    /// <exception cref="ArgumentException">A value is missing or the secret is not Base64. The message never contains the secret.</exception>
    public ApplicationSigner(string applicationKey, string applicationSecret)
    {
        if (string.IsNullOrWhiteSpace(applicationKey))
        {
            throw new ArgumentException("The application key is missing.", nameof(applicationKey));
        }

        if (!IsKeyOrSignature(applicationKey.AsSpan()))
        {
            throw new ArgumentException("The application key contains ':', white space or a control character, which the Authorization header cannot carry.", nameof(applicationKey));
        }

        ApplicationKey = applicationKey;
        _key = DecodeSecret(applicationSecret, nameof(applicationSecret));
    }

    /// <summary>The application key this signer signs for.</summary>
    public string ApplicationKey { get; }

    /// <summary>Formats a time as an <c>x-timestamp</c> value: ISO-8601 UTC with 7 fractional digits.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an <c>x-timestamp</c>: ISO-8601 with seconds, no fraction or 1 to 9 fractional
    /// digits, and <c>Z</c>, an offset or none (UTC assumed), for example
    /// <c>2014-06-04T13:41:58Z</c>, <c>2024-05-22T09:38:59.5590437Z</c> or
    /// <c>2024-05-22T09:38:59.559043712Z</c>. Digits beyond the 7th (below .NET's 100 ns tick)
    /// are dropped, not rounded. The one parser of the library: the client's
    /// <c>VerificationTime</c>, callback validation and the emulator all use it.
    /// </summary>
    /// <param name="value">The header value.</param>
    /// <param name="time">The time as UTC, when the result is true.</param>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset time)
    {
        time = default;
        var text = value?.Trim(OptionalWhiteSpace);
        if (text is null || TimestampShape.Check(text) is not null)
        {
            return false;
        }

        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var zone = text.IndexOfAny(ZoneStart, dot);
            var digits = (zone < 0 ? text.Length : zone) - dot - 1;
            if (digits > ParsedFractionDigits)
            {
                text = text.Remove(dot + 1 + ParsedFractionDigits, digits - ParsedFractionDigits);
            }
        }

        return DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>Base64 of the MD5 of <paramref name="body"/>, or the empty string for an empty body.</summary>
    public static string ComputeContentMd5(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return string.Empty;
        }

        Span<byte> hash = stackalloc byte[16];
        Md5(body, hash);
#if NET
        return Convert.ToBase64String(hash);
#else
        return Convert.ToBase64String(hash.ToArray());
#endif
    }

    /// <summary>Computes the Base64 signature of one request.</summary>
    /// <param name="method">HTTP verb; upper-cased for signing.</param>
    /// <param name="path">The request path as sent, with its leading <c>/</c> and without the query.</param>
    /// <param name="contentType">The Content-Type header exactly as sent, or null/empty without one.</param>
    /// <param name="body">The body bytes exactly as sent (empty without a body).</param>
    /// <param name="timestamp">The <c>x-timestamp</c> header value.</param>
    public string ComputeSignature(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp)
    {
        Span<byte> mac = stackalloc byte[32];
        ComputeMacOrThrow(method, path, contentType, body, timestamp, mac);
#if NET
        return Convert.ToBase64String(mac);
#else
        return Convert.ToBase64String(mac.ToArray());
#endif
    }

    /// <summary>The value of the <c>Authorization</c> header after the scheme word: <c>{key}:{signature}</c>.</summary>
    public string CreateAuthorizationParameter(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp)
    {
        Span<byte> mac = stackalloc byte[32];
        ComputeMacOrThrow(method, path, contentType, body, timestamp, mac);
#if NET
        Span<char> signature = stackalloc char[44];
        Convert.TryToBase64Chars(mac, signature, out var written);
        return string.Concat(ApplicationKey.AsSpan(), ":".AsSpan(), signature.Slice(0, written));
#else
        return ApplicationKey + ":" + Convert.ToBase64String(mac.ToArray());
#endif
    }

    /// <summary>
    /// Checks a received signature in constant time, as text: it must be exactly the 44 characters
    /// of the expected HMAC's padded, standard Base64. No white space, other alphabet or missing
    /// padding is forgiven, so every implementation of <c>x-sinch-signature</c> agrees without
    /// depending on how lenient its Base64 decoder is.
    /// </summary>
    public bool IsValidSignature(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp, ReadOnlySpan<char> signature)
    {
        Span<byte> mac = stackalloc byte[32];
        if (!ComputeMac(method, path, contentType, body, timestamp, mac) || signature.Length != SignatureLength)
        {
            return false;
        }

        Span<char> expected = stackalloc char[SignatureLength];
        ToBase64(mac, expected);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signature));
    }

    /// <summary>
    /// Checks a whole <c>Authorization</c> header (<c>Application {key}:{signature}</c>, scheme
    /// word in any case, key exactly) against this application's key and the expected signature.
    /// Both header values are read as received: spaces and tabs around them are not part of them.
    /// </summary>
    public bool IsValidAuthorization(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp, string? authorization) =>
        TryParseAuthorization(authorization, out var key, out var signature)
        && string.Equals(key, ApplicationKey, StringComparison.Ordinal)
        && IsValidSignature(method, path, contentType, body, timestamp?.Trim(OptionalWhiteSpace)!, signature.AsSpan());

    /// <summary>
    /// Splits <c>Application {key}:{signature}</c> by the grammar of <c>x-sinch-signature.header</c>:
    /// spaces and tabs around the value are not part of it (RFC 9110); then the scheme word in
    /// any case, exactly one space, the key, one <c>:</c> and the signature, neither of which may
    /// hold white space, a control character or another <c>:</c>. False for anything else.
    /// </summary>
    public static bool TryParseAuthorization(string? authorization, out string applicationKey, out string signature)
    {
        applicationKey = signature = string.Empty;
        if (authorization is null)
        {
            return false;
        }

        var value = authorization.AsSpan().Trim(OptionalWhiteSpace);
        var space = value.IndexOf(' ');
        if (space <= 0 || !value.Slice(0, space).Equals(Scheme.AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parameter = value.Slice(space + 1);
        var colon = parameter.IndexOf(':');
        if (colon <= 0 || !IsKeyOrSignature(parameter.Slice(0, colon)) || !IsKeyOrSignature(parameter.Slice(colon + 1)) || colon == parameter.Length - 1)
        {
            return false;
        }

        applicationKey = parameter.Slice(0, colon).ToString();
        signature = parameter.Slice(colon + 1).ToString();
        return true;
    }

    // Visible ASCII but ':' (RFC 9110's VCHAR); the key and the signature are both made of these.
    private static bool IsKeyOrSignature(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether this signer signs for exactly these credentials (the secret compared in constant time).</summary>
    internal bool HasCredentials(string applicationKey, string applicationSecret) =>
        string.Equals(ApplicationKey, applicationKey, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(_key, DecodeSecret(applicationSecret, nameof(applicationSecret)));

    /// <summary>Never shows the secret.</summary>
    public override string ToString() => $"ApplicationSigner {{ ApplicationKey = {ApplicationKey} }}";

    /// <summary>
    /// Decodes a Base64 secret leniently: surrounding white space is ignored, missing padding is
    /// added and the URL-safe alphabet is accepted.
    /// </summary>
    /// <exception cref="ArgumentException">The secret is missing or not Base64 (the message never contains it).</exception>
    internal static byte[] DecodeSecret(string? secret, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new ArgumentException("The application secret is missing.", parameterName);
        }

        var text = secret!.Trim().Replace('-', '+').Replace('_', '/');
        if (text.Length % 4 == 1)
        {
            throw new ArgumentException("The application secret is not valid Base64 (wrong length).", parameterName);
        }

        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length > 0 ? key : throw new ArgumentException("The application secret decodes to no bytes.", parameterName);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The application secret is not valid Base64.", parameterName);
        }
    }

    private static void ToBase64(ReadOnlySpan<byte> mac, Span<char> destination)
    {
#if NET
        Convert.TryToBase64Chars(mac, destination, out _);
#else
        Convert.ToBase64String(mac.ToArray()).AsSpan().CopyTo(destination);
#endif
    }

    private void ComputeMacOrThrow(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp, Span<byte> destination)
    {
        if (!ComputeMac(method, path, contentType, body, timestamp, destination))
        {
            throw new ArgumentException("The HTTP method must be an ASCII token such as POST.", nameof(method));
        }
    }

    // False when the verb is not ASCII: it could not be what went on the wire, and upper-casing
    // it byte by byte would make a different verb sign like a real one. One path for every
    // target: the string to sign is written as UTF-8 into a pooled buffer (Utf8 and Base64 come
    // from Microsoft.Bcl.Memory and System.Memory on netstandard2.0).
    private bool ComputeMac(string method, string path, string? contentType, ReadOnlySpan<byte> body, string timestamp, Span<byte> destination)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (timestamp is null) throw new ArgumentNullException(nameof(timestamp));
        contentType ??= string.Empty;

        // Every char takes at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars); the MD5 is 24 Base64 bytes.
        var maxBytes = checked((3 * (method.Length + contentType.Length + timestamp.Length + path.Length)) + 24 + TimestampPrefix.Length + 4);
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = 0;
            foreach (var c in method)
            {
                if (c > 127)
                {
                    return false;
                }

                // Verbs are ASCII tokens; upper-case them without a culture.
                buffer[length++] = (byte)(c is >= 'a' and <= 'z' ? c - 32 : c);
            }

            buffer[length++] = (byte)'\n';
            if (!body.IsEmpty)
            {
                Span<byte> hash = stackalloc byte[16];
                Md5(body, hash);
                Base64.EncodeToUtf8(hash, buffer.AsSpan(length), out _, out var written);
                length += written;
            }

            buffer[length++] = (byte)'\n';
            length += ToUtf8(contentType, buffer, length);
            buffer[length++] = (byte)'\n';
            length += ToUtf8(TimestampPrefix, buffer, length);
            length += ToUtf8(timestamp, buffer, length);
            buffer[length++] = (byte)'\n';
            length += ToUtf8(path, buffer, length);

            // A pooled engine keeps its key schedule; GetHashAndReset leaves it ready for the next use.
            var hmac = _hmacs.TryTake(out var pooled) ? pooled : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
            hmac.AppendData(buffer, 0, length);
#if NET
            hmac.GetHashAndReset(destination);
#else
            hmac.GetHashAndReset().AsSpan().CopyTo(destination);
#endif
            _hmacs.Add(hmac);
            return true;
        }
        finally
        {
            // The path holds a phone number: the pool hands this array to any other code next.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    // As Encoding.UTF8 writes it: a lone surrogate becomes U+FFFD.
    private static int ToUtf8(string text, byte[] buffer, int offset)
    {
        Utf8.FromUtf16(text.AsSpan(), buffer.AsSpan(offset), out _, out var written);
        return written;
    }

    private static void Md5(ReadOnlySpan<byte> body, Span<byte> hash)
    {
#if NET
        MD5.HashData(body, hash);
#else
        using var md5 = MD5.Create();
        md5.ComputeHash(body.ToArray()).AsSpan().CopyTo(hash);
#endif
    }
}
