using System;
using Microsoft.Extensions.Logging;

namespace Sinch.Verification.Generated.Diagnostics;

// Every log line of the client. The parameters are chosen so that no secret, signature, PIN or
// full phone number can reach a log: operations are named by operationId, never by URL.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Sinch Verification {Operation} answered {StatusCode} in {DurationMs:0.0} ms after {Attempts} attempt(s)")]
    public static partial void Completed(ILogger logger, string operation, int statusCode, double durationMs, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Sinch Verification {Operation} failed with {StatusCode} errorCode {ErrorCode} in {DurationMs:0.0} ms after {Attempts} attempt(s)")]
    public static partial void Failed(ILogger logger, string operation, int statusCode, int? errorCode, double durationMs, int attempts);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Sinch Verification {Operation} did not complete ({ErrorType}) in {DurationMs:0.0} ms after {Attempts} attempt(s)")]
    public static partial void Faulted(ILogger logger, string operation, string errorType, double durationMs, int attempts);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Retrying Sinch Verification {Operation} (attempt {Attempt}) in {DelayMs:0} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Sinch Verification circuit breaker opened for {BreakDuration}; requests fail fast until then")]
    public static partial void BreakerOpened(ILogger logger, TimeSpan breakDuration);
}
