using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>
/// The request pipeline of the callback endpoint: content type, bounded body, signature and
/// freshness on the raw bytes, parse, dispatch to the handler. A singleton; per-request state
/// lives in locals only.
/// </summary>
internal sealed class VerificationCallbackEndpoint
{
    private const int MaxLoggedEventTypeLength = 64;
    private readonly CallbackValidator _validator;
    private readonly SinchVerificationCallbackOptions _options;
    private readonly ILogger _logger;

    public VerificationCallbackEndpoint(CallbackValidator validator, IOptions<SinchVerificationCallbackOptions> options, ILoggerFactory loggerFactory)
    {
        _validator = validator;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger("Sinch.Verification.Generated.AspNetCore.VerificationCallbacks");
    }

    public async Task HandleAsync(HttpContext context, ISinchVerificationCallbackHandler handler)
    {
        var request = context.Request;
        var response = context.Response;
        var cancellationToken = context.RequestAborted;

        if (!IsUtf8Json(request.ContentType))
        {
            Log.UnsupportedContentType(_logger);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        ArraySegment<byte>? body;
        try
        {
            body = await ReadBodyAsync(request, _options.MaxBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel's objections to the body's framing: a malformed or overflowing chunk size
            // (an IOException around an OverflowException), a body that arrives too slowly (408).
            // A request problem, answered as one, without a stack trace per connection.
            response.StatusCode = e is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            Log.UnreadableBody(_logger, response.StatusCode);
            return;
        }

        if (body is null)
        {
            Log.BodyTooLarge(_logger, _options.MaxBodySize);
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // The sender signs the path as it went over the wire (percent-encoded); ASP.NET Core hands
        // us a decoded PathString, so encode it back. PathBase keeps a proxy's prefix in the path.
        var path = _options.PublicPath ?? request.PathBase.Add(request.Path).ToUriComponent();
        var validation = _validator.Validate(
            request.Method,
            path,
            request.ContentType,
            body.Value.AsSpan(),
            HeaderValue(request.Headers[ApplicationSigner.TimestampHeader]),
            HeaderValue(request.Headers.Authorization));
        if (!validation.IsValid)
        {
            // No detail in the response: the reason helps an attacker more than Sinch.
            Log.Rejected(_logger, validation.Reason);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.Features.Set(new SinchVerificationCallbackFeature(validation.ApplicationKey!, validation.Timestamp!.Value));
        VerificationCallback callback;
        try
        {
            callback = CallbackParser.Parse(body.Value.AsSpan());
        }
        catch (CallbackParseException e)
        {
            Log.Malformed(_logger, e.Message);
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        switch (callback)
        {
            case VerificationRequestCallback { Event: var requestEvent }:
                var reply = await handler.OnRequestAsync(requestEvent, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{handler.GetType().Name}.OnRequestAsync returned null; return a VerificationCallbackReply.");
                Log.RequestAnswered(_logger, requestEvent.Id, requestEvent.Method?.Value, PhoneNumbers.Mask(requestEvent.Identity?.Endpoint), reply.Action);
                var json = Encoding.UTF8.GetBytes(VerificationCallbackReply.ToJson(reply));
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = json.Length;
                await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                return;

            case VerificationResultCallback { Event: var resultEvent }:
                await handler.OnResultAsync(resultEvent, cancellationToken).ConfigureAwait(false);
                Log.ResultReceived(_logger, resultEvent.Id, resultEvent.Method?.Value, PhoneNumbers.Mask(resultEvent.Identity?.Endpoint), resultEvent.Status?.Value);
                break;

            case VerificationSmsDeliveredCallback { Event: var deliveryEvent }:
                await handler.OnSmsDeliveredAsync(deliveryEvent, cancellationToken).ConfigureAwait(false);
                Log.SmsDelivered(_logger, deliveryEvent.Id, PhoneNumbers.Mask(deliveryEvent.Identity?.Endpoint), deliveryEvent.SmsResult?.Value);
                break;

            case UnknownVerificationCallback:
                // Sinch adds event kinds over time; a non-200 would make it retry or give up on
                // the verification, so acknowledge and leave a trace.
                var eventType = callback.EventType.Value;
                Log.UnknownEvent(_logger, eventType.Length <= MaxLoggedEventTypeLength ? eventType : eventType.Substring(0, MaxLoggedEventTypeLength) + "…");
                break;

            default:
                // A callback type the SDK added without a case here: a bug of ours, never "unknown".
                throw new InvalidOperationException($"VerificationCallbackEndpoint has no case for {callback.GetType().Name}.");
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = 0;
    }

    /// <summary><c>application/json</c> or <c>application/*+json</c>, in UTF-8 (the only encoding JSON allows between systems).</summary>
    internal static bool IsUtf8Json(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        return isJson
            && (StringSegment.IsNullOrEmpty(charset)
                || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the whole body but never more than <paramref name="limit"/> bytes: Content-Length
    /// alone is not trusted (it may be absent with chunked encoding). Null when the body is larger.
    /// </summary>
    private static async Task<ArraySegment<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var initialCapacity = (int)Math.Min(request.ContentLength ?? 1024, limit);
        using var body = new MemoryStream(initialCapacity);
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(16 * 1024, limit + 1));
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // The MemoryStream's buffer outlives the stream; no copy needed.
        return body.TryGetBuffer(out var buffer) ? buffer : new ArraySegment<byte>(body.ToArray());
    }

    /// <summary>Null when absent; several values are joined, which then fails validation as it should.</summary>
    private static string? HeaderValue(StringValues values) => StringValues.IsNullOrEmpty(values) ? null : values.ToString();
}
