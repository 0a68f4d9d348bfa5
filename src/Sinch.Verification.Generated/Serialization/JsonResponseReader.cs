using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// Reads an API response body for the generated client (build/templates/Client.Class.ReadObjectResponse.liquid):
/// asynchronously into a pooled buffer first, then parsed from memory. Newtonsoft only reads
/// synchronously; handed the network stream, it would block a thread on I/O while the body
/// arrives. Answers of this API are a few hundred bytes, so buffering them costs nothing.
/// </summary>
internal static class JsonResponseReader
{
    /// <summary>Bodies above this size are refused instead of buffered (no answer of this API comes close).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Reads and deserializes the body with <see cref="VerificationJson.ResponseSerializer"/>.</summary>
    /// <param name="content">The response body.</param>
    /// <param name="timeout">
    /// How long the body may take to arrive: the client's total timeout. The generated client reads
    /// bodies after <c>HttpClient.SendAsync</c> has returned the headers, where <see cref="HttpClient.Timeout"/>
    /// no longer applies, so a server that sends headers and then stalls would otherwise hold the call forever.
    /// </param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="JsonException">The body is not JSON of the expected shape.</exception>
    /// <exception cref="InvalidDataException">The body is larger than <see cref="MaxBodyBytes"/>.</exception>
    /// <exception cref="TaskCanceledException">The body did not arrive within <paramref name="timeout"/> (inner: <see cref="TimeoutException"/>, as HttpClient's own timeout).</exception>
    public static async ValueTask<T?> ReadAsync<T>(HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > MaxBodyBytes)
        {
            throw TooLarge();
        }

        // One byte more than declared, so the read that finds the end needs no bigger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } size ? (int)size + 1 : 4096);
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxBodyBytes + 1, buffer.Length * 2));
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

#if NET
                var reading = stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                var read = reading.IsCompletedSuccessfully ? reading.Result : await WithinAsync(reading.AsTask(), timeout, cancellationToken).ConfigureAwait(false);
#else
                var reading = stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken);
                var read = reading.Status == TaskStatus.RanToCompletion ? reading.Result : await WithinAsync(reading, timeout, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    return Deserialize<T>(buffer, length);
                }

                length += read;
                if (length > MaxBodyBytes)
                {
                    throw TooLarge();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Only a read that has to wait for the network gets a timer: bodies that are already there
    // (most of them; the whole body often arrives with the headers) cost nothing extra. The
    // caller disposes the response on the way out, which ends the abandoned read.
    internal static async Task<TResult> WithinAsync<TResult>(Task<TResult> reading, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (reading.IsCompleted || timeout == Timeout.InfiniteTimeSpan)
        {
            return await reading.ConfigureAwait(false);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expired = Task.Delay(timeout, timer.Token);
        if (await Task.WhenAny(reading, expired).ConfigureAwait(false) == reading)
        {
            timer.Cancel(); // stops the delay's timer
            return await reading.ConfigureAwait(false);
        }

        ObserveLater(reading); // abandoned either way: the caller's cancellation or our timeout
        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException(
            $"The response body did not arrive within the client's total timeout of {timeout.TotalSeconds:0.###} s (Resilience.TotalTimeout).",
            new TimeoutException("The response body stalled after its headers."));
    }

    // The abandoned read fails once the response is disposed; nobody must see that as unobserved.
    private static void ObserveLater(Task reading) =>
        reading.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static T? Deserialize<T>(byte[] body, int length)
    {
        // A UTF-8 byte order mark is allowed and skipped, as StreamReader would.
        var start = length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(length - start)));
        try
        {
            var count = Encoding.UTF8.GetChars(body, start, length - start, chars, 0);
            using var reader = new JsonTextReader(new CharBufferReader(chars, count)) { ArrayPool = JsonCharPool.Instance };
            return VerificationJson.ResponseSerializer.Deserialize<T>(reader);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static InvalidDataException TooLarge() =>
        new($"The response body is larger than {MaxBodyBytes / (1024 * 1024)} MB, more than any answer of this API; it was not read.");

    /// <summary>A <see cref="TextReader"/> over characters already in memory (StringReader needs a string).</summary>
    private sealed class CharBufferReader : TextReader
    {
        private readonly char[] _chars;
        private readonly int _length;
        private int _position;

        public CharBufferReader(char[] chars, int length)
        {
            _chars = chars;
            _length = length;
        }

        public override int Peek() => _position < _length ? _chars[_position] : -1;

        public override int Read() => _position < _length ? _chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, _length - _position);
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(_chars, _position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
