using System;
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
    private const string MediaType = "application/json";

    private VerificationJsonContent(byte[] body)
        : base(body)
    {
        Body = body;
        Headers.ContentType = new MediaTypeHeaderValue(MediaType);
    }

    /// <summary>The bytes sent, for signing. Never modified after construction.</summary>
    public byte[] Body { get; }

    /// <summary>Serializes <paramref name="value"/> with <see cref="VerificationJson.Serializer"/> straight to UTF-8 bytes.</summary>
    public static VerificationJsonContent Create(object value)
    {
        var text = new StringBuilder(256);
        VerificationJson.Write(text, value);
        return new VerificationJsonContent(Utf8(text));
    }

    // Encodes the builder's chunks directly: no intermediate string.
    private static byte[] Utf8(StringBuilder text)
    {
#if NET
        var length = 0;
        foreach (var chunk in text.GetChunks())
        {
            length += Encoding.UTF8.GetByteCount(chunk.Span);
        }

        var bytes = new byte[length];
        var written = 0;
        foreach (var chunk in text.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(written));
        }

        return bytes;
#else
        return Encoding.UTF8.GetBytes(text.ToString());
#endif
    }
}
