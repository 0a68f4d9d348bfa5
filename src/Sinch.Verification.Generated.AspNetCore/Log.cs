using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

// What may be logged: reasons, ids, event kinds, masked numbers. Never the Authorization header,
// the signature, a secret, the body, a PIN or a full phone number.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: {Reason}.")]
    public static partial void Rejected(ILogger logger, CallbackValidationReason reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: its Content-Type is not JSON in UTF-8.")]
    public static partial void UnsupportedContentType(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: its body is larger than {MaxBodySize} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, int maxBodySize);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A signed Sinch verification callback could not be parsed: {Problem}")]
    public static partial void Malformed(ILogger logger, string problem);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Acknowledged a Sinch verification callback of unknown event type '{EventType}' without handling it.")]
    public static partial void UnknownEvent(ILogger logger, string eventType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Answered verification request {VerificationId} ({Method}, {MaskedNumber}) with {Action}.")]
    public static partial void RequestAnswered(ILogger logger, string? verificationId, string? method, string maskedNumber, VerificationAction action);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Verification {VerificationId} ({Method}, {MaskedNumber}) ended {Status}.")]
    public static partial void ResultReceived(ILogger logger, string? verificationId, string? method, string maskedNumber, string? status);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "SMS of verification {VerificationId} ({MaskedNumber}): {SmsResult}.")]
    public static partial void SmsDelivered(ILogger logger, string? verificationId, string maskedNumber, string? smsResult);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback with {StatusCode}: its body could not be read (malformed chunked framing, or it arrived too slowly).")]
    public static partial void UnreadableBody(ILogger logger, int statusCode);
}
