using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator;

/// <summary>
/// Everything the emulator "sent" to phones and still holds, newest last. Not part of Sinch's
/// API: it is how a test or demo learns the PIN, calling number or spoken code to report. A
/// message is dropped together with its verification (<see cref="EmulatorOptions.Retention"/>,
/// <see cref="EmulatorOptions.MaxEndedVerifications"/>). Over HTTP the same data is served, a page
/// at a time, at <c>GET /emulator/outbox</c> and <c>GET /emulator/outbox/{verificationId}</c>.
/// Thread-safe.
/// </summary>
public sealed class EmulatorOutbox
{
    // Changes happen under the gate; lookups by id do not need it.
    private readonly object _gate = new();
    private readonly MessageLog _all = new();
    private readonly Dictionary<string, MessageLog> _byNumber = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutboxMessage> _byVerificationId = new(StringComparer.Ordinal);
    private long _lastSequence;

    internal EmulatorOutbox()
    {
    }

    /// <summary>How many messages the outbox holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>Entries in all indexes together (per-number logs counted once each): 0 once every message is dropped.</summary>
    internal int IndexEntries
    {
        get
        {
            lock (_gate)
            {
                return _all.Count + _byNumber.Count + _byVerificationId.Count;
            }
        }
    }

    /// <summary>All messages held, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> GetAll()
    {
        lock (_gate)
        {
            return _all.After(0, null, int.MaxValue);
        }
    }

    /// <summary>The messages sent to <paramref name="number"/> (E.164, as started) still held, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> GetByNumber(string number)
    {
        if (number is null) throw new ArgumentNullException(nameof(number));
        lock (_gate)
        {
            return _byNumber.TryGetValue(number, out var messages) ? messages.After(0, null, int.MaxValue) : Array.Empty<OutboxMessage>();
        }
    }

    /// <summary>The newest message sent to <paramref name="number"/> still held, or null.</summary>
    public OutboxMessage? GetLatest(string number)
    {
        if (number is null) throw new ArgumentNullException(nameof(number));
        lock (_gate)
        {
            return _byNumber.TryGetValue(number, out var messages) ? messages.Last : null;
        }
    }

    /// <summary>The message of one verification, or null when nothing was sent for it (unknown or dropped id, or denied by the callback).</summary>
    public OutboxMessage? GetByVerificationId(string verificationId)
    {
        if (verificationId is null) throw new ArgumentNullException(nameof(verificationId));
        return _byVerificationId.TryGetValue(verificationId, out var message) ? message : null;
    }

    /// <summary>Forgets all messages (verifications are not affected).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byVerificationId.Clear();
            _byNumber.Clear();
            _all.Clear();
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages sent after the one with sequence number
    /// <paramref name="after"/> (0: from the oldest held), oldest first, optionally only those to
    /// <paramref name="number"/> and of <paramref name="method"/>; <paramref name="more"/> says
    /// whether more such messages follow.
    /// </summary>
    internal IReadOnlyList<OutboxMessage> Page(long after, string? number, VerificationMethod? method, int limit, out bool more)
    {
        lock (_gate)
        {
            var log = number is null ? _all : _byNumber.GetValueOrDefault(number);
            var page = log?.After(after, method, limit + 1) ?? new List<OutboxMessage>();
            more = page.Count > limit;
            if (more)
            {
                page.RemoveAt(limit);
            }

            return page;
        }
    }

    internal void Add(OutboxMessage message)
    {
        lock (_gate)
        {
            message.Sequence = ++_lastSequence;
            _byVerificationId[message.VerificationId] = message;
            _all.Add(message);
            if (!_byNumber.TryGetValue(message.To, out var messages))
            {
                _byNumber[message.To] = messages = new MessageLog();
            }

            messages.Add(message);
        }
    }

    /// <summary>Drops the message of a verification that is being dropped; nothing when none was sent.</summary>
    internal void Remove(string verificationId)
    {
        lock (_gate)
        {
            if (!_byVerificationId.TryRemove(verificationId, out var message))
            {
                return;
            }

            _all.Remove(message);
            var messages = _byNumber[message.To];
            messages.Remove(message);

            // A number whose messages are all gone leaves nothing behind.
            if (messages.Count == 0)
            {
                _byNumber.Remove(message.To);
            }
        }
    }

    /// <summary>
    /// Messages in the order they were sent: appending is O(1), removing one is O(log n) (it
    /// leaves a hole, found by binary search on the sequence number), and the holes are compacted
    /// away once they outnumber the messages, so each removal costs O(1) amortized on top. Not
    /// thread-safe: the outbox's gate guards it.
    /// </summary>
    private sealed class MessageLog
    {
        private readonly List<(long Sequence, OutboxMessage? Message)> _slots = new();

        public int Count { get; private set; }

        public OutboxMessage? Last
        {
            get
            {
                for (var i = _slots.Count - 1; i >= 0; i--)
                {
                    if (_slots[i].Message is { } message)
                    {
                        return message;
                    }
                }

                return null;
            }
        }

        public void Add(OutboxMessage message)
        {
            _slots.Add((message.Sequence, message));
            Count++;
        }

        public void Remove(OutboxMessage message)
        {
            var i = FirstAfter(message.Sequence - 1);
            if (i < _slots.Count && ReferenceEquals(_slots[i].Message, message))
            {
                _slots[i] = (message.Sequence, null);
                Count--;
                if (_slots.Count - Count > Math.Max(Count, 16))
                {
                    _slots.RemoveAll(slot => slot.Message is null);
                }
            }
        }

        public List<OutboxMessage> After(long sequence, VerificationMethod? method, int limit)
        {
            var page = new List<OutboxMessage>(Math.Min(limit, Count));
            for (var i = FirstAfter(sequence); i < _slots.Count && page.Count < limit; i++)
            {
                if (_slots[i].Message is { } message && (method is null || message.Method == method))
                {
                    page.Add(message);
                }
            }

            return page;
        }

        public void Clear()
        {
            _slots.Clear();
            Count = 0;
        }

        // The index of the first slot with a sequence number greater than `sequence`.
        private int FirstAfter(long sequence)
        {
            int low = 0, high = _slots.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (_slots[middle].Sequence <= sequence)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
