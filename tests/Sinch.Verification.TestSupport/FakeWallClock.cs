using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that fakes the wall clock only: <see cref="FakeTimeProvider.GetUtcNow"/> shows the
/// time the test sets (<see cref="FakeTimeProvider.SetUtcNow"/>, <see cref="FakeTimeProvider.Advance"/>), while timers,
/// delays and timestamps run on real time.
/// </summary>
/// <remarks>
/// For tests that pin the time a request is signed or checked at but need short real waits to elapse on their own
/// (a 1 ms retry backoff, the emulator's sweep and callback deliveries). With a plain <see cref="FakeTimeProvider"/>
/// those timers would wait for the test to move the clock, and the call would hang. Tests that step a delay or a
/// timeout by hand use <see cref="TimerTrackingFakeTimeProvider"/> instead.
/// </remarks>
/// <param name="now">The time the clock shows until the test moves it.</param>
public sealed class FakeWallClock(DateTimeOffset now) : FakeTimeProvider(now)
{
    /// <inheritdoc/>
    public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;

    /// <inheritdoc/>
    public override long GetTimestamp() => TimeProvider.System.GetTimestamp();

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        TimeProvider.System.CreateTimer(callback, state, dueTime, period);
}
