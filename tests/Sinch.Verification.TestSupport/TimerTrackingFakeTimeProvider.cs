using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also shows which of its timers are waiting to fire, so a test can wait
/// until the code under test has scheduled its delay or timeout before moving the clock.
/// </summary>
/// <remarks>
/// <see cref="FakeTimeProvider"/> fires only the timers that exist when it is advanced and has no public view of
/// them: advancing before a retry has scheduled its backoff moves the clock past nothing, and the test cannot tell
/// how long the code chose to wait. The timers themselves are <see cref="FakeTimeProvider"/>'s; this only keeps a
/// list of their due times beside them.
/// </remarks>
/// <param name="start">The time the clock shows until the test moves it.</param>
public sealed class TimerTrackingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly object _gate = new();
    private readonly HashSet<TrackedTimer> _timers = new();

    /// <summary>Due times, from now, of the timers waiting to fire, shortest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            // Read the clock outside the lock: FakeTimeProvider has its own, and the two are never nested.
            var now = GetUtcNow();
            lock (_gate) return _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - now).Order().ToList();
        }
    }

    /// <summary>
    /// Waits (in real time, at most <paramref name="safety"/>) until a timer whose delay matches
    /// <paramref name="delay"/> is pending; false if none came. The clock does not move meanwhile.
    /// </summary>
    public bool WaitForTimer(Func<TimeSpan, bool> delay, TimeSpan safety) =>
        SpinWait.SpinUntil(() => PendingDelays.Any(delay), safety);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Created stopped and then started through the wrapper, so the due time is on the list before a
        // zero due time can fire inside FakeTimeProvider.
        var timer = new TrackedTimer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class TrackedTimer(TimerTrackingFakeTimeProvider owner) : ITimer
    {
        private TimeSpan _period;
        private bool _disposed;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var now = owner.GetUtcNow();
            lock (owner._gate)
            {
                if (_disposed) return false;
                _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
                owner._timers.Add(this);
            }

            // Outside the lock: a due time of zero fires at once, and the callback may read the list.
            return Inner.Change(dueTime, period);
        }

        public void Fired()
        {
            lock (owner._gate) DueAt = _period > TimeSpan.Zero ? DueAt + _period : null;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                _disposed = true;
                owner._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
