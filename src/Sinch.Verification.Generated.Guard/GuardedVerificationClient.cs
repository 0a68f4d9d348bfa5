using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Sinch.Verification.Generated.Guard;

/// <summary>An <see cref="IVerificationClient"/> whose starts pass a <see cref="VerificationGuard"/> first (<see cref="GuardedVerificationClient"/>); mock it in tests.</summary>
public interface IGuardedVerificationClient : IVerificationClient
{
    /// <summary>The guard, e.g. to read or reset its breakers, or to record result callbacks.</summary>
    VerificationGuard Guard { get; }

    /// <summary>Checks the start with the guard for <paramref name="callerKey"/> (client IP, account), then sends it.</summary>
    /// <exception cref="VerificationRefusedException">The guard refused the start; nothing was sent.</exception>
    Task<StartVerificationResponse> StartVerificationAsync(StartVerificationRequest request, string? callerKey, string? acceptLanguage, CancellationToken cancellationToken = default);
}

/// <summary>
/// An <see cref="IVerificationClient"/> with a <see cref="VerificationGuard"/> in front of every
/// start: a refused start throws <see cref="VerificationRefusedException"/> and sends nothing. It
/// also teaches the guard's conversion breaker: each start it sends, and each report and status
/// read it returns, are recorded. Thread-safe, like the client it wraps.
/// </summary>
public sealed class GuardedVerificationClient : IGuardedVerificationClient, IAsyncDisposable, IDisposable
{
    private static readonly AsyncLocal<string?> AmbientCaller = new();

    private readonly IVerificationClient _inner;
    private readonly bool _ownsInnerAndGuard;

    /// <summary>Wraps <paramref name="inner"/> with <paramref name="guard"/>; both stay the caller's to dispose.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public GuardedVerificationClient(IVerificationClient inner, VerificationGuard guard)
        : this(inner, guard, ownsInnerAndGuard: false)
    {
    }

    private GuardedVerificationClient(IVerificationClient inner, VerificationGuard guard, bool ownsInnerAndGuard)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _ownsInnerAndGuard = ownsInnerAndGuard;
    }

    /// <inheritdoc />
    public VerificationGuard Guard { get; }

    /// <summary>
    /// A client and its own guard, without dependency injection (as <see cref="VerificationClient.Create"/>).
    /// Create it once and reuse it; disposing it disposes both.
    /// </summary>
    public static GuardedVerificationClient Create(VerificationClientOptions clientOptions, VerificationGuardOptions guardOptions, HttpMessageHandler? transport = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        var guard = new VerificationGuard(guardOptions, timeProvider, loggerFactory);
        return new(VerificationClient.Create(clientOptions, transport, timeProvider, loggerFactory), guard, ownsInnerAndGuard: true);
    }

    /// <summary>Disposes the client and the guard when <see cref="Create"/> made them; otherwise nothing.</summary>
    public void Dispose()
    {
        if (_ownsInnerAndGuard)
        {
            (_inner as IDisposable)?.Dispose();
            Guard.Dispose();
        }
    }

    /// <summary>Disposes the client and the guard when <see cref="Create"/> made them; otherwise nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsInnerAndGuard)
        {
            (_inner as IDisposable)?.Dispose();
            await Guard.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Names the caller of the starts made in this async flow (client IP, account), for the per-caller
    /// limit, when the client is used as an <see cref="IVerificationClient"/> (dependency injection):
    /// <c>using (GuardedVerificationClient.ForCaller(ip)) { await client.StartVerificationAsync(...); }</c>.
    /// </summary>
    public static IDisposable ForCaller(string callerKey)
    {
        var previous = AmbientCaller.Value;
        AmbientCaller.Value = callerKey ?? throw new ArgumentNullException(nameof(callerKey));
        return new Restore(previous);
    }

    /// <inheritdoc />
    public Task<StartVerificationResponse> StartVerificationAsync(StartVerificationRequest request, string? acceptLanguage = null, CancellationToken cancellationToken = default) =>
        StartVerificationAsync(request, AmbientCaller.Value, acceptLanguage, cancellationToken);

    /// <inheritdoc />
    public async Task<StartVerificationResponse> StartVerificationAsync(StartVerificationRequest request, string? callerKey, string? acceptLanguage, CancellationToken cancellationToken = default)
    {
        await Guard.CheckStartAsync(request, callerKey, cancellationToken).ConfigureAwait(false);
        var started = await _inner.StartVerificationAsync(request, acceptLanguage, cancellationToken).ConfigureAwait(false);
        await Guard.RecordStartedAsync(started.Id, request.Identity.Endpoint, cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <inheritdoc />
    public async Task<ReportVerificationResponse> ReportVerificationByIdentityAsync(string endpoint, ReportVerificationRequest request, CancellationToken cancellationToken = default)
    {
        var report = await _inner.ReportVerificationByIdentityAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
        await Guard.RecordOutcomeAsync(report.Id, report.Status, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <inheritdoc />
    public async Task<ReportVerificationResponse> ReportVerificationByIdAsync(string id, ReportVerificationRequest request, CancellationToken cancellationToken = default)
    {
        var report = await _inner.ReportVerificationByIdAsync(id, request, cancellationToken).ConfigureAwait(false);
        await Guard.RecordOutcomeAsync(report.Id, report.Status, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <inheritdoc />
    public Task<VerificationStatusResponse> GetVerificationByIdAsync(string id, CancellationToken cancellationToken = default) =>
        Learn(_inner.GetVerificationByIdAsync(id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<VerificationStatusResponse> GetVerificationByReferenceAsync(string reference, CancellationToken cancellationToken = default) =>
        Learn(_inner.GetVerificationByReferenceAsync(reference, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<VerificationStatusResponse> GetVerificationByIdentityAsync(VerificationMethod method, string endpoint, CancellationToken cancellationToken = default) =>
        Learn(_inner.GetVerificationByIdentityAsync(method, endpoint, cancellationToken), cancellationToken);

    private async Task<VerificationStatusResponse> Learn(Task<VerificationStatusResponse> read, CancellationToken cancellationToken)
    {
        var status = await read.ConfigureAwait(false);
        await Guard.RecordOutcomeAsync(status.Id, status.Status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => AmbientCaller.Value = previous;
    }
}
