using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Sinch.Verification.Generated.Guard.Stores;

/// <summary>
/// The guard's counts in this process: System.Threading.RateLimiting's sliding-window limiters,
/// and window sets under one lock (a start does a handful of small operations). Shared by every
/// guard created with the same instance, e.g. several clients of one app.
/// </summary>
internal sealed class InMemoryGuardStore : GuardStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Value, DateTimeOffset Expires)> _values = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly List<PartitionedRateLimiter<string>> _limiters = new();
    private int _operations;

    public InMemoryGuardStore(TimeProvider time) => _time = time;

    public override PartitionedRateLimiter<string> CreateLimiter(string name, GuardLimit limit)
    {
        var limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        lock (_gate)
        {
            _limiters.Add(limiter);
        }

        return limiter;
    }

    public override Task<long> AddToWindowAsync(string key, string member, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Sweep();
            if (!_windows.TryGetValue(key, out var members))
            {
                _windows[key] = members = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            members[member] = at;
            Trim(members, at - window);
            return Task.FromResult((long)members.Count);
        }
    }

    public override Task<bool> TryAdmitAsync(string key, string member, DateTimeOffset at, TimeSpan window, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Sweep();
            if (!_windows.TryGetValue(key, out var members))
            {
                _windows[key] = members = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            Trim(members, at - window);
            if (!members.ContainsKey(member) && members.Count >= max)
            {
                return Task.FromResult(false);
            }

            members[member] = at;
            return Task.FromResult(true);
        }
    }

    public override Task<long> CountAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_windows.TryGetValue(key, out var members) ? members.Values.LongCount(at => at >= from && at <= to) : 0L);
        }
    }

    public override Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _values[key] = (value, _time.GetUtcNow() + ttl);
        }

        return Task.CompletedTask;
    }

    public override Task<string?> TakeAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_values.Remove(key, out var entry) && entry.Expires > _time.GetUtcNow())
            {
                return Task.FromResult<string?>(entry.Value);
            }

            return Task.FromResult<string?>(null);
        }
    }

    public override Task SetUntilAsync(string key, string member, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var members))
            {
                _windows[key] = members = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            members[member] = until;
        }

        return Task.CompletedTask;
    }

    public override Task<IReadOnlyDictionary<string, DateTimeOffset>> GetUntilAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, DateTimeOffset> open = _windows.TryGetValue(key, out var members)
                ? members.Where(m => m.Value > now).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)
                : new Dictionary<string, DateTimeOffset>();
            return Task.FromResult(open);
        }
    }

    public override Task RemoveAsync(string key, string member, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var members))
            {
                members.Remove(member);
            }
        }

        return Task.CompletedTask;
    }

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _windows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        foreach (var limiter in TakeLimiters())
        {
            limiter.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var limiter in TakeLimiters())
        {
            await limiter.DisposeAsync().ConfigureAwait(false);
        }
    }

    private PartitionedRateLimiter<string>[] TakeLimiters()
    {
        lock (_gate)
        {
            var limiters = _limiters.ToArray();
            _limiters.Clear();
            return limiters;
        }
    }

    private static void Trim(Dictionary<string, DateTimeOffset> members, DateTimeOffset oldest)
    {
        List<string>? old = null;
        foreach (var (member, at) in members)
        {
            if (at < oldest)
            {
                (old ??= new List<string>()).Add(member);
            }
        }

        old?.ForEach(m => members.Remove(m));
    }

    // Memory stays bounded: now and then, drop expired values and sets that were emptied. Sets
    // are trimmed when used; one never used again goes when its newest member is a day old.
    private void Sweep()
    {
        if (++_operations % 10_000 != 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var key in _values.Where(v => v.Value.Expires <= now).Select(v => v.Key).ToList())
        {
            _values.Remove(key);
        }

        foreach (var key in _windows.Where(w => w.Value.Count == 0 || w.Value.Values.Max() < now - TimeSpan.FromDays(31)).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
        }
    }
}
