using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Sinch.Verification.Generated.Guard.Stores;

/// <summary>
/// The guard's counts in Redis, shared by every app instance with the same key prefix: the limits
/// are RedisRateLimiting's sliding windows (System.Threading.RateLimiting's API, a Lua script per
/// acquire, so k permits are k in total across instances), window sets are sorted sets trimmed
/// and counted in one script, values are keys with a time to live.
/// </summary>
internal sealed class RedisGuardStore : GuardStore
{
    // Adds a member scored by time, drops the old ones and counts, atomically; the set expires with its window.
    private static readonly LuaScript AddToWindow = LuaScript.Prepare(
        """
        redis.call('zadd', @key, @at, @member)
        redis.call('zremrangebyscore', @key, '-inf', @oldest)
        redis.call('pexpire', @key, @ttl)
        return redis.call('zcard', @key)
        """);

    // The same, admitting a member only when it is known or the set has room.
    private static readonly LuaScript Admit = LuaScript.Prepare(
        """
        redis.call('zremrangebyscore', @key, '-inf', @oldest)
        if redis.call('zscore', @key, @member) or redis.call('zcard', @key) < tonumber(@max) then
          redis.call('zadd', @key, @at, @member)
          redis.call('pexpire', @key, @ttl)
          return 1
        end
        return 0
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsConnection;
    private readonly string _prefix;
    private readonly List<PartitionedRateLimiter<string>> _limiters = new();

    public RedisGuardStore(IConnectionMultiplexer redis, string keyPrefix, bool ownsConnection)
    {
        _redis = redis;
        _prefix = keyPrefix + ":";
        _ownsConnection = ownsConnection;
    }

    /// <summary>
    /// Connects without failing when Redis is down: operations then fail at once (no backlog of
    /// commands waiting for a connection) or after <paramref name="timeout"/>, and the guard
    /// applies its failure mode; a start is never held up for long by a Redis that is gone.
    /// </summary>
    public static RedisGuardStore Connect(string configuration, string keyPrefix, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var milliseconds = (int)timeout.TotalMilliseconds;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, milliseconds);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, milliseconds);
        options.SyncTimeout = Math.Min(options.SyncTimeout, milliseconds);
        return new RedisGuardStore(ConnectionMultiplexer.Connect(options), keyPrefix, ownsConnection: true);
    }

    public override PartitionedRateLimiter<string> CreateLimiter(string name, GuardLimit limit)
    {
        var prefix = _prefix + name + ":";
        var limiter = PartitionedRateLimiter.Create<string, string>(key => RedisRateLimitPartition.GetSlidingWindowRateLimiter(prefix + key, _ => new RedisSlidingWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => _redis,
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
        }));
        lock (_limiters)
        {
            _limiters.Add(limiter);
        }

        return limiter;
    }

    public override Task<long> AddToWindowAsync(string key, string member, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken) =>
        Run(async db => (long)await db.ScriptEvaluateAsync(AddToWindow, new
        {
            key = (RedisKey)(_prefix + key),
            member = (RedisValue)member,
            at = (RedisValue)at.ToUnixTimeMilliseconds(),
            oldest = (RedisValue)(at - window).ToUnixTimeMilliseconds(),
            ttl = (RedisValue)(long)window.TotalMilliseconds,
        }).ConfigureAwait(false), cancellationToken);

    public override Task<bool> TryAdmitAsync(string key, string member, DateTimeOffset at, TimeSpan window, int max, CancellationToken cancellationToken) =>
        Run(async db => (long)await db.ScriptEvaluateAsync(Admit, new
        {
            key = (RedisKey)(_prefix + key),
            member = (RedisValue)member,
            at = (RedisValue)at.ToUnixTimeMilliseconds(),
            oldest = (RedisValue)(at - window).ToUnixTimeMilliseconds(),
            ttl = (RedisValue)(long)window.TotalMilliseconds,
            max = (RedisValue)max,
        }).ConfigureAwait(false) == 1, cancellationToken);

    public override Task<long> CountAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Run(db => db.SortedSetLengthAsync(_prefix + key, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()), cancellationToken);

    public override Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
        Run(db => db.StringSetAsync(_prefix + key, value, ttl), cancellationToken);

    public override Task<string?> TakeAsync(string key, CancellationToken cancellationToken) =>
        Run(async db => (string?)await db.StringGetDeleteAsync(_prefix + key).ConfigureAwait(false), cancellationToken);

    // Ended marks go, and the set expires with its last mark: nothing is left behind for good.
    private static readonly LuaScript MarkUntil = LuaScript.Prepare(
        """
        redis.call('zremrangebyscore', @key, '-inf', @now)
        redis.call('zadd', @key, @until, @member)
        local last = redis.call('zrange', @key, -1, -1, 'WITHSCORES')
        redis.call('pexpireat', @key, last[2])
        return 1
        """);

    public override Task SetUntilAsync(string key, string member, DateTimeOffset until, CancellationToken cancellationToken) =>
        Run(db => db.ScriptEvaluateAsync(MarkUntil, new
        {
            key = (RedisKey)(_prefix + key),
            member = (RedisValue)member,
            until = (RedisValue)until.ToUnixTimeMilliseconds(),
            now = (RedisValue)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }), cancellationToken);

    public override Task<IReadOnlyDictionary<string, DateTimeOffset>> GetUntilAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Run<IReadOnlyDictionary<string, DateTimeOffset>>(async db =>
        {
            var open = await db.SortedSetRangeByScoreWithScoresAsync(_prefix + key, now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start).ConfigureAwait(false);
            return open.ToDictionary(e => (string)e.Element!, e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score), StringComparer.Ordinal);
        }, cancellationToken);

    public override Task RemoveAsync(string key, string member, CancellationToken cancellationToken) =>
        Run(db => db.SortedSetRemoveAsync(_prefix + key, member), cancellationToken);

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken) =>
        Run(db => db.KeyDeleteAsync(keys.Select(k => (RedisKey)(_prefix + k)).ToArray()), cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        foreach (var limiter in TakeLimiters())
        {
            await limiter.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsConnection)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        foreach (var limiter in TakeLimiters())
        {
            limiter.Dispose();
        }

        if (_ownsConnection)
        {
            _redis.Dispose();
        }
    }

    private PartitionedRateLimiter<string>[] TakeLimiters()
    {
        lock (_limiters)
        {
            var limiters = _limiters.ToArray();
            _limiters.Clear();
            return limiters;
        }
    }

    /// <summary>Whether <paramref name="e"/> means Redis could not serve a request (rather than a bug).</summary>
    public static bool IsUnavailable(Exception e) => e is RedisException or TimeoutException or GuardStoreUnavailableException;

    private async Task Run(Func<IDatabase, Task> operation, CancellationToken cancellationToken = default)
    {
        try
        {
            await operation(_redis.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new GuardStoreUnavailableException(e);
        }
    }

    private async Task<T> Run<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        try
        {
            return await operation(_redis.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new GuardStoreUnavailableException(e);
        }
    }
}
