using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Sinch.Verification.Generated.Tests.Support;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Generated.Tests.Resilience;

/// <summary>The retry rule: reads are retried, starts and reports are never sent twice.</summary>
[TestClass]
public sealed class RetryTests
{
    private const string Ok = """{"id":"1","status":"SUCCESSFUL"}""";

    private static RecordingApi Api(TimeProvider? time = null, Action<VerificationClientOptions>? configure = null) => new(time: time, configure: o =>
    {
        o.Resilience.MaxRetryAttempts = 3;
        o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        configure?.Invoke(o);
    });

    [TestMethod]
    public async Task A_read_is_retried_after_503_and_succeeds_with_a_fresh_signature()
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, o => o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(800)).Answer(HttpStatusCode.ServiceUnavailable, "{\"errorCode\":50300}").Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d < TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), "a backoff delay is scheduled");
        Assert.HasCount(1, api.Requests, "the retry waits for its backoff");
        time.Advance(time.PendingDelays.First());
        var status = await call;

        Assert.AreEqual(VerificationStatus.Successful, status.Status);
        var attempts = api.Requests.ToList();
        Assert.HasCount(2, attempts);
        Assert.AreNotEqual(attempts[0].Timestamp, attempts[1].Timestamp, "each attempt is signed at its own time");
        Assert.AreNotEqual(attempts[0].Authorization, attempts[1].Authorization);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.ServiceUnavailable)]
    [DataRow(HttpStatusCode.TooManyRequests)]
    [DataRow(HttpStatusCode.RequestTimeout)]
    public async Task A_start_is_sent_once_whatever_the_answer(HttpStatusCode status)
    {
        var api = Api().Answer(status, "{\"errorCode\":" + ((int)status * 100) + "}").Answer(HttpStatusCode.OK, Ok);

        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));

        Assert.AreEqual((int)status, e.StatusCode);
        Assert.HasCount(1, api.Requests, "a retried start could send a second SMS");
    }

    [TestMethod]
    public async Task A_report_is_sent_once_after_a_5xx()
    {
        var api = Api().Answer(HttpStatusCode.BadGateway, "").Answer(HttpStatusCode.OK, Ok);
        await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.ReportVerificationByIdAsync("1", ReportVerificationRequest.ForSms("1234")));
        Assert.HasCount(1, api.Requests, "a retried report counts as a second attempt");
    }

    [TestMethod]
    public async Task A_start_is_retried_when_the_connection_could_not_even_be_opened()
    {
        var api = Api()
            .Answer(() => throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"))
            .Answer(HttpStatusCode.OK, """{"id":"1"}""");

        var started = await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"));

        Assert.AreEqual("1", started.Id);
        Assert.HasCount(2, api.Requests);
    }

    [TestMethod]
    public async Task A_start_is_not_retried_when_the_connection_broke_after_sending()
    {
        var api = Api()
            .Answer(() => throw new HttpRequestException(HttpRequestError.ResponseEnded, "response ended"))
            .Answer(HttpStatusCode.OK, """{"id":"1"}""");

        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));
        Assert.HasCount(1, api.Requests);
    }

    [TestMethod]
    public async Task Unsafe_requests_are_retried_only_when_the_user_opts_in()
    {
        var api = Api(configure: o => o.Resilience.RetryUnsafeRequests = true)
            .Answer(HttpStatusCode.ServiceUnavailable, "").Answer(HttpStatusCode.OK, """{"id":"1"}""");
        await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"));
        Assert.HasCount(2, api.Requests);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.NotFound)]
    [DataRow(HttpStatusCode.BadRequest)]
    [DataRow(HttpStatusCode.Unauthorized)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status)
    {
        var api = Api().Answer(status, "{\"errorCode\":" + ((int)status * 100) + "}").Answer(HttpStatusCode.OK, Ok);
        await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        Assert.HasCount(1, api.Requests);
    }

    [TestMethod]
    public async Task A_retry_after_beyond_the_cap_waits_only_MaxRetryDelay()
    {
        // Microsoft.Extensions.Http.Resilience's own Retry-After reader would wait the full 120 s.
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, o => o.Resilience.MaxRetryDelay = TimeSpan.FromSeconds(5)).Answer(() =>
        {
            var r = RecordingApi.Json(HttpStatusCode.ServiceUnavailable, "{\"errorCode\":50300}");
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return r;
        }).Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), "the retry waits MaxRetryDelay: " + string.Join(", ", time.PendingDelays));
        Assert.IsFalse(time.PendingDelays.Any(d => d > TimeSpan.FromSeconds(5) && d < TimeSpan.FromSeconds(121) && d != TimeSpan.FromSeconds(30)), "no longer delay: " + string.Join(", ", time.PendingDelays));
        time.Advance(TimeSpan.FromSeconds(5));
        await call;
        Assert.HasCount(2, api.Requests);
    }

    [TestMethod]
    public async Task A_429_with_retry_after_seconds_waits_that_long()
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time).Answer(() =>
        {
            var r = RecordingApi.Json(HttpStatusCode.TooManyRequests, "{\"errorCode\":42900}");
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return r;
        }).Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(7), TimeSpan.FromMinutes(1)), "the retry waits exactly Retry-After: " + string.Join(", ", time.PendingDelays));
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.HasCount(1, api.Requests, "not before Retry-After has passed");
        time.Advance(TimeSpan.FromSeconds(1));
        await call;
        Assert.HasCount(2, api.Requests);
    }

    // The budget a retry's wait must fit. The total timeout is also HttpClient.Timeout, which runs
    // on the real clock: long, so that it never ends a call while a test moves the fake clock.
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    private static Action<VerificationClientOptions> WithBudget(Action<VerificationClientOptions>? configure = null) => o =>
    {
        o.Resilience.TotalTimeout = Budget;
        o.Resilience.MaxRetryDelay = TimeSpan.FromHours(1); // no cap in the way
        configure?.Invoke(o);
    };

    [TestMethod]
    [DataRow(HttpStatusCode.ServiceUnavailable, 600, DisplayName = "503, Retry-After equal to the total timeout")]
    [DataRow(HttpStatusCode.ServiceUnavailable, 601, DisplayName = "503, Retry-After beyond the total timeout")]
    [DataRow(HttpStatusCode.TooManyRequests, 600, DisplayName = "429, Retry-After equal to the total timeout")]
    [DataRow(HttpStatusCode.TooManyRequests, 601, DisplayName = "429, Retry-After beyond the total timeout")]
    public async Task A_retry_after_that_does_not_end_before_the_total_timeout_is_not_waited_and_the_caller_gets_the_answer(HttpStatusCode status, int retryAfterSeconds)
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, WithBudget()).Answer(() => WithRetryAfter(status, TimeSpan.FromSeconds(retryAfterSeconds))).Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        EndsWithoutWaiting(call, time); // it used to wait, and end as a TaskCanceledException at HttpClient.Timeout
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => call);

        Assert.AreEqual((int)status, e.StatusCode);
        Assert.AreEqual((int)status * 100, e.ErrorCode);
        Assert.AreEqual(retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Headers["Retry-After"].Single(), "the server's Retry-After reaches the caller");
        Assert.HasCount(1, api.Requests, "one attempt");
        Assert.AreEqual(DateTimeOffset.UnixEpoch, time.GetUtcNow(), "answered without the clock moving: no wait was started");
    }

    [TestMethod]
    [DataRow(HttpStatusCode.ServiceUnavailable)]
    [DataRow(HttpStatusCode.TooManyRequests)]
    public async Task A_retry_after_that_ends_before_the_total_timeout_is_waited_and_the_read_retried(HttpStatusCode status)
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, WithBudget()).Answer(() => WithRetryAfter(status, TimeSpan.FromSeconds(599))).Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(599), TimeSpan.FromMinutes(1)), "the retry waits Retry-After: " + string.Join(", ", time.PendingDelays));
        time.Advance(TimeSpan.FromSeconds(598));
        Assert.HasCount(1, api.Requests, "not before Retry-After has passed");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual(VerificationStatus.Successful, (await call).Status);
        Assert.HasCount(2, api.Requests);
    }

    [TestMethod]
    [DataRow(359, true, DisplayName = "240 s waited, 359 s of the 360 s left fits")]
    [DataRow(360, false, DisplayName = "240 s waited, 360 s of the 360 s left does not fit")]
    public async Task The_budget_a_retry_must_fit_is_what_is_left_of_the_total_timeout(int secondRetryAfter, bool retried)
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, WithBudget())
            .Answer(() => WithRetryAfter(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(240)))
            .Answer(() => WithRetryAfter(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(secondRetryAfter)))
            .Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(240), TimeSpan.FromMinutes(1)), "the first Retry-After fits: " + string.Join(", ", time.PendingDelays));
        time.Advance(TimeSpan.FromSeconds(240));
        if (retried)
        {
            Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(secondRetryAfter), TimeSpan.FromMinutes(1)), "the second fits what is left: " + string.Join(", ", time.PendingDelays));
            time.Advance(TimeSpan.FromSeconds(secondRetryAfter));
            Assert.AreEqual(VerificationStatus.Successful, (await call).Status);
            Assert.HasCount(3, api.Requests);
        }
        else
        {
            EndsWithoutWaiting(call, time);
            var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => call);
            Assert.AreEqual(503, e.StatusCode);
            Assert.HasCount(2, api.Requests);
            Assert.AreEqual(DateTimeOffset.UnixEpoch.AddSeconds(240), time.GetUtcNow(), "the second wait was not started");
        }
    }

    [TestMethod]
    public async Task A_backoff_that_does_not_end_before_the_total_timeout_is_not_waited_either()
    {
        // No Retry-After: the backoff is RetryBaseDelay ±25 %, 15 to 25 min here, beyond the 10 min budget.
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, WithBudget(o => o.Resilience.RetryBaseDelay = TimeSpan.FromMinutes(20)))
            .Answer(HttpStatusCode.ServiceUnavailable, "{\"errorCode\":50300}").Answer(HttpStatusCode.OK, Ok);

        var call = api.Client.GetVerificationByIdAsync("1");
        EndsWithoutWaiting(call, time);
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => call);

        Assert.AreEqual(503, e.StatusCode);
        Assert.HasCount(1, api.Requests);
        Assert.AreEqual(DateTimeOffset.UnixEpoch, time.GetUtcNow());
    }

    // Waits until the call has ended or a retry wait is pending on the fake clock (a timer longer
    // than the 10 s attempt timeout), whichever comes first, and fails on the second: a wait that
    // was started would hold the call until the real HttpClient.Timeout, minutes away.
    private static void EndsWithoutWaiting(Task call, TimerTrackingFakeTimeProvider time)
    {
        System.Threading.SpinWait.SpinUntil(() => call.IsCompleted || time.PendingDelays.Any(d => d > TimeSpan.FromSeconds(10)), TimeSpan.FromMinutes(1));
        Assert.IsTrue(call.IsCompleted, "a retry wait was started: " + string.Join(", ", time.PendingDelays));
    }

    private static HttpResponseMessage WithRetryAfter(HttpStatusCode status, TimeSpan retryAfter)
    {
        var response = RecordingApi.Json(status, "{\"errorCode\":" + ((int)status * 100) + "}");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    [TestMethod]
    public void Retry_after_as_an_http_date_becomes_the_time_until_that_date_capped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var inTwelve = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        inTwelve.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(-5));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var max = TimeSpan.FromSeconds(10);
        Assert.AreEqual(max, Generated.Resilience.VerificationResiliencePipeline.RetryAfter(inTwelve, time, max));
        Assert.AreEqual(TimeSpan.FromSeconds(12), Generated.Resilience.VerificationResiliencePipeline.RetryAfter(inTwelve, time, TimeSpan.FromMinutes(1)));
        Assert.AreEqual(TimeSpan.Zero, Generated.Resilience.VerificationResiliencePipeline.RetryAfter(past, time, max));
        Assert.IsNull(Generated.Resilience.VerificationResiliencePipeline.RetryAfter(none, time, max));
    }

    [TestMethod]
    public async Task The_breaker_opens_after_failures_and_recovers_after_the_break()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = Api(time, o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerMinimumThroughput = 2;
            o.Resilience.CircuitBreakerFailureRatio = 0.5;
            o.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(5);
        });
        api.Answer(HttpStatusCode.ServiceUnavailable, "").Answer(HttpStatusCode.ServiceUnavailable, "").Answer(HttpStatusCode.OK, Ok);

        await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        await Assert.ThrowsExactlyAsync<BrokenCircuitException>(() => api.Client.GetVerificationByIdAsync("1"));
        Assert.HasCount(2, api.Requests, "an open breaker fails fast without sending");

        time.Advance(TimeSpan.FromSeconds(5));
        var status = await api.Client.GetVerificationByIdAsync("1");
        Assert.AreEqual(VerificationStatus.Successful, status.Status);
        Assert.HasCount(3, api.Requests);
    }

    [TestMethod]
    public async Task A_slow_attempt_times_out_and_the_read_is_retried()
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var first = new HangsFirstTime();
        var options = Api(configure: o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(800);
        }).Options;
        var client = VerificationClient.Create(options, first, time);

        var call = client.GetVerificationByIdAsync("1");
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.IsTrue(time.WaitForTimer(d => d < TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)), "then a backoff delay");
        time.Advance(time.PendingDelays.First());
        Assert.AreEqual(VerificationStatus.Successful, (await call).Status);
        Assert.AreEqual(2, first.Calls);
    }

    [TestMethod]
    public async Task A_slow_start_times_out_at_the_attempt_timeout_and_is_not_sent_again()
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var first = new HangsFirstTime();
        var options = Api(configure: o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2)).Options;
        var client = VerificationClient.Create(options, first, time);

        var call = client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"));
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsExactlyAsync<Polly.Timeout.TimeoutRejectedException>(() => call);
        Assert.AreEqual(1, first.Calls, "a start that may have reached the server is not sent again");
    }

    [TestMethod]
    public async Task With_unsafe_retries_on_a_slow_start_times_out_and_is_sent_again()
    {
        var time = new TimerTrackingFakeTimeProvider(DateTimeOffset.UnixEpoch);
        var first = new HangsFirstTime();
        var options = Api(configure: o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(800);
            o.Resilience.RetryUnsafeRequests = true;
        }).Options;
        var client = VerificationClient.Create(options, first, time);

        var call = client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"));
        Assert.IsTrue(time.WaitForTimer(d => d == TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.IsTrue(time.WaitForTimer(d => d < TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)), "then a backoff delay");
        time.Advance(time.PendingDelays.First());
        Assert.AreEqual("1", (await call).Id);
        Assert.AreEqual(2, first.Calls);
    }

    /// <summary>Hangs on the first request until its token is cancelled, then answers 200.</summary>
    private sealed class HangsFirstTime : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            if (System.Threading.Interlocked.Increment(ref Calls) == 1)
            {
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return RecordingApi.Json(HttpStatusCode.OK, Ok);
        }
    }
}
