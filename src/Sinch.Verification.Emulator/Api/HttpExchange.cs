using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Diagnostics;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// The HTTP plumbing every emulator endpoint shares: one error boundary that turns every failure
/// into Sinch's error shape (so no input can produce an unexplained 500), bounded body reading,
/// JSON writing, and the raw path and route segments.
/// </summary>
internal static partial class HttpExchange
{
    /// <summary>The catch-all route value of the emulator's endpoints.</summary>
    public const string RestRouteValue = "rest";

    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly object OperationKey = new();

    /// <summary>
    /// Runs <paramref name="handle"/> and writes its result as JSON with 200, or the error it
    /// throws in Sinch's shape.
    /// </summary>
    public static async Task RunAsync(HttpContext context, ILogger logger, Func<HttpContext, Task<object>> handle)
    {
        try
        {
            var result = await handle(context).ConfigureAwait(false);
            if (result is TextResult text)
            {
                await WriteAsync(context, StatusCodes.Status200OK, text.ContentType, Encoding.UTF8.GetBytes(text.Text)).ConfigureAwait(false);
            }
            else
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
            }
        }
        catch (EmulatorApiException e)
        {
            Log.Rejected(logger, context.Request.Method, Operation(context), e.StatusCode, e.ErrorCode, e.Message);
            await TryWriteErrorAsync(context, e.StatusCode, e.ErrorCode, e.Message, e.Allow).ConfigureAwait(false);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            // A bug in the emulator, not in the request; say so without details.
            Log.Unexpected(logger, e, context.Request.Method, Operation(context));
            await TryWriteErrorAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal error in the emulator.", null).ConfigureAwait(false);
        }
    }

    /// <summary>Names the matched operation for logs; paths are never logged, they may hold a phone number.</summary>
    public static void SetOperation(HttpContext context, string operation) => context.Items[OperationKey] = operation;

    /// <summary>Names the operation of an emulator endpoint that only reads, and refuses any verb but GET (405).</summary>
    public static void GetOnly(HttpContext context, string operation)
    {
        SetOperation(context, operation);
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw EmulatorApiException.MethodNotAllowed(HttpMethods.Get);
        }
    }

    /// <summary>Reads the whole body, refusing more than <paramref name="maxBytes"/> with 413.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 1024, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel's objections to the body's framing: a malformed or overflowing chunk size
            // comes as a bare IOException (around an OverflowException), a body that arrives too
            // slowly as BadHttpRequestException 408. The request's fault, so a 4xx in Sinch's shape.
            // Every other objection of Kestrel's (413 from a host's own lower limit, an unexpected
            // end of the body) keeps its status and says its own words.
            throw e switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                    new EmulatorApiException(40800, "Request timeout: the request body arrived too slowly."),
                BadHttpRequestException { StatusCode: >= 400 and < 500 } bad =>
                    new EmulatorApiException(bad.StatusCode * 100, "Bad request: " + bad.Message),
                _ => new EmulatorApiException(40000, "Bad request: the request body's framing is malformed (for example a chunk size that is not a hexadecimal number that fits 64 bits)."),
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The path exactly as the client sent it (still percent-encoded, '+' as sent), which is what
    /// a signature covers. ASP.NET Core decodes <see cref="HttpRequest.Path"/> (%2B becomes '+'),
    /// so the raw request target is used; hosts without one (test servers) fall back to the
    /// re-encoded path.
    /// </summary>
    public static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw))
        {
            if (raw[0] == '/')
            {
                var query = raw.IndexOf('?');
                return query < 0 ? raw : raw.Substring(0, query);
            }

            if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
            {
                return absolute.AbsolutePath;
            }
        }

        return (context.Request.PathBase + context.Request.Path).ToUriComponent();
    }

    /// <summary>
    /// The segments after the endpoint's prefix, each decoded exactly once. Kestrel's decoded path
    /// keeps %2F (so an encoded slash in a reference stays inside its segment) but has already
    /// turned %25 into '%', which makes decoding it again ambiguous; so the same segments are
    /// taken from the raw path (<see cref="RawRouteSegments"/>) and unescaped here.
    /// </summary>
    public static string[] RouteSegments(HttpContext context)
    {
        var segments = RawRouteSegments(context);
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.UnescapeDataString(segments[i]);
        }

        return segments;
    }

    /// <summary>
    /// The segments after the endpoint's prefix as sent (still percent-encoded), after the dot
    /// segments are resolved as Kestrel resolved them for routing (RFC 3986 5.2.4, <c>%2E</c>
    /// included), so that a rule about how a value was sent (a number's '+', not %2B) holds
    /// wherever the value stands: <c>/number/%2B46.../x/..</c> is <c>/number/%2B46...</c>.
    /// </summary>
    public static string[] RawRouteSegments(HttpContext context)
    {
        var rest = (context.GetRouteValue(RestRouteValue) as string ?? string.Empty).Trim('/');
        if (rest.Length == 0)
        {
            return Array.Empty<string>();
        }

        var count = rest.Split('/').Length;
        var raw = new List<string>();
        foreach (var segment in RawPath(context).TrimEnd('/').Split('/'))
        {
            switch (Uri.UnescapeDataString(segment))
            {
                case ".":
                    break;
                case "..":
                    if (raw.Count > 1)
                    {
                        raw.RemoveAt(raw.Count - 1);
                    }

                    break;
                default:
                    raw.Add(segment);
                    break;
            }
        }

        // Hosts without a raw target (test servers) re-encode the decoded path, so the counts
        // agree; should they not, the decoded segments, escaped to unescape to themselves.
        return raw.Count >= count
            ? raw.GetRange(raw.Count - count, count).ToArray()
            : Array.ConvertAll(rest.Split('/'), segment => segment.Replace("%", "%25"));
    }

    /// <summary>A request header as one string (as sent), or null.</summary>
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    public static Task WriteJsonAsync(HttpContext context, int statusCode, object body) =>
        WriteAsync(context, statusCode, JsonContentType, Encoding.UTF8.GetBytes(VerificationJson.Serialize(body)));

    /// <summary>Writes Sinch's error shape unless the response has started or the client is gone; never throws.</summary>
    public static async Task TryWriteErrorAsync(HttpContext context, int statusCode, int errorCode, string message, string? allow)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        try
        {
            context.Response.Headers.Clear();
            if (allow is not null)
            {
                context.Response.Headers.Allow = allow;
            }

            var error = new VerificationError { ErrorCode = errorCode, Message = message, Reference = Guid.NewGuid().ToString("D") };
            await WriteJsonAsync(context, statusCode, error).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone.
        }
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, string contentType, byte[] bytes)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Operation(HttpContext context) => context.Items[OperationKey] as string ?? "(unmatched)";

    private static EmulatorApiException TooLarge(int maxBytes) =>
        new(ErrorCodes.BodyTooLarge, $"The request body is larger than {maxBytes} bytes.");
}

/// <summary>A handler's answer that is not JSON: written as is, with its content type.</summary>
internal sealed record TextResult(string ContentType, string Text);
