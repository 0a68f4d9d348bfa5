using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// Keeps memory bounded: ended verifications wait in a queue in the order they ended, and the
/// oldest are dropped (from every index of the <see cref="VerificationStore"/> and, with their
/// message, from the <see cref="EmulatorOutbox"/>) once they ended
/// <see cref="EmulatorOptions.Retention"/> ago or more than
/// <see cref="EmulatorOptions.MaxEndedVerifications"/> have ended. Pending verifications are not in
/// the queue, so they are never dropped. <see cref="DropDue"/> runs before every request, after
/// every end and on the expiry sweep; it only looks at the head of the queue, so it costs O(1)
/// amortized.
/// </summary>
internal sealed class Retention
{
    private readonly ConcurrentQueue<(VerificationRecord Record, DateTimeOffset EndedAt)> _ended = new();
    private readonly object _dropGate = new();
    private readonly VerificationStore _store;
    private readonly EmulatorOutbox _outbox;
    private readonly TimeProvider _time;
    private int _endedCount;
    private long _evictions;

    public Retention(VerificationStore store, EmulatorOutbox outbox, TimeProvider time, TimeSpan keep, int maxEnded)
    {
        _store = store;
        _outbox = outbox;
        _time = time;
        Keep = keep;
        MaxEnded = maxEnded;
    }

    /// <summary>How long an ended verification is kept.</summary>
    public TimeSpan Keep { get; }

    /// <summary>How many ended verifications are kept at most.</summary>
    public int MaxEnded { get; }

    /// <summary>Verifications dropped so far.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Queues a verification that has just ended (each ends exactly once), and drops the oldest if that makes one too many.</summary>
    public void Ended(VerificationRecord record)
    {
        _ended.Enqueue((record, _time.GetUtcNow()));
        Interlocked.Increment(ref _endedCount);
        DropDue();
    }

    /// <summary>Drops the ended verifications that are past the time or beyond the count, oldest ended first.</summary>
    public void DropDue()
    {
        var now = _time.GetUtcNow();
        if (!IsDue(now))
        {
            return;
        }

        // One dropper at a time; the others find nothing due once it is done.
        lock (_dropGate)
        {
            while (IsDue(now) && _ended.TryDequeue(out var ended))
            {
                Interlocked.Decrement(ref _endedCount);
                _store.Remove(ended.Record);
                _outbox.Remove(ended.Record.Id);
                Interlocked.Increment(ref _evictions);
            }
        }
    }

    private bool IsDue(DateTimeOffset now) =>
        Volatile.Read(ref _endedCount) > MaxEnded || (_ended.TryPeek(out var oldest) && now - oldest.EndedAt >= Keep);
}
