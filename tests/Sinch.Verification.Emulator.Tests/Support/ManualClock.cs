using System;
using System.Threading;

namespace Sinch.Verification.Emulator.Tests.Support;

/// <summary>A clock that moves only when a test says so. Timers stay real (the base class's), which the emulator only uses for its background sweep.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
