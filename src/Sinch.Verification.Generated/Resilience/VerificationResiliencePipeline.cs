using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Sinch.Verification.Generated.Diagnostics;

namespace Sinch.Verification.Generated.Resilience;

/// <summary>
/// The one definition of the client's resilience, for <see cref="VerificationClient.Create"/> and
/// dependency injection alike: Microsoft.Extensions.Http.Resilience's strategies (retry with
/// exponential backoff and jitter → circuit breaker → attempt timeout) run by its
/// <see cref="ResilienceHandler"/>, with this SDK's retry rule and a capped <c>Retry-After</c>.
/// The total timeout, around all of it, is <see cref="HttpClient.Timeout"/>. The handler sits
/// <i>outside</i> <see cref="Authentication.VerificationAuthenticationHandler"/>, so every attempt
/// is signed with its own timestamp.
/// </summary>
/// <remarks>
/// Not <c>AddStandardResilienceHandler</c>: its unsafe-method switch never retries a POST or PUT,
/// even a start whose connection was never opened; it refuses attempt timeouts longer than
/// half the breaker's sampling window; and it waits any <c>Retry-After</c> in full. The pipeline
/// is built without Polly's telemetry, so a plain call logs only this SDK's own line.
/// </remarks>
internal static class VerificationResiliencePipeline
{
    /// <summary>How many attempts an operation took, set only when it was retried (read by the diagnostics handler).</summary>
#if NET
    internal static readonly HttpRequestOptionsKey<int> AttemptsKey = new("Sinch.Verification.Attempts");
#else
    internal const string AttemptsKey = "Sinch.Verification.Attempts"; // HttpRequestMessage.Properties on netstandard2.0
#endif

    /// <summary>The handler that runs <paramref name="pipeline"/> around the rest of the client pipeline.</summary>
    public static DelegatingHandler CreateHandler(ResiliencePipeline<HttpResponseMessage> pipeline) => new ResilienceHandler(pipeline);

    /// <summary>Builds the pipeline described by <paramref name="options"/> (validated here).</summary>
    /// <param name="options">Timeouts, retry and breaker settings.</param>
    /// <param name="timeProvider">Clock for delays and timeouts; the system clock when null.</param>
    /// <param name="logger">Receives retry and breaker events; none when null.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(VerificationResilienceOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        // Values, not the options object: changing the options later must not change a built pipeline.
        var retryUnsafe = options.RetryUnsafeRequests;
        var maxDelay = options.MaxRetryDelay;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            // Polly's plain retry options, not HttpRetryStrategyOptions: that one's own Retry-After
            // reader (which waits whatever the server asks) is switched by a setter that also
            // replaces DelayGenerator, so the result would depend on the order of two assignments.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retryUnsafe)),
                // Retry-After, capped at MaxRetryDelay.
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, time, maxDelay)),
                OnRetry = args =>
                {
                    // Counted here, on the rare retry path, rather than per attempt: a request's
                    // Options bag costs a dictionary the first time it is touched.
                    var request = args.Context.GetRequestMessage()!;
#if NET
                    request.Options.Set(AttemptsKey, args.AttemptNumber + 2);
#else
                    request.Properties[AttemptsKey] = args.AttemptNumber + 2;
#endif
                    var operation = VerificationOperation.Of(request).Name;
                    VerificationDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>(VerificationDiagnostics.OperationTag, operation));
                    if (logger is not null)
                    {
                        var reason = args.Outcome.Exception?.GetType().Name ?? "HTTP " + (int)args.Outcome.Result!.StatusCode;
                        Log.Retrying(logger, operation, args.AttemptNumber + 2, args.RetryDelay.TotalMilliseconds, reason);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            OnOpened = args =>
            {
                if (logger is not null) Log.BreakerOpened(logger, args.BreakDuration);
                return default;
            },
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    // The retry rule. Retry-safe operations (the spec's x-sinch-retry-safe: reads) are retried on
    // any transient failure (the library's definition: 408, 429, 5xx, HttpRequestException,
    // attempt timeout). The others (starts, reports) are retried only when
    // the connection could not be opened (DNS, TCP connect or TLS), which proves the server never
    // saw them — unless the user opted in to RetryUnsafeRequests.
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool retryUnsafe)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        // A request without an operation row (sent through the client's HttpClient directly): its verb decides.
        var request = context.GetRequestMessage()!;
        var operation = VerificationOperation.Of(request);
        var retrySafe = operation == VerificationOperation.Unknown ? request.Method == HttpMethod.Get || request.Method == HttpMethod.Head : operation.RetrySafe;
        if (retryUnsafe || retrySafe)
        {
            return true;
        }

#if NET
        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };
#else
        return outcome.Exception is HttpRequestException e && NeverConnected(e);
#endif
    }

#if !NET
    // netstandard2.0 has no HttpRequestError: read the cause from the inner exceptions instead.
    // Only errors that happen before a byte of the request is sent count (DNS, TCP connect, TLS
    // handshake); anything else, a reset connection included, may have reached the server.
    private static bool NeverConnected(HttpRequestException exception)
    {
        for (Exception? e = exception.InnerException; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable }:
                case System.Security.Authentication.AuthenticationException:
                case System.Net.WebException { Status: System.Net.WebExceptionStatus.NameResolutionFailure or System.Net.WebExceptionStatus.ConnectFailure or System.Net.WebExceptionStatus.SecureChannelFailure or System.Net.WebExceptionStatus.TrustFailure }:
                    return true;
            }
        }

        return false;
    }
#endif

    /// <summary>The server's <c>Retry-After</c> (seconds or HTTP date) as a delay, capped; null to use the backoff.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }
}
