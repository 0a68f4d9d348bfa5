using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly.Timeout;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Generated.Tests.Resilience;

/// <summary>
/// Every operation through every network fault, over a real loopback socket (<see cref="FaultServer"/>):
/// how many requests reached the server, what the caller got, and that no call hung. A start or
/// a report may reach the server at most once; only a connection that was never opened may be
/// tried again. The matrix is printed to the test output and written to fault-matrix.txt beside
/// the test assembly (.ci/run prints it).
/// </summary>
/// <remarks>
/// No outcome depends on how fast the machine is. Each call runs on its own fake clock
/// (<see cref="TimerTrackingFakeTimeProvider"/>), which drives the attempt timeout and the retry
/// waits and which the test moves only in two cases: a retry waits (by its wait), or the server
/// holds a request unanswered (<see cref="Fault.SlowHeaders"/>: by the attempt timeout). An
/// attempt can therefore end only on what the server did, never because a loaded machine was
/// slow (with a real 1 s attempt timeout, the first cell, a start against a refused port while the
/// HTTP stack was still being compiled, timed out under a load average of 20, and was rightly not
/// tried again: "1 connection attempts, expected 3"). The total
/// timeout is <see cref="System.Net.Http.HttpClient.Timeout"/>, on the real clock: it is what a body
/// that stalls after its headers ends on (<see cref="Fault.SlowBody"/>), and far out of reach for
/// every other fault.
/// </remarks>
[TestClass]
public sealed class FaultMatrixTests
{
    private const int Retries = 2;
    // On the fake clock: long, as it costs nothing, so that no retry wait can be taken for it.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    // Caps Retry-After: 1 (on the fake clock too); every retry wait is at most this.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(50);
    // Real time. A stalled body ends on it; before that, only the request must reach the loopback
    // server (the body path is warm by then: TruncatedBody runs just before).
    private static readonly TimeSpan BodyStallTimeout = TimeSpan.FromSeconds(5);
    // Real time, for every other fault: never reached, so no cell races the machine's speed.
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(5);
    // Real time: a call still running after this is hung (a margin for a loaded machine, not a speed goal).
    private static readonly TimeSpan HangAfter = TimeSpan.FromMinutes(1);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task No_fault_sends_a_start_or_report_twice_and_no_call_hangs()
    {
        // Every operation of the spec, called with its examples; whether a retry is safe is the
        // generated operation table's (the spec's x-sinch-retry-safe), which the client obeys.
        var operations = SpecOperations.All.Select(o => (Operation: o, IsRead: RetrySafe(o.OperationId))).ToList();
        foreach (var (operation, _) in operations)
        {
            _ = operation.Arguments(TestContext.CancellationToken); // a call that cannot be built fails here, naming its operation, not in every cell
        }


        var rows = new List<Row>();
        foreach (var fault in Enum.GetValues<Fault>())
        {
            // The operations of one fault side by side, each with its own server and client.
            rows.AddRange(await Task.WhenAll(operations.Select(o => RunAsync(fault, o.Operation.OperationId, o.IsRead, (c, ct) => o.Operation.InvokeAsync(c, ct)))));
        }

        var matrix = Render(rows);
        TestContext.WriteLine(matrix);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fault-matrix.txt"), matrix);

        var failures = rows.Where(r => r.Failure is not null).Select(r => $"{r.Fault} / {r.OperationId}: {r.Failure}").ToList();
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures) + Environment.NewLine + matrix);
    }

    private static bool RetrySafe(string operationId) =>
        VerificationOperation.All.SingleOrDefault(o => o.Name == operationId)?.RetrySafe
            ?? throw new AssertFailedException($"{operationId}: not in the generated operation table (VerificationOperation.All)");

    private sealed record Row(Fault Fault, string OperationId, bool IsRead, int Connects, int Requests, TimeSpan Clock, string Outcome, string? Failure);

    private async Task<Row> RunAsync(Fault fault, string operationId, bool isRead, Func<IVerificationClient, CancellationToken, Task> call)
    {
        await using var server = new FaultServer(fault);
        var options = new VerificationClientOptions
        {
            ApplicationKey = RecordingApi.Key,
            ApplicationSecret = RecordingApi.Secret,
            BaseUrl = server.BaseUrl,
        };
        options.Resilience.MaxRetryAttempts = Retries;
        options.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.MaxRetryDelay = MaxRetryDelay;
        options.Resilience.AttemptTimeout = AttemptTimeout;
        options.Resilience.TotalTimeout = fault == Fault.SlowBody ? BodyStallTimeout : TotalTimeout;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new TimerTrackingFakeTimeProvider(start);
        using var client = VerificationClient.Create(options, server.CreateTransport(), clock);

        var running = call(client, TestContext.CancellationToken);
        if (!await DriveAsync(running, clock, server))
        {
            return new Row(fault, operationId, isRead, server.ConnectAttempts, server.Requests, clock.GetUtcNow() - start, "hung", $"the call was still running after {HangAfter.TotalSeconds:0} s");
        }

        Exception? error = null;
        try
        {
            await running;
        }
        catch (Exception e)
        {
            error = e;
        }

        var requests = server.Requests;
        var connects = server.ConnectAttempts;
        var elapsed = clock.GetUtcNow() - start;
        var outcome = Describe(error);
        return new Row(fault, operationId, isRead, connects, requests, elapsed, outcome, Check(fault, isRead, connects, requests, server.HeldRequests, elapsed, error));
    }

    // Moves the call's clock until the call ends: by a retry's wait as soon as one is pending, and
    // by the attempt timeout once for each request the server holds unanswered. Any other timer
    // (a wait beyond MaxRetryDelay, an attempt timeout with no request held) is left alone, and the
    // call then counts as hung. False when the call is still running after HangAfter (real time).
    private static async Task<bool> DriveAsync(Task running, TimerTrackingFakeTimeProvider clock, FaultServer server)
    {
        var timedOut = 0;
        var started = Stopwatch.GetTimestamp();
        while (!running.IsCompleted)
        {
            if (Stopwatch.GetElapsedTime(started) > HangAfter)
            {
                return false;
            }

            var pending = clock.PendingDelays;
            if (pending.Count > 0 && pending[0] <= MaxRetryDelay)
            {
                clock.Advance(pending[0]);
                continue;
            }

            if (server.HeldRequests > timedOut && pending.Contains(AttemptTimeout))
            {
                timedOut++;
                clock.Advance(AttemptTimeout);
                continue;
            }

            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(2)));
        }

        return true;
    }

    // What each fault must lead to. Reads are retried on every transient fault; starts and
    // reports reach the server at most once and are tried again only when no connection opened.
    private static string? Check(Fault fault, bool isRead, int connects, int requests, int held, TimeSpan clock, Exception? error)
    {
        // Nothing waited but the attempt timeouts of the requests the server held and the retry waits.
        var attempts = Math.Max(connects, requests);
        var least = held * AttemptTimeout;
        var most = least + (Math.Max(attempts, 1) - 1) * MaxRetryDelay;
        if (clock < least || clock > most)
        {
            return $"{clock.TotalMilliseconds:0} ms passed on the call's clock, expected {least.TotalMilliseconds:0} to {most.TotalMilliseconds:0} ms ({held} attempt timeouts, at most {MaxRetryDelay.TotalMilliseconds:0} ms per retry)";
        }

        // No connection opened: nothing was sent, so every operation is tried again, starts and reports too.
        if (fault is Fault.ConnectionRefused or Fault.DnsFailure && connects != 1 + Retries)
        {
            return $"{connects} connection attempts, expected {1 + Retries} (a request that never left is retried)";
        }

        var expectedRequests = fault switch
        {
            Fault.ConnectionRefused or Fault.DnsFailure => 0,
            Fault.TruncatedBody or Fault.SlowBody => 1, // the status was 200: the body is read after the pipeline, never retried
            _ => isRead ? 1 + Retries : 1,
        };
        // SlowBody runs on the real clock (its total timeout also covers connecting and sending): on
        // a machine too busy to get the request out within it, none arrives. What matters holds
        // either way: it is never sent twice.
        var tooBusyToSend = fault == Fault.SlowBody && requests == 0;
        if (requests != expectedRequests && !tooBusyToSend)
        {
            return $"{requests} requests reached the server, expected {expectedRequests}";
        }

        if (!isRead && requests > 1)
        {
            return "a start or report reached the server more than once";
        }

        return fault switch
        {
            Fault.ConnectionRefused => error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } ? null : "expected HttpRequestException(ConnectionError), got " + Describe(error),
            Fault.DnsFailure => error is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } ? null : "expected HttpRequestException(NameResolutionError), got " + Describe(error),
            // Not a connection error: the request was sent, so a start or report must not be retried.
            Fault.ResetMidResponse => error is HttpRequestException { HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError) }
                ? null
                : "expected HttpRequestException after the request was sent, got " + Describe(error),
            Fault.SlowHeaders => error is TimeoutRejectedException ? null : "expected TimeoutRejectedException, got " + Describe(error),
            Fault.ServiceUnavailable or Fault.ServiceUnavailableWithRetryAfter => ApiError(error, 503, 50300),
            Fault.TooManyRequests => ApiError(error, 429, 42900),
            Fault.ProxyHtml => error is VerificationApiException { StatusCode: 502, ErrorCode: null } e && e.ResponseBody.Contains("Bad Gateway", StringComparison.Ordinal)
                ? null
                : "expected VerificationApiException(502, no errorCode, the HTML in ResponseBody), got " + Describe(error),
            // Read after the pipeline returned the 200, so no retry: the caller sees the broken body.
            Fault.SlowBody => error is TaskCanceledException { InnerException: TimeoutException } ? null : "expected TaskCanceledException(TimeoutException) at the total timeout, got " + Describe(error),
            Fault.TruncatedBody => error is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } ? null : "expected HttpIOException(ResponseEnded), got " + Describe(error),
            _ => "no expectation for " + fault,
        };
    }

    private static string? ApiError(Exception? error, int status, int errorCode) =>
        error is VerificationApiException e && e.StatusCode == status && e.ErrorCode == errorCode
            ? null
            : $"expected VerificationApiException({status}, {errorCode}), got {Describe(error)}";

    private static string Describe(Exception? error) => error switch
    {
        null => "success",
        VerificationApiException e => $"VerificationApiException({e.StatusCode}, {e.ErrorCode?.ToString() ?? "-"})",
        HttpRequestException e => $"HttpRequestException({e.HttpRequestError})",
        HttpIOException e => $"HttpIOException({e.HttpRequestError})",
        TaskCanceledException { InnerException: TimeoutException } => "TaskCanceledException(TimeoutException)",
        _ => error.GetType().Name,
    };

    private static string Render(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"fault matrix: connections tried / requests that reached the server / time passed on the call's clock / what the caller got");
        text.AppendLine($"({Retries} retries; attempt timeout {AttemptTimeout.TotalSeconds:0} s and retry waits on a fake clock per call, moved only when a retry waits or the server holds a request; total timeout {BodyStallTimeout.TotalSeconds:0} s for SlowBody, {TotalTimeout.TotalMinutes:0} min otherwise)");
        text.AppendLine($"{"fault",-34} {"operation",-30} {"kind",-6} {"connects",8} {"requests",8} {"clock",8}  outcome");
        foreach (var row in rows)
        {
            text.AppendLine($"{row.Fault,-34} {row.OperationId,-30} {(row.IsRead ? "read" : "unsafe"),-6} {row.Connects,8} {row.Requests,8} {row.Clock.TotalSeconds,7:0.000}s  {row.Outcome}{(row.Failure is null ? "" : "  <-- " + row.Failure)}");
        }

        var unsafeRows = rows.Where(r => !r.IsRead).ToList();
        text.AppendLine($"duplicated starts or reports: {unsafeRows.Count(r => r.Requests > 1)} of {unsafeRows.Count} calls");
        return text.ToString();
    }
}
