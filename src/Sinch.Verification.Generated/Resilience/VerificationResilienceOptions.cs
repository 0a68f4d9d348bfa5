using System;

namespace Sinch.Verification.Generated.Resilience;

/// <summary>
/// Timeouts, retries and the circuit breaker of the client's HTTP pipeline (the same shape as
/// Microsoft.Extensions.Http.Resilience's standard handler, built on Polly.Core).
/// </summary>
/// <remarks>
/// <b>Only reads are retried by default.</b> <c>POST /verifications</c> may send another SMS or
/// place another call, and every <c>PUT</c> report counts as an attempt, so neither is retried
/// once it may have reached the server. They are retried only when the connection could not be
/// opened at all (DNS, TCP connect or TLS failure), which proves nothing was sent — unless
/// <see cref="RetryUnsafeRequests"/> says otherwise.
/// </remarks>
public sealed class VerificationResilienceOptions
{
    /// <summary>Whether the pipeline is used at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Limit for a whole operation, retries and their delays included (default 30 s). Applied as
    /// <see cref="System.Net.Http.HttpClient.Timeout"/>; when it elapses the call fails with a
    /// <see cref="System.Threading.Tasks.TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>.
    /// </summary>
    /// <remarks>
    /// A retry is made only when its wait (the server's <c>Retry-After</c> capped at
    /// <see cref="MaxRetryDelay"/>, or the backoff) ends before this limit, counted from the start
    /// of the operation. Otherwise the call ends at once with the last answer, a 429 or 503 as a
    /// <see cref="VerificationApiException"/> (its <c>Retry-After</c> in
    /// <see cref="VerificationApiException.Headers"/>), instead of being cancelled during the wait.
    /// A <see cref="System.Threading.CancellationToken"/> has no deadline to read, so only this limit counts.
    /// </remarks>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for one attempt (default 10 s); a timed-out read is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (default 3; 0 turns retries off).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry, with ±25 % jitter, up to <see cref="MaxRetryDelay"/> (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound of any delay, a server's <c>Retry-After</c> included (default 30 s). A delay that
    /// would end at or after <see cref="TotalTimeout"/> is not waited: there is no retry (see there).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retry POST (start) and PUT (report) like reads. Default false: a retried start can send a
    /// second SMS or call, and a retried report counts as a second attempt.
    /// </summary>
    public bool RetryUnsafeRequests { get; set; }

    /// <summary>Share of failed attempts in <see cref="CircuitBreakerSamplingDuration"/> that opens the breaker (default 0.1).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Attempts needed in the sampling window before the breaker may open (default 100).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    /// <summary>Window over which failures are counted (default 30 s).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before letting a trial request through (default 5 s).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sets the client's total timeout (only when the pipeline is enabled; otherwise HttpClient's default stays).</summary>
    internal void ApplyTo(System.Net.Http.HttpClient http)
    {
        if (Enabled)
        {
            http.Timeout = TotalTimeout;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(TotalTimeout, nameof(TotalTimeout));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(MaxRetryDelay, nameof(MaxRetryDelay));

        // Polly's own limits, checked here so a bad value fails at start-up naming the setting,
        // not at the first request naming Polly's option types.
        Within(AttemptTimeout, TimeSpan.FromMilliseconds(10), "10 ms", nameof(AttemptTimeout));
        Within(CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), "0.5 s", nameof(CircuitBreakerBreakDuration));
        Within(CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), "0.5 s", nameof(CircuitBreakerSamplingDuration));

        if (MaxRetryAttempts is < 0 or > 10)
        {
            throw new ArgumentException("Resilience.MaxRetryAttempts must be between 0 and 10.", nameof(MaxRetryAttempts));
        }

        if (CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            throw new ArgumentException("Resilience.CircuitBreakerFailureRatio must be greater than 0 and at most 1.", nameof(CircuitBreakerFailureRatio));
        }

        if (CircuitBreakerMinimumThroughput < 2)
        {
            throw new ArgumentException("Resilience.CircuitBreakerMinimumThroughput must be at least 2.", nameof(CircuitBreakerMinimumThroughput));
        }
    }

    private static void Within(TimeSpan value, TimeSpan min, string minText, string name)
    {
        if (value < min || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"Resilience.{name} must be between {minText} and 1 day.", name);
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Resilience.{name} must be positive.", name);
        }
    }
}
