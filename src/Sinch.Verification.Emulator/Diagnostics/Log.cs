using System;
using Microsoft.Extensions.Logging;

namespace Sinch.Verification.Emulator.Diagnostics;

/// <summary>
/// Every log line of the emulator. Numbers are masked (<c>PhoneNumbers.Mask</c>) before they get
/// here; codes, CLIs, secrets and signatures are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Emulator listening; Verification API at {BaseUrl}, outbox at {OutboxUrl}")]
    public static partial void Listening(ILogger logger, string baseUrl, string outboxUrl);

    [LoggerMessage(2, LogLevel.Information, "Started {Method} verification {Id} for {MaskedNumber}")]
    public static partial void Started(ILogger logger, string method, string id, string maskedNumber);

    [LoggerMessage(3, LogLevel.Information, "Verification {Id} ended {Outcome}")]
    private static partial void Ended(ILogger logger, string id, string outcome);

    /// <summary>Logs the final status, with its reason when there is one ("FAIL/Invalid code").</summary>
    public static void Ended(ILogger logger, string id, string status, string? reason) =>
        Ended(logger, id, reason is null ? status : status + "/" + reason);

    [LoggerMessage(4, LogLevel.Information, "Rejected {HttpMethod} {Operation}: HTTP {StatusCode}, errorCode {ErrorCode}: {Message}")]
    public static partial void Rejected(ILogger logger, string httpMethod, string operation, int statusCode, int errorCode, string message);

    [LoggerMessage(5, LogLevel.Warning, "Callback {EventType} for verification {Id} failed: {Detail}")]
    public static partial void CallbackFailed(ILogger logger, string eventType, string id, string detail);

    [LoggerMessage(6, LogLevel.Debug, "Callback {EventType} for verification {Id} answered HTTP {StatusCode}")]
    public static partial void CallbackDelivered(ILogger logger, string eventType, string id, int statusCode);

    [LoggerMessage(7, LogLevel.Error, "Unexpected error while handling {HttpMethod} {Operation}; answered 500")]
    public static partial void Unexpected(ILogger logger, Exception exception, string httpMethod, string operation);

    [LoggerMessage(8, LogLevel.Error, "The expiry sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
