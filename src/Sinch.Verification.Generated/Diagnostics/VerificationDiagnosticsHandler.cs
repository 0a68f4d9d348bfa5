using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sinch.Verification.Generated.Resilience;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// Outermost handler of the client pipeline: one span, one duration measurement and one log line
/// per operation (retries included). Names operations by operationId and path template, never by
/// URL, so no phone number or reference reaches a trace or log.
/// </summary>
public sealed class VerificationDiagnosticsHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">Where operation outcomes are logged; nowhere when null.</param>
    public VerificationDiagnosticsHandler(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>Sends the request; when anyone listens, inside the operation's span, with its duration measured and one log line.</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Nobody listens (no span listener, no meter listener, logging off): pass straight through.
        // Warning is the lowest level this handler logs at when something goes wrong.
        if (!VerificationDiagnostics.ActivitySource.HasListeners() && !VerificationDiagnostics.RequestDuration.Enabled && !_logger.IsEnabled(LogLevel.Warning))
        {
            return base.SendAsync(request, cancellationToken);
        }

        return SendObservedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = VerificationOperation.Of(request);
        using var activity = VerificationDiagnostics.ActivitySource.StartActivity(operation.ActivityName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.template", operation.PathTemplate);
            activity.SetTag("server.address", request.RequestUri?.Host);
            activity.SetTag(VerificationDiagnostics.OperationTag, operation.Name);
        }

        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (response.IsSuccessStatusCode)
            {
                // Checked first: reading the attempt count creates the request's Options bag.
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    Log.Completed(_logger, operation.Name, status, elapsed.TotalMilliseconds, Attempts(request));
                }
                Record(elapsed, request, operation, status, errorType: null);
            }
            else
            {
                var errorType = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag("error.type", errorType);
                Record(elapsed, request, operation, status, errorType);
                if (_logger.IsEnabled(LogLevel.Warning))
                {
                    // Buffered so the client can still read the body to build its exception.
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    Log.Failed(_logger, operation.Name, status, VerificationApiException.ReadErrorCode(body), elapsed.TotalMilliseconds, Attempts(request));
                }
            }

            return response;
        }
        catch (Exception e)
        {
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var errorType = e.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag("error.type", errorType);
            Record(elapsed, request, operation, status: null, errorType);
            Log.Faulted(_logger, operation.Name, errorType, elapsed.TotalMilliseconds, Attempts(request));
            throw;
        }
    }

    // Tags are only built when someone listens: boxing the status code costs on every call.
    private static void Record(TimeSpan elapsed, HttpRequestMessage request, VerificationOperation operation, int? status, string? errorType)
    {
        if (!VerificationDiagnostics.RequestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "http.request.method", request.Method.Method },
            { VerificationDiagnostics.OperationTag, operation.Name },
        };
        if (status is not null) tags.Add("http.response.status_code", status.Value);
        if (errorType is not null) tags.Add("error.type", errorType);
        VerificationDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static int Attempts(HttpRequestMessage request) =>
#if NET
        request.Options.TryGetValue(VerificationResiliencePipeline.AttemptsKey, out var attempts) ? attempts : 1;
#else
        request.Properties.TryGetValue(VerificationResiliencePipeline.AttemptsKey, out var attempts) && attempts is int n ? n : 1;
#endif
}
