using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Sinch.Verification.Generated;

/// <summary>
/// The one exception for every non-2xx answer of the Sinch Verification API (and for a 2xx body
/// that cannot be read). Carries the HTTP status, Sinch's integer <see cref="ErrorCode"/>, its
/// message and reference, and the raw body.
/// </summary>
/// <remarks>
/// nswag.json sets <c>generateExceptionClasses: false</c> and names this type, so the generated
/// client throws it too; its constructor signature is the one the generated code calls.
/// <see cref="Exception.Message"/> masks phone numbers; <see cref="ResponseBody"/> is unmodified.
/// </remarks>
public class VerificationApiException : Exception
{
    /// <summary>Creates the exception from a response (the constructor the generated client calls).</summary>
    /// <param name="message">What went wrong, from the caller's point of view.</param>
    /// <param name="statusCode">HTTP status code.</param>
    /// <param name="response">Raw response body, if read.</param>
    /// <param name="headers">Response and content headers.</param>
    /// <param name="innerException">The cause, if any.</param>
    public VerificationApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : this(Parse(message, statusCode, response, headers), innerException)
    {
    }

    private VerificationApiException(Details details, Exception? innerException)
        : base(details.Message, innerException)
    {
        StatusCode = details.StatusCode;
        ErrorCode = details.ErrorCode;
        ErrorMessage = details.ErrorMessage;
        Reference = details.Reference;
        ResponseBody = details.Body;
        Headers = details.Headers;
    }

    /// <summary>HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>Sinch's error code (e.g. 40400), read from a number or a string; null when the body is not a Sinch error.</summary>
    public int? ErrorCode { get; }

    /// <summary>Sinch's error message as sent (may contain the number it concerns).</summary>
    public string? ErrorMessage { get; }

    /// <summary>Sinch's reference for support requests.</summary>
    public string? Reference { get; }

    /// <summary>The raw response body ("" when there was none).</summary>
    public string ResponseBody { get; }

    /// <summary>Response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    private static Details Parse(string message, int statusCode, string? body, IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        body ??= string.Empty;
        headers = Snapshot(headers);
        int? errorCode = null;
        string? errorMessage = null, reference = null;
        var isSinchError = false;

        if (body.Length > 0 && body.TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
                if (JToken.ReadFrom(reader) is JObject error)
                {
                    errorCode = ReadErrorCode(error["errorCode"]);
                    errorMessage = error["message"]?.Type == JTokenType.String ? (string?)error["message"] : null;
                    reference = error["reference"]?.Type == JTokenType.String ? (string?)error["reference"] : null;
                    isSinchError = errorCode is not null || errorMessage is not null;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: reported below as a body that is not a Sinch error.
            }
        }

        string text;
        if (isSinchError)
        {
            text = $"Sinch Verification API answered HTTP {statusCode}"
                + (errorCode is null ? string.Empty : $" with errorCode {errorCode.Value.ToString(CultureInfo.InvariantCulture)}")
                + (errorMessage is null ? "." : ": " + PhoneNumbers.MaskAll(errorMessage))
                + (reference is null ? string.Empty : $" (reference {reference})");
        }
        else if (statusCode is >= 200 and < 300)
        {
            text = $"Sinch Verification API answered HTTP {statusCode} with a body this SDK could not read: {message}";
        }
        else
        {
            var contentType = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
            text = body.Length == 0
                ? $"Sinch Verification API answered HTTP {statusCode} with an empty body."
                : $"Sinch Verification API answered HTTP {statusCode} with a body that is not a Sinch error ({contentType ?? "no content type"}, {body.Length} characters); a proxy or gateway may have answered instead. See ResponseBody.";
        }

        return new Details(text, statusCode, errorCode, errorMessage, reference, body, headers);
    }

    /// <summary>Sinch's error code from an error body, or null (used by logging; never throws).</summary>
    internal static int? ReadErrorCode(string body) => Parse(string.Empty, 0, body, null).ErrorCode;

    private static int? ReadErrorCode(JToken? token) => token?.Type switch
    {
        JTokenType.Integer => token.Value<long>() is var n and >= int.MinValue and <= int.MaxValue ? (int)n : null,
        JTokenType.String => int.TryParse((string?)token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
        _ => null,
    };

    // A copy, so the exception owns its headers: the generated client passes a view that reads
    // them from a response it disposes right after (LazyResponseHeaders).
    private static Dictionary<string, IEnumerable<string>> Snapshot(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        var copy = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                copy[header.Key] = header.Value;
            }
        }

        return copy;
    }

    private sealed record Details(string Message, int StatusCode, int? ErrorCode, string? ErrorMessage, string? Reference, string Body, IReadOnlyDictionary<string, IEnumerable<string>> Headers);
}
