using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Authentication;
using Sinch.Verification.Emulator.Callbacks;
using Sinch.Verification.Emulator.Diagnostics;
using Sinch.Verification.Emulator.State;
using Sinch.Verification.Emulator.Validation;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator;

/// <summary>
/// The emulator itself: in-memory verifications, the outbox and callback delivery, independent
/// of how it is hosted. <see cref="VerificationEmulator"/> hosts one on a loopback port; to serve
/// it from your own app, register it with
/// <see cref="EmulatorServiceCollectionExtensions.AddVerificationEmulator"/> and map it with
/// <see cref="EmulatorEndpointRouteBuilderExtensions.MapVerificationEmulator(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)"/>.
/// Thread-safe.
/// </summary>
public sealed class EmulatorService : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The name of the emulator's meter: <c>Sinch.Verification.Emulator</c>. Its metrics:
    /// <c>sinch.verification.emulator.verifications</c>, <c>sinch.verification.emulator.outbox.messages</c>
    /// (held now) and <c>sinch.verification.emulator.evictions</c> (dropped by retention).
    /// </summary>
    public const string MeterName = "Sinch.Verification.Emulator";

    // Expiry is also checked on every read and report, and retention before every request; the
    // sweep makes result events of expired verifications go out, and memory go, without anyone asking.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ApiHandler _api;
    private readonly HostFilter _hosts;
    private readonly OutboxHandler _outboxHandler;
    private readonly SeamlessHandler _seamlessHandler;
    private readonly StatsHandler _statsHandler;
    private readonly DescriptionHandler _descriptionHandler;
    private readonly VerificationEngine _engine;
    private readonly VerificationStore _store;
    private readonly Retention _retention;
    private readonly EmulatorMetrics _metrics;
    private readonly CallbackSender? _callbacks;
    private readonly ITimer _sweep;
    private readonly ILogger _logger;

    /// <summary>Creates an emulator; nothing listens until it is mapped into an app.</summary>
    /// <param name="options">Key, secret and behaviour; copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where to log; no logging when null. Secrets, codes and full numbers are never logged.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public EmulatorService(EmulatorOptions options, ILoggerFactory? loggerFactory = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options = options.Clone();
        options.Validate();

        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Sinch.Verification.Emulator");
        var time = options.TimeProvider ?? TimeProvider.System;
        Outbox = new EmulatorOutbox();
        _store = new VerificationStore();
        _retention = new Retention(_store, Outbox, time, options.Retention, options.MaxEndedVerifications);
        _callbacks = options.CallbackUrl is null
            ? null
            : new CallbackSender(options.CallbackUrl, new ApplicationSigner(options.ApplicationKey!, options.ApplicationSecret!),
                options.CallbackHandler, time, options.CallbackTimeout, _logger);
        _engine = new VerificationEngine(_store, _retention, Outbox, _callbacks, time, options.Expiry, _logger, options.TerminationDebiting, options.SmsDeliveredEvents);
        _api = new ApiHandler(_engine, new RequestAuthenticator(options.ApplicationKey!, options.ApplicationSecret!, time, options.MaxClockSkew),
            options.MaxRequestBodyBytes, _logger);
        _outboxHandler = new OutboxHandler(Outbox, _logger);
        _seamlessHandler = new SeamlessHandler(_engine, _logger);
        _statsHandler = new StatsHandler(_store, Outbox, _retention, _logger);
        _descriptionHandler = new DescriptionHandler(_logger);
        _hosts = new HostFilter(options.AllowedHosts);
        _metrics = new EmulatorMetrics(this, _store, Outbox, _retention);
        _sweep = time.CreateTimer(static state => ((EmulatorService)state!).Sweep(), this, SweepInterval, SweepInterval);

        // Start parsing the spec now so the first request does not pay for it.
        _ = SpecSchemas.GetAsync(CancellationToken.None);
    }

    /// <summary>What would have reached the phones. Not part of Sinch's API.</summary>
    public EmulatorOutbox Outbox { get; }

    /// <summary>
    /// Waits until every result event sent so far has been delivered to the callback URL (or has
    /// failed). Result events go out in the background; tests await this before asserting on
    /// what their callback endpoint received. Completes at once without a callback URL.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the deliveries continue).</param>
    public Task WaitForCallbacksAsync(CancellationToken cancellationToken = default) =>
        _callbacks?.WaitForDeliveriesAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Stops the expiry sweep, the metrics and callback delivery, giving result events in flight a moment to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _sweep.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        if (_callbacks is not null)
        {
            await _callbacks.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the expiry sweep and the metrics and cancels callback delivery at once (for containers disposed synchronously).</summary>
    public void Dispose()
    {
        _sweep.Dispose();
        _metrics.Dispose();
        _callbacks?.Dispose();
    }

    /// <summary>Serves <c>/verification/v1/{**rest}</c>.</summary>
    internal Task HandleApiAsync(HttpContext context) => Serve(_api.HandleAsync, context);

    /// <summary>Serves <c>/emulator/outbox/{**rest}</c>.</summary>
    internal Task HandleOutboxAsync(HttpContext context) => Serve(_outboxHandler.HandleAsync, context);

    /// <summary>Serves <c>/emulator/seamless/{**rest}</c>, the target URIs of seamless verifications.</summary>
    internal Task HandleSeamlessAsync(HttpContext context) => Serve(_seamlessHandler.HandleAsync, context);

    /// <summary>Serves <c>/emulator/stats</c>.</summary>
    internal Task HandleStatsAsync(HttpContext context) => Serve(_statsHandler.HandleAsync, context);

    /// <summary>Serves <c>/emulator/openapi.yaml</c>, the description of the emulator's own endpoints.</summary>
    internal Task HandleDescriptionAsync(HttpContext context) => Serve(_descriptionHandler.HandleAsync, context);

    /// <summary>Answers any other path with 404/40400 in Sinch's error shape.</summary>
    internal Task HandleUnknownAsync(HttpContext context) =>
        Serve(c => HttpExchange.RunAsync(c, _logger, _ => throw EmulatorApiException.NotFound("Resource")), context);

    /// <summary>Entries in every index of verifications and messages: what must return to 0 when all are dropped.</summary>
    internal int IndexEntries => _store.IndexEntries + Outbox.IndexEntries;

    internal void LogListening(string baseUrl, string outboxUrl) => Log.Listening(_logger, baseUrl, outboxUrl);

    // Answers only a Host that names the emulator (HostFilter). Every request first drops what
    // retention says is due (O(1) when nothing is), so what it reads is already trimmed, also on a
    // clock that only moves when a test moves it.
    private Task Serve(Func<HttpContext, Task> handle, HttpContext context)
    {
        if (!_hosts.Allows(context))
        {
            return _hosts.RefuseAsync(context);
        }

        _retention.DropDue();
        return handle(context);
    }

    // Expires and drops without a request, so an idle emulator releases memory too.
    private void Sweep()
    {
        try
        {
            _engine.ExpireDue();
        }
        catch (Exception e)
        {
            // An exception escaping a timer callback would end the process.
            Log.SweepFailed(_logger, e);
        }
    }
}
