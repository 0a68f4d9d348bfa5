using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Sinch.Verification.Emulator;

/// <summary>
/// Everything the emulator "sent" to phones, newest last. Not part of Sinch's API: it is how a
/// test or demo learns the PIN, calling number or spoken code to report. Over HTTP the same data
/// is served at <c>GET /emulator/outbox</c> and <c>GET /emulator/outbox/{verificationId}</c>.
/// Thread-safe.
/// </summary>
public sealed class EmulatorOutbox
{
    private readonly ConcurrentQueue<OutboxMessage> _all = new();
    private readonly ConcurrentDictionary<string, OutboxMessage> _byVerificationId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<OutboxMessage>> _byNumber = new(StringComparer.Ordinal);

    internal EmulatorOutbox()
    {
    }

    /// <summary>How many messages the outbox holds.</summary>
    public int Count => _byVerificationId.Count;

    /// <summary>All messages, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> GetAll() => _all.ToArray();

    /// <summary>The messages sent to <paramref name="number"/> (E.164, as started), oldest first.</summary>
    public IReadOnlyList<OutboxMessage> GetByNumber(string number)
    {
        if (number is null) throw new ArgumentNullException(nameof(number));
        return _byNumber.TryGetValue(number, out var messages) ? messages.ToArray() : Array.Empty<OutboxMessage>();
    }

    /// <summary>The newest message sent to <paramref name="number"/>, or null.</summary>
    public OutboxMessage? GetLatest(string number) => GetByNumber(number).LastOrDefault();

    /// <summary>The message of one verification, or null when nothing was sent for it (unknown id, or denied by the callback).</summary>
    public OutboxMessage? GetByVerificationId(string verificationId)
    {
        if (verificationId is null) throw new ArgumentNullException(nameof(verificationId));
        return _byVerificationId.TryGetValue(verificationId, out var message) ? message : null;
    }

    /// <summary>Forgets all messages (verifications are not affected).</summary>
    public void Clear()
    {
        _byVerificationId.Clear();
        _byNumber.Clear();
        _all.Clear();
    }

    internal void Add(OutboxMessage message)
    {
        _byVerificationId[message.VerificationId] = message;
        _byNumber.GetOrAdd(message.To, _ => new ConcurrentQueue<OutboxMessage>()).Enqueue(message);
        _all.Enqueue(message);
    }
}
