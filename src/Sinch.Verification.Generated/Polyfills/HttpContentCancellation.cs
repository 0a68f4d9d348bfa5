// The CancellationToken overloads of HttpContent's readers that .NET 5+ has (LoadIntoBufferAsync's
// from .NET 9), for the targets that lack them, so every caller passes its token the same way and
// needs no #if. On those targets the token is not observed while the content is read; callers
// that must stop a stalled read bound it themselves (JsonResponseReader.WithinAsync).
#if !NET9_0_OR_GREATER
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.Generated;

/// <summary>HttpContent's token-taking readers, for netstandard2.0 (and LoadIntoBufferAsync for net8.0).</summary>
internal static class HttpContentCancellation
{
#if !NET
    public static Task<string> ReadAsStringAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsStringAsync();

    public static Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsByteArrayAsync();

    public static Task<Stream> ReadAsStreamAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsStreamAsync();
#endif

    public static Task LoadIntoBufferAsync(this HttpContent content, CancellationToken cancellationToken) => content.LoadIntoBufferAsync();
}
#endif
