using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

// What may be logged: reasons, ids, event kinds, masked numbers. Never the Authorization header,
// the signature, a secret, the body, a PIN or a full phone number. Every text that came with the
// callback (ids, values, a parse problem naming members) goes through LogText.Safe: escaped, so
// it cannot forge or end a line, and with every digit run that could be a number masked.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: {Reason}.")]
    public static partial void Rejected(ILogger logger, CallbackValidationReason reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: its Content-Type is not JSON in UTF-8.")]
    public static partial void UnsupportedContentType(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback: its body is larger than {MaxBodySize} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, int maxBodySize);

    public static void Malformed(ILogger logger, string problem) => MalformedCore(logger, LogText.Safe(problem));

    public static void UnknownEvent(ILogger logger, string eventType) => UnknownEventCore(logger, LogText.Safe(eventType));

    public static void RequestAnswered(ILogger logger, string? verificationId, string? method, string maskedNumber, VerificationAction action) =>
        RequestAnsweredCore(logger, LogText.Safe(verificationId), LogText.Safe(method), LogText.Safe(maskedNumber), action);

    public static void ResultReceived(ILogger logger, string? verificationId, string? method, string maskedNumber, string? status) =>
        ResultReceivedCore(logger, LogText.Safe(verificationId), LogText.Safe(method), LogText.Safe(maskedNumber), LogText.Safe(status));

    public static void SmsDelivered(ILogger logger, string? verificationId, string maskedNumber, string? smsResult) =>
        SmsDeliveredCore(logger, LogText.Safe(verificationId), LogText.Safe(maskedNumber), LogText.Safe(smsResult));

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A signed Sinch verification callback could not be parsed: {Problem}")]
    private static partial void MalformedCore(ILogger logger, string problem);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Acknowledged a Sinch verification callback of unknown event type '{EventType}' without handling it.")]
    private static partial void UnknownEventCore(ILogger logger, string eventType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Answered verification request {VerificationId} ({Method}, {MaskedNumber}) with {Action}.")]
    private static partial void RequestAnsweredCore(ILogger logger, string verificationId, string method, string maskedNumber, VerificationAction action);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Verification {VerificationId} ({Method}, {MaskedNumber}) ended {Status}.")]
    private static partial void ResultReceivedCore(ILogger logger, string verificationId, string method, string maskedNumber, string status);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "SMS of verification {VerificationId} ({MaskedNumber}): {SmsResult}.")]
    private static partial void SmsDeliveredCore(ILogger logger, string verificationId, string maskedNumber, string smsResult);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Rejected a Sinch verification callback with {StatusCode}: its body could not be read (malformed chunked framing, or it arrived too slowly).")]
    public static partial void UnreadableBody(ILogger logger, int statusCode);
}
