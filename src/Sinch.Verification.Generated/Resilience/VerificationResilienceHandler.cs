using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Sinch.Verification.Generated.Diagnostics;

namespace Sinch.Verification.Generated.Resilience;

/// <summary>
/// Runs each request through a Polly.Core pipeline: retry (reads only by default, exponential
/// backoff with jitter, <c>Retry-After</c> honoured) → circuit breaker → attempt timeout. The
/// total timeout, around all of it, is <see cref="HttpClient.Timeout"/>. Put it <i>outside</i> <see cref="Authentication.VerificationAuthenticationHandler"/>
/// so that every attempt is signed with its own timestamp.
/// </summary>
public sealed class VerificationResilienceHandler : DelegatingHandler
{
    /// <summary>How many attempts an operation took, set only when it was retried (read by the diagnostics handler).</summary>
#if NET
    internal static readonly HttpRequestOptionsKey<int> AttemptsKey = new("Sinch.Verification.Attempts");
#else
    internal const string AttemptsKey = "Sinch.Verification.Attempts"; // HttpRequestMessage.Properties on netstandard2.0
#endif

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Sinch.Verification.Request");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the handler over a pipeline from <see cref="CreatePipeline"/> (share one pipeline per client so the breaker sees all its traffic).</summary>
    public VerificationResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) =>
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));

    /// <summary>Builds the pipeline described by <paramref name="options"/>.</summary>
    /// <param name="options">Timeouts, retry and breaker settings; validated here.</param>
    /// <param name="timeProvider">Clock for delays and timeouts; the system clock when null.</param>
    /// <param name="logger">Receives retry and breaker events; none when null.</param>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(VerificationResilienceOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        // Values, not the options object: changing the options later must not change a built pipeline.
        var retryUnsafe = options.RetryUnsafeRequests;
        var maxDelay = options.MaxRetryDelay;
        // The total timeout is HttpClient.Timeout (set from the same option by Create and by DI):
        // HttpClient applies one to every request anyway, so a second one here would only cost.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retryUnsafe)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, time, maxDelay)),
                OnRetry = args =>
                {
                    // Counted here, on the rare retry path, rather than per attempt: a request's
                    // Options bag costs a dictionary the first time it is touched.
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
#if NET
                    request.Options.Set(AttemptsKey, args.AttemptNumber + 2);
#else
                    request.Properties[AttemptsKey] = args.AttemptNumber + 2;
#endif
                    var operation = VerificationOperation.Identify(request).Name;
                    VerificationDiagnostics.Retries.Add(1, new System.Collections.Generic.KeyValuePair<string, object?>("sinch.verification.operation", operation));
                    if (logger is not null)
                    {
                        var reason = args.Outcome.Exception?.GetType().Name ?? "HTTP " + (int)args.Outcome.Result!.StatusCode;
                        Log.Retrying(logger, operation, args.AttemptNumber + 2, args.RetryDelay.TotalMilliseconds, reason);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                if (logger is not null) Log.BreakerOpened(logger, args.BreakDuration);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        ValueTask<Outcome<HttpResponseMessage>> pending;
        try
        {
            pending = _pipeline.ExecuteOutcomeAsync(Attempt, context, (this, request));
        }
        catch
        {
            ResilienceContextPool.Shared.Return(context);
            throw;
        }

        // An answer that is already there (a buffered handler, a test double) needs no state
        // machine; everything else, failures included, goes through the awaiting path. The
        // ValueTask is consumed once: a finished failure is handed on as its outcome.
        if (pending.IsCompletedSuccessfully)
        {
            var outcome = pending.Result;
            if (outcome is { Exception: null, Result: { } response })
            {
                ResilienceContextPool.Shared.Return(context);
                return Task.FromResult(response);
            }

            pending = new ValueTask<Outcome<HttpResponseMessage>>(outcome);
        }

        return CompleteAsync(pending, context);
    }

    private static async Task<HttpResponseMessage> CompleteAsync(ValueTask<Outcome<HttpResponseMessage>> pending, ResilienceContext context)
    {
        try
        {
            var outcome = await pending.ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // One attempt, as Polly calls it; the same shortcut for an attempt that completed synchronously.
    private static readonly Func<ResilienceContext, (VerificationResilienceHandler Handler, HttpRequestMessage Request), ValueTask<Outcome<HttpResponseMessage>>> Attempt =
        static (context, state) =>
        {
            Task<HttpResponseMessage> sending;
            try
            {
                sending = state.Handler.SendAttemptAsync(state.Request, context.CancellationToken);
            }
            catch (Exception e)
            {
                return new ValueTask<Outcome<HttpResponseMessage>>(Outcome.FromException<HttpResponseMessage>(e));
            }

            return sending.Status == TaskStatus.RanToCompletion
                ? new ValueTask<Outcome<HttpResponseMessage>>(Outcome.FromResult(sending.Result))
                : AwaitAttemptAsync(sending);
        };

    private static async ValueTask<Outcome<HttpResponseMessage>> AwaitAttemptAsync(Task<HttpResponseMessage> sending)
    {
        try
        {
            return Outcome.FromResult(await sending.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            return Outcome.FromException<HttpResponseMessage>(e);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    // The retry rule. Reads are retried on any transient failure. Starts and reports are
    // retried only when the connection could not be opened (DNS, TCP connect or TLS), which
    // proves the server never saw them — unless the user opted in to RetryUnsafeRequests.
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool retryUnsafe)
    {
        if (!IsTransient(outcome))
        {
            return false;
        }

        if (retryUnsafe || IsRead(context.Properties.GetValue(RequestKey, null!).Method))
        {
            return true;
        }

#if NET
        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };
#else
        return outcome.Exception is HttpRequestException e && NeverConnected(e);
#endif
    }

    private static bool IsRead(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        // 429: HttpStatusCode.TooManyRequests, which netstandard2.0 does not name.
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or (HttpStatusCode)429 || (int)response.StatusCode >= 500,
        _ => false,
    };

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
                case WebException { Status: WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ConnectFailure or WebExceptionStatus.SecureChannelFailure or WebExceptionStatus.TrustFailure }:
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
