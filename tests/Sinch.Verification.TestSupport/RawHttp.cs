using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// Sends one HTTP/1.1 request byte for byte over a socket and reads the answer until the server
/// closes or the response is complete. For what HttpClient will not send: a chunk size beyond 64
/// bits, dot segments (System.Uri removes them), a Host header of another site.
/// </summary>
public static class RawHttp
{
    /// <summary>A status line's code and the body after the headers (de-chunked only when the test needs it: it is not here).</summary>
    public sealed record Response(int StatusCode, string Head, string Body);

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line; each line
    /// ended with CRLF here) and then <paramref name="body"/> exactly, with <c>Connection: close</c> added.
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, string head, byte[] body, CancellationToken cancellationToken)
    {
        // A server that never answers or never closes fails the test after a minute, not never.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        cancellationToken = limit.Token;
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder();
        foreach (var line in head.Split('\n'))
        {
            request.Append(line.TrimEnd('\r')).Append("\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var statusLine = text.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        var status = parts.Length > 1 && int.TryParse(parts[1], out var code) ? code
            : throw new InvalidDataException("No HTTP status line in: " + statusLine);
        return new Response(status, split < 0 ? text : text.Substring(0, split), split < 0 ? string.Empty : text.Substring(split + 4));
    }

    /// <summary>A chunked request whose only chunk size, 0x1ffffffffffffffff, does not fit 64 bits.</summary>
    public static Task<Response> SendOverflowingChunkAsync(Uri server, string path, CancellationToken cancellationToken) =>
        SendAsync(server, $"POST {path} HTTP/1.1\nHost: {server.Authority}\nContent-Type: application/json\nTransfer-Encoding: chunked",
            Encoding.ASCII.GetBytes("1ffffffffffffffff\r\nabc\r\n0\r\n\r\n"), cancellationToken);
}
