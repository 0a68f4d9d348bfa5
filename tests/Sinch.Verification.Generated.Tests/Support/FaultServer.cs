using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.Generated.Tests.Support;

/// <summary>The misbehaviours <see cref="FaultServer"/> can show, each as a real peer on the network would.</summary>
internal enum Fault
{
    /// <summary>Nothing listens on the port: the TCP connect is refused.</summary>
    ConnectionRefused,

    /// <summary>The host name does not resolve (a <c>.invalid</c> name).</summary>
    DnsFailure,

    /// <summary>The request is read, then the connection is reset halfway through the response headers.</summary>
    ResetMidResponse,

    /// <summary>The request is read and no response comes (past the attempt timeout).</summary>
    SlowHeaders,

    /// <summary>Every answer is 503 with Sinch's error body.</summary>
    ServiceUnavailable,

    /// <summary>Every answer is 503 with <c>Retry-After: 1</c>.</summary>
    ServiceUnavailableWithRetryAfter,

    /// <summary>Every answer is 429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>A 200 whose body ends before its Content-Length.</summary>
    TruncatedBody,

    /// <summary>A 200 whose headers arrive, then part of the body, then nothing (past the total timeout).</summary>
    SlowBody,

    /// <summary>A proxy's 502 HTML page instead of the API's JSON.</summary>
    ProxyHtml,
}

/// <summary>
/// A loopback HTTP/1.1 server that counts the complete requests it receives and answers each
/// with one <see cref="Fault"/>, over a real socket: resets, truncation and silence happen on the
/// wire, not in a fake handler, so the client's whole pipeline sees what production would.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Fault _fault;
    // Bound but never listening: a connect to its port is refused, and no other test can take the port meanwhile.
    private readonly Socket _refusing = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly ConcurrentBag<Task> _serving = new();
    private readonly Task _accepting;
    private int _requests;
    private int _held;
    private int _connects;

    public FaultServer(Fault fault)
    {
        _fault = fault;
        _refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Complete requests (head and body) that reached the server.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests the server has read and holds without an answer (<see cref="Fault.SlowHeaders"/>), so far.</summary>
    public int HeldRequests => Volatile.Read(ref _held);

    /// <summary>Connections the client tried to open through <see cref="CreateTransport"/>, refused ones and failed lookups included.</summary>
    public int ConnectAttempts => Volatile.Read(ref _connects);

    public Uri BaseUrl => _fault switch
    {
        Fault.ConnectionRefused => new Uri($"http://127.0.0.1:{((IPEndPoint)_refusing.LocalEndPoint!).Port}/verification/v1"),
        Fault.DnsFailure => new Uri("http://fault-matrix.invalid/verification/v1"),
        _ => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/verification/v1"),
    };

    /// <summary>
    /// The client's transport: a plain SocketsHttpHandler that counts every connection it tries to
    /// open, so a retry that never reached the server still shows. A <c>.invalid</c> host fails as
    /// a DNS lookup would (RFC 6761: it never resolves), without asking the machine's resolver.
    /// </summary>
    public HttpMessageHandler CreateTransport() => new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            Interlocked.Increment(ref _connects);
            if (context.DnsEndPoint.Host.EndsWith(".invalid", StringComparison.Ordinal))
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _refusing.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_serving); // each one ends on the cancellation and catches it
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _serving.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var connection = socket;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (!await ReadRequestAsync(stream))
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            switch (_fault)
            {
                case Fault.ResetMidResponse:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: appli");
                    socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
                    return;
                case Fault.SlowHeaders:
                    // Silent until the client gives up and closes (read returns 0) or the test ends.
                    Interlocked.Increment(ref _held);
                    _ = await stream.ReadAsync(new byte[1], _stop.Token);
                    return;
                case Fault.SlowBody:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"id\":\"1\",");
                    _ = await stream.ReadAsync(new byte[1], _stop.Token);
                    return;
                case Fault.TruncatedBody:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\nConnection: close\r\n\r\n{\"id\":\"1\",\"status\":\"PEND");
                    return;
                case Fault.ProxyHtml:
                    await RespondAsync(stream, "502 Bad Gateway", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
                    return;
                case Fault.TooManyRequests:
                    await RespondAsync(stream, "429 Too Many Requests", "application/json", "{\"errorCode\":42900,\"message\":\"Too many requests\"}", "Retry-After: 1\r\n");
                    return;
                case Fault.ServiceUnavailableWithRetryAfter:
                    await RespondAsync(stream, "503 Service Unavailable", "application/json", "{\"errorCode\":50300,\"message\":\"Service unavailable\"}", "Retry-After: 1\r\n");
                    return;
                default:
                    await RespondAsync(stream, "503 Service Unavailable", "application/json", "{\"errorCode\":50300,\"message\":\"Service unavailable\"}");
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away first: nothing to answer.
        }
    }

    // Reads one request head and its Content-Length body; false when the connection ends first.
    private async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            received.Write(buffer, 0, read);
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var length = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line.AsSpan("Content-Length:".Length).Trim());
            }
        }

        var body = received.Length - (headEnd + 4);
        while (body < length)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            body += read;
        }

        return true;
    }

    private static int IndexOfHeadEnd(MemoryStream received) =>
        received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8);

    private Task RespondAsync(NetworkStream stream, string status, string contentType, string body, string extraHeaders = "") =>
        WriteAsync(stream, $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n{body}");

    private async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }
}
