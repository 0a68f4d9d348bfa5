using System;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Diagnostics;

/// <summary>
/// Every log line of the emulator. Numbers are masked (<c>PhoneNumbers.Mask</c>) before they get
/// here; codes, CLIs, secrets and signatures are never logged. Text that came from outside (an
/// HTTP method, an error message that names a member or a value, why a callback failed) goes
/// through <see cref="LogText.Safe"/> here, whoever calls: escaped, so it cannot forge or end a
/// line, and with every digit run that could be a number masked.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Emulator listening; Verification API at {BaseUrl}, outbox at {OutboxUrl}")]
    public static partial void Listening(ILogger logger, string baseUrl, string outboxUrl);

    public static void Started(ILogger logger, string method, string id, string maskedNumber) =>
        StartedCore(logger, LogText.Safe(method), LogText.Escape(id), LogText.Safe(maskedNumber));

    [LoggerMessage(2, LogLevel.Information, "Started {Method} verification {Id} for {MaskedNumber}")]
    private static partial void StartedCore(ILogger logger, string method, string id, string maskedNumber);

    [LoggerMessage(3, LogLevel.Information, "Verification {Id} ended {Outcome}")]
    private static partial void Ended(ILogger logger, string id, string outcome);

    /// <summary>Logs the final status, with its reason when there is one ("FAIL/Invalid code").</summary>
    public static void Ended(ILogger logger, string id, string status, string? reason) =>
        Ended(logger, id, reason is null ? status : status + "/" + reason);

    public static void Rejected(ILogger logger, string httpMethod, string operation, int statusCode, int errorCode, string message) =>
        RejectedCore(logger, LogText.Safe(httpMethod), LogText.Safe(operation), statusCode, errorCode, LogText.Safe(message));

    [LoggerMessage(4, LogLevel.Information, "Rejected {HttpMethod} {Operation}: HTTP {StatusCode}, errorCode {ErrorCode}: {Message}")]
    private static partial void RejectedCore(ILogger logger, string httpMethod, string operation, int statusCode, int errorCode, string message);

    /// <summary>Logs why a callback failed; <paramref name="detail"/> may quote the receiver's reply (a member, a value).</summary>
    public static void CallbackFailed(ILogger logger, string eventType, string id, string detail) =>
        CallbackFailedCore(logger, LogText.Escape(eventType), LogText.Escape(id), LogText.Safe(detail));

    [LoggerMessage(5, LogLevel.Warning, "Callback {EventType} for verification {Id} failed: {Detail}")]
    private static partial void CallbackFailedCore(ILogger logger, string eventType, string id, string detail);

    [LoggerMessage(6, LogLevel.Debug, "Callback {EventType} for verification {Id} answered HTTP {StatusCode}")]
    public static partial void CallbackDelivered(ILogger logger, string eventType, string id, int statusCode);

    public static void Unexpected(ILogger logger, Exception exception, string httpMethod, string operation) =>
        UnexpectedCore(logger, exception, LogText.Safe(httpMethod), LogText.Safe(operation));

    [LoggerMessage(7, LogLevel.Error, "Unexpected error while handling {HttpMethod} {Operation}; answered 500")]
    private static partial void UnexpectedCore(ILogger logger, Exception exception, string httpMethod, string operation);

    [LoggerMessage(8, LogLevel.Error, "The expiry sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
