using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// A clock that only moves when a test moves it (<see cref="Now"/> or <see cref="Advance"/>), so tests
/// can check "expires after 2 minutes" or "waits 2 s" without waiting. Never moved, it is a fixed clock.
/// </summary>
/// <remarks>
/// By default its timers (Polly's delays and timeouts, an emulator's sweep) are manual too: they fire
/// when the clock is moved past their due time, and <see cref="PendingDelays"/> shows what is waiting.
/// With <c>realTimers: true</c> timers run on real time instead (the base <see cref="TimeProvider"/>'s),
/// for tests that pin the wall clock but still need e.g. a 1 ms retry backoff to elapse on its own;
/// such timers never show in <see cref="PendingDelays"/>.
/// (Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider does not restore here.)
/// </remarks>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly bool _realTimers;
    private DateTimeOffset _now;

    /// <param name="start">The time the clock shows until it is moved.</param>
    /// <param name="realTimers">Timers run on real time instead of firing when the clock is moved.</param>
    public ManualClock(DateTimeOffset start, bool realTimers = false)
    {
        _now = start;
        _realTimers = realTimers;
    }

    /// <summary>The time the clock shows. Setting it moves the clock (forward or back) and fires the manual timers now due.</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => MoveTo(_ => value);
    }

    /// <summary>Due times, from now, of the manual timers waiting to fire, shortest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_gate) return _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - _now).OrderBy(d => d).ToList();
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (_realTimers)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock by <paramref name="by"/> and fires the manual timers now due (each at most once per move).</summary>
    public void Advance(TimeSpan by) => MoveTo(now => now + by);

    /// <summary>Spins (real time, bounded by <paramref name="safety"/>) until a manual timer whose delay matches <paramref name="delay"/> is pending.</summary>
    public bool WaitForTimer(Func<TimeSpan, bool> delay, TimeSpan safety) =>
        SpinWait.SpinUntil(() => PendingDelays.Any(delay), safety);

    private void MoveTo(Func<DateTimeOffset, DateTimeOffset> next)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now = next(_now);
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var t in due)
            {
                t.DueAt = t.Period > TimeSpan.Zero ? _now + t.Period : null;
            }
        }

        // Outside the lock: a callback may read the clock or change its own timer.
        foreach (var t in due)
        {
            t.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
