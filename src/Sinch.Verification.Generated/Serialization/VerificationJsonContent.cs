using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// A request body as UTF-8 JSON bytes, built by the generated client (build/templates/Client.Class.liquid)
/// with the shared serializer. It keeps the exact bytes that go on the wire so the signing handler
/// signs them without reading the content back.
/// </summary>
internal sealed class VerificationJsonContent : ByteArrayContent
{
    private VerificationJsonContent(byte[] body, string mediaType)
        : base(body)
    {
        Body = body;
        // The spec's media types are plain ("application/json"): no parsing per request for those.
        Headers.ContentType = mediaType.IndexOf(';') < 0 ? new MediaTypeHeaderValue(mediaType) : MediaTypeHeaderValue.Parse(mediaType);
    }

    /// <summary>The bytes sent, for signing. Never modified after construction.</summary>
    public byte[] Body { get; }

    /// <summary>
    /// Checks <paramref name="value"/> (<see cref="IValidatedRequest"/>: the spec's limits and the
    /// method rule), then serializes it with <see cref="VerificationJson.Serializer"/>, encoded to UTF-8 once.
    /// </summary>
    /// <param name="value">The request DTO.</param>
    /// <param name="mediaType">The operation's request media type from the spec (NSwag's <c>Consumes</c>).</param>
    /// <exception cref="ArgumentException">The request breaks the spec; nothing is sent.</exception>
    public static VerificationJsonContent Create(object value, string mediaType)
    {
        (value as IValidatedRequest)?.Validate();
        var text = new StringBuilder(256);
        VerificationJson.Write(text, value);
        return new VerificationJsonContent(Utf8(text), mediaType);
    }

    // Encodes the builder's chunks directly, without an intermediate string, through one
    // encoder: a character outside the BMP can have its two UTF-16 halves in two chunks.
    private static byte[] Utf8(StringBuilder text)
    {
#if NET
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var written = 0;
            foreach (var chunk in text.GetChunks())
            {
                written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
            }

            written += encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer.AsSpan(written), flush: true);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
#else
        return Encoding.UTF8.GetBytes(text.ToString());
#endif
    }
}
