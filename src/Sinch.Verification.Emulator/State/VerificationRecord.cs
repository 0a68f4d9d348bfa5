using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// One verification and its life: PENDING until a report, an expiry, a newer start for the same
/// number or the callback ends it, exactly once. Every change happens under a private lock, so
/// concurrent reports, reads and the expiry sweep agree on one outcome; callers get immutable
/// <see cref="VerificationSnapshot"/>s to build responses and events from.
/// </summary>
internal sealed class VerificationRecord
{
    private readonly object _gate = new();
    private string _code;
    private DateTimeOffset _expiresAt;
    private bool _delivered;
    private VerificationStatus _status = VerificationStatus.Pending;
    private VerificationReason? _reason;
    private VerificationSource? _source;
    private DateTimeOffset? _completedAt;

    public VerificationRecord(string id, VerificationMethod method, string number, string? reference, string? custom, string code, DateTimeOffset expiresAt)
    {
        Id = id;
        Method = method;
        Number = number;
        Reference = reference;
        Custom = custom;
        _code = code;
        _expiresAt = expiresAt;
    }

    public string Id { get; }

    /// <summary>One of the canonical instances <c>sms</c>, <c>flashcall</c>, <c>callout</c>.</summary>
    public VerificationMethod Method { get; }

    public string Number { get; }

    public string? Reference { get; }

    public string? Custom { get; }

    /// <summary>
    /// Marks the code as sent, after the callback (if any) allowed it, optionally with the code and
    /// expiry it chose. False when the verification ended meanwhile (e.g. a newer start aborted it).
    /// </summary>
    public bool TryDeliver(string? chosenCode, DateTimeOffset? chosenExpiry, out string code, out DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            if (_status == VerificationStatus.Pending && !_delivered)
            {
                _code = chosenCode ?? _code;
                _expiresAt = chosenExpiry ?? _expiresAt;
                _delivered = true;
            }

            code = _code;
            expiresAt = _expiresAt;
            return _delivered && _status == VerificationStatus.Pending;
        }
    }

    /// <summary>Ends a pending verification; false (and nothing changes) when it had already ended.</summary>
    public bool TryComplete(VerificationStatus status, VerificationReason? reason, DateTimeOffset now, out VerificationSnapshot snapshot)
    {
        lock (_gate)
        {
            var changed = _status == VerificationStatus.Pending;
            if (changed)
            {
                End(status, reason, source: null, now);
            }

            snapshot = SnapshotLocked();
            return changed;
        }
    }

    /// <summary>Ends the verification FAIL/Expired when its time is up; true when this call ended it.</summary>
    public bool TryExpire(DateTimeOffset now, out VerificationSnapshot snapshot)
    {
        lock (_gate)
        {
            var changed = ExpireLocked(now);
            snapshot = SnapshotLocked();
            return changed;
        }
    }

    /// <summary>
    /// Checks a reported code or CLI. The first report decides: right → SUCCESSFUL, wrong →
    /// FAIL (Invalid code / Invalid CLI), too late → FAIL/Expired. Reports after the end change
    /// nothing and return the final state. True when this call ended the verification.
    /// </summary>
    public bool Report(string reported, DateTimeOffset now, out VerificationSnapshot snapshot)
    {
        lock (_gate)
        {
            var changed = ExpireLocked(now);
            if (!changed && _status == VerificationStatus.Pending)
            {
                changed = true;
                if (Matches(reported))
                {
                    End(VerificationStatus.Successful, reason: null, VerificationSource.Manual, now);
                }
                else
                {
                    End(VerificationStatus.Fail, Method == VerificationMethod.FlashCall ? VerificationReason.InvalidCli : VerificationReason.InvalidCode, VerificationSource.Manual, now);
                }
            }

            snapshot = SnapshotLocked();
            return changed;
        }
    }

    private bool Matches(string reported)
    {
        var value = reported.Trim();

        // A flash call is verified by the exact calling number; codes may be alphabetic, and
        // Sinch does not make users care about letter case.
        return Method == VerificationMethod.FlashCall
            ? string.Equals(value, _code, StringComparison.Ordinal)
            : string.Equals(value, _code, StringComparison.OrdinalIgnoreCase);
    }

    private bool ExpireLocked(DateTimeOffset now)
    {
        if (_status != VerificationStatus.Pending || now < _expiresAt)
        {
            return false;
        }

        End(VerificationStatus.Fail, VerificationReason.Expired, source: null, now);
        return true;
    }

    private void End(VerificationStatus status, VerificationReason? reason, VerificationSource? source, DateTimeOffset now)
    {
        _status = status;
        _reason = reason;
        _source = source;
        _completedAt = now;
    }

    private VerificationSnapshot SnapshotLocked() =>
        new(Id, Method, Number, Reference, Custom, _status, _reason, _source, _completedAt);
}

/// <summary>An immutable view of a <see cref="VerificationRecord"/> at one moment.</summary>
internal sealed record VerificationSnapshot(
    string Id,
    VerificationMethod Method,
    string Number,
    string? Reference,
    string? Custom,
    VerificationStatus Status,
    VerificationReason? Reason,
    VerificationSource? Source,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Whether the call of a flash call or callout is over; null for SMS, as Sinch answers.</summary>
    public bool? CallComplete => Method == VerificationMethod.Sms ? null : Status != VerificationStatus.Pending;
}
