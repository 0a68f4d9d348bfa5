using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// The in-memory indexes over all verifications: by id, by reference, by number and by
/// (method, number). Reads never lock. Ids and references are claimed with atomic
/// <see cref="ConcurrentDictionary{TKey,TValue}"/> operations, so thousands of concurrent starts
/// neither lose a verification nor let two claim one reference; the two number indexes change
/// together under one short lock, so they always agree on which verification is the latest.
/// <see cref="Retention"/> removes ended verifications from every index again.
/// </summary>
internal sealed class VerificationStore
{
    private readonly ConcurrentDictionary<string, VerificationRecord> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerificationRecord> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerificationRecord> _latestByNumber = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Method, string Number), VerificationRecord> _latestByIdentity = new();
    private readonly ConcurrentDictionary<string, VerificationRecord> _pending = new(StringComparer.Ordinal);
    private readonly object _numberIndexGate = new();

    /// <summary>Verifications that may still expire; the sweep walks only these.</summary>
    public ICollection<VerificationRecord> Pending => _pending.Values;

    /// <summary>How many verifications are held, pending and ended (takes the dictionary's locks: for stats, not per request).</summary>
    public int Count => _byId.Count;

    /// <summary>How many of them are pending (same cost as <see cref="Count"/>).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Entries in all indexes together: 0 once every verification is dropped (what the tests hold it to).</summary>
    internal int IndexEntries => _byId.Count + _byReference.Count + _latestByNumber.Count + _latestByIdentity.Count + _pending.Count;

    /// <summary>
    /// Adds a new verification. False when its reference is taken (nothing is added). Otherwise
    /// <paramref name="replaced"/> is the previous latest verification of the same number, which
    /// the caller aborts if it is still pending.
    /// </summary>
    public bool TryAdd(VerificationRecord record, out VerificationRecord? replaced)
    {
        replaced = null;

        // The reference is claimed first and atomically: of two concurrent starts with one
        // reference exactly one wins, and the loser leaves no trace.
        if (record.Reference is not null && !_byReference.TryAdd(record.Reference, record))
        {
            return false;
        }

        _byId[record.Id] = record;
        _pending[record.Id] = record;
        lock (_numberIndexGate)
        {
            _latestByNumber.TryGetValue(record.Number, out replaced);
            _latestByNumber[record.Number] = record;
            _latestByIdentity[(record.Method.Value, record.Number)] = record;
        }

        return true;
    }

    public VerificationRecord? FindById(string id) => _byId.TryGetValue(id, out var record) ? record : null;

    public VerificationRecord? FindByReference(string reference) => _byReference.TryGetValue(reference, out var record) ? record : null;

    /// <param name="method">A canonical method instance (its <see cref="ExtensibleEnum.Value"/> is lower case).</param>
    /// <param name="number">E.164 number.</param>
    public VerificationRecord? FindByIdentity(VerificationMethod method, string number) =>
        _latestByIdentity.TryGetValue((method.Value, number), out var record) ? record : null;

    /// <summary>Drops an ended verification from the expiry sweep.</summary>
    public void Ended(VerificationRecord record) => _pending.TryRemove(record.Id, out _);

    /// <summary>
    /// Forgets an ended verification: its id, its reference (which a new start may then claim)
    /// and the number indexes where it is still the latest. Each entry goes only if it still
    /// names this record, so a newer verification of the number or reference stays.
    /// </summary>
    public void Remove(VerificationRecord record)
    {
        _byId.TryRemove(KeyValuePair.Create(record.Id, record));
        if (record.Reference is not null)
        {
            _byReference.TryRemove(KeyValuePair.Create(record.Reference, record));
        }

        lock (_numberIndexGate)
        {
            _latestByNumber.TryRemove(KeyValuePair.Create(record.Number, record));
            _latestByIdentity.TryRemove(KeyValuePair.Create((record.Method.Value, record.Number), record));
        }
    }
}
