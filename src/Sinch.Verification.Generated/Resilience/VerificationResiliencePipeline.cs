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
/// dependency injection alike: Polly's and Microsoft.Extensions.Http.Resilience's strategies (retry
/// → circuit breaker → attempt timeout) run by the library's <see cref="ResilienceHandler"/>, with
/// this SDK's retry rule and its waits (<see cref="RetryWaits"/>: exponential backoff with jitter or
/// a capped <c>Retry-After</c>, and no retry whose wait would outlast the total timeout). The total timeout,
/// around all of it, is <see cref="HttpClient.Timeout"/>. The handler sits
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
        var waits = new RetryWaits(time, options.RetryBaseDelay, options.MaxRetryDelay, options.TotalTimeout);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            // Outermost: notes when the operation started, the start of its total timeout.
            builder.AddStrategy(_ => waits.StartStrategy());

            // Polly's plain retry options, not HttpRetryStrategyOptions: that one's own Retry-After
            // reader (which waits whatever the server asks) is switched by a setter that also
            // replaces DelayGenerator, so the result would depend on the order of two assignments.
            // The wait is chosen in ShouldHandle, not by Polly's backoff: a wait that would end at
            // or after the total timeout means no retry at all, and only ShouldHandle can say so.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => new ValueTask<bool>(
                    ShouldRetry(args.Outcome, args.Context, retryUnsafe) && waits.TryChoose(args.Outcome.Result, args.AttemptNumber, args.Context)),
                // The wait ShouldHandle chose: Retry-After (capped) or the backoff.
                DelayGenerator = args => new ValueTask<TimeSpan?>(waits.Chosen(args.Context)),
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

    /// <summary>
    /// The wait before each retry, and the one rule that refuses a retry whose wait cannot fit the
    /// total timeout: the server's <c>Retry-After</c> capped at <c>MaxRetryDelay</c>, else the
    /// exponential backoff (<c>RetryBaseDelay</c> doubled per retry, ±25 % jitter, capped too);
    /// when that wait would end at or after the total timeout (counted on the pipeline's clock from
    /// the start of the operation), there is no retry and the caller gets the last answer (the
    /// 429/503 as a <see cref="VerificationApiException"/>) instead of a cancellation halfway
    /// through the wait. The caller's own token has no deadline to read, so only the SDK's total
    /// timeout counts.
    /// </summary>
    internal sealed class RetryWaits(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan totalTimeout)
    {
        private static readonly ResiliencePropertyKey<long> StartedKey = new("Sinch.Verification.Started");
        private static readonly ResiliencePropertyKey<TimeSpan> WaitKey = new("Sinch.Verification.RetryWait");
#if !NET
        [ThreadStatic]
        private static Random? _random;
#endif

        /// <summary>The strategy that notes the operation's start in its resilience context (one timestamp per operation).</summary>
        public ResilienceStrategy StartStrategy() => new Start(time);

        /// <summary>How much of the total timeout is left; the whole of it when the start was not noted.</summary>
        public TimeSpan Remaining(ResilienceContext context) =>
            context.Properties.TryGetValue(StartedKey, out var started) ? totalTimeout - time.GetElapsedTime(started) : totalTimeout;

        /// <summary>Chooses the wait before retry <paramref name="attempt"/> + 1; false, with nothing chosen, when it would not end before the total timeout.</summary>
        public bool TryChoose(HttpResponseMessage? response, int attempt, ResilienceContext context)
        {
            var wait = RetryAfter(response, time, maxDelay) ?? Backoff(attempt);
            if (wait >= Remaining(context))
            {
                return false;
            }

            context.Properties.Set(WaitKey, wait);
            return true;
        }

        /// <summary>The wait <see cref="TryChoose"/> chose for this retry.</summary>
        public TimeSpan? Chosen(ResilienceContext context) => context.Properties.TryGetValue(WaitKey, out var wait) ? wait : null;

        // RetryBaseDelay × 2^attempt, ±25 %, at most MaxRetryDelay (computed in milliseconds, so a
        // large base delay caps instead of overflowing TimeSpan).
        private TimeSpan Backoff(int attempt)
        {
            var milliseconds = baseDelay.TotalMilliseconds * Math.Pow(2, attempt) * (0.75 + (0.5 * NextRandom()));
            return milliseconds >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(milliseconds);
        }

#if NET
        private static double NextRandom() => Random.Shared.NextDouble();
#else
        private static double NextRandom() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
#endif

        private sealed class Start(TimeProvider time) : ResilienceStrategy
        {
            protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
            {
                context.Properties.Set(StartedKey, time.GetTimestamp());
                return callback(context, state);
            }
        }
    }

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
