using System;
using System.Diagnostics.Metrics;
using System.Reflection;
using Sinch.Verification.Emulator.State;

namespace Sinch.Verification.Emulator.Diagnostics;

/// <summary>
/// What an emulator holds, as metrics of the meter <see cref="EmulatorService.MeterName"/>:
/// <c>sinch.verification.emulator.verifications</c> and
/// <c>sinch.verification.emulator.outbox.messages</c> (held now) and
/// <c>sinch.verification.emulator.evictions</c> (dropped by retention so far). All are observed
/// when a listener collects, so requests pay nothing for them. One meter per emulator, disposed
/// with it: several emulators in one process report side by side, and their counts add up.
/// </summary>
internal sealed class EmulatorMetrics : IDisposable
{
    private static readonly string? Version = typeof(EmulatorMetrics).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private readonly Meter _meter;

    // The emulator is the meter's Scope: it tells a listener which emulator it is hearing.
    public EmulatorMetrics(EmulatorService emulator, VerificationStore store, EmulatorOutbox outbox, Retention retention)
    {
        _meter = new Meter(new MeterOptions(EmulatorService.MeterName) { Version = Version, Scope = emulator });
        // Up-down counters, not gauges: a count of things held is additive across emulators.
        _meter.CreateObservableUpDownCounter("sinch.verification.emulator.verifications", () => store.Count,
            "{verification}", "Verifications the emulator holds, pending and ended.");
        _meter.CreateObservableUpDownCounter("sinch.verification.emulator.outbox.messages", () => outbox.Count,
            "{message}", "Messages the emulator's outbox holds.");
        _meter.CreateObservableCounter("sinch.verification.emulator.evictions", () => retention.Evictions,
            "{verification}", "Ended verifications dropped by retention (time or count), with their outbox messages.");
    }

    public void Dispose() => _meter.Dispose();
}
