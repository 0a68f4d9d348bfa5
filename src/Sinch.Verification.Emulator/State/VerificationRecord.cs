using System;
using Sinch.Verification.Emulator.State.Methods;
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

    public VerificationRecord(string id, MethodBehaviour behaviour, string number, string? reference, string? custom, string code, DateTimeOffset expiresAt)
    {
        Id = id;
        Behaviour = behaviour;
        Number = number;
        Reference = reference;
        Custom = custom;
        _code = code;
        _expiresAt = expiresAt;
    }

    public string Id { get; }

    /// <summary>How its method is played.</summary>
    public MethodBehaviour Behaviour { get; }

    /// <summary>The canonical method instance (lower case).</summary>
    public VerificationMethod Method => Behaviour.Method;

    public string Number { get; }

    public string? Reference { get; }

    public string? Custom { get; }

    /// <summary>
    /// Sends the code with <paramref name="send"/>, after the callback (if any) allowed it,
    /// optionally with the code and expiry it chose. False (and nothing is sent) when the
    /// verification ended meanwhile (e.g. a newer start aborted it).
    /// </summary>
    public bool TryDeliver(string? chosenCode, DateTimeOffset? chosenExpiry, Action<string> send, out string code, out DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            if (_status == VerificationStatus.Pending && !_delivered)
            {
                _code = chosenCode ?? _code;
                _expiresAt = chosenExpiry ?? _expiresAt;
                _delivered = true;

                // Under the lock, while still pending: the verification cannot end, and so cannot be
                // dropped by retention, before its message is in the outbox (where it would stay forever).
                send(_code);
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
                if (Behaviour.Matches(reported, _code))
                {
                    End(VerificationStatus.Successful, reason: null, Behaviour.SuccessSource, now);
                }
                else
                {
                    End(VerificationStatus.Fail, Behaviour.WrongAnswerReason, VerificationSource.Manual, now);
                }
            }

            snapshot = SnapshotLocked();
            return changed;
        }
    }

    /// <summary>
    /// Ends a pending verification SUCCESSFUL when <paramref name="code"/> is its code (a seamless
    /// target URI presented by the phone); a wrong code changes nothing and returns false, since
    /// nobody reported anything. <paramref name="changed"/> is true when this call ended it.
    /// </summary>
    public bool TryConfirm(string code, DateTimeOffset now, out bool changed, out VerificationSnapshot snapshot)
    {
        lock (_gate)
        {
            changed = false;
            var matches = _delivered && Behaviour.Matches(code, _code);
            if (matches)
            {
                changed = ExpireLocked(now);
                if (!changed && _status == VerificationStatus.Pending)
                {
                    changed = true;
                    End(VerificationStatus.Successful, reason: null, Behaviour.SuccessSource, now);
                }
            }

            snapshot = SnapshotLocked();
            return matches;
        }
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
        new(Id, Behaviour, Number, Reference, Custom, _status, _reason, _source, _completedAt);
}

/// <summary>An immutable view of a <see cref="VerificationRecord"/> at one moment.</summary>
internal sealed record VerificationSnapshot(
    string Id,
    MethodBehaviour Behaviour,
    string Number,
    string? Reference,
    string? Custom,
    VerificationStatus Status,
    VerificationReason? Reason,
    VerificationSource? Source,
    DateTimeOffset? CompletedAt)
{
    public VerificationMethod Method => Behaviour.Method;

    /// <summary>Whether the call of a flash call or callout is over; null for methods without a call, as Sinch answers.</summary>
    public bool? CallComplete => Behaviour.IsCall ? Status != VerificationStatus.Pending : null;
}
