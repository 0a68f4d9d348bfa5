using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Sinch.Verification.Generated.Guard.Stores;

/// <summary>
/// Where the guard keeps what it counts: in this process (<see cref="InMemoryGuardStore"/>) or in
/// Redis, shared by every instance (<see cref="RedisGuardStore"/>). Keys never hold a full number
/// (<see cref="NumberFacts.Key"/>). A Redis failure surfaces as <see cref="GuardStoreUnavailableException"/>.
/// </summary>
internal abstract class GuardStore : IAsyncDisposable, IDisposable
{
    /// <summary>A sliding-window limiter per partition key (System.Threading.RateLimiting's, or RedisRateLimiting's on Redis).</summary>
    public abstract PartitionedRateLimiter<string> CreateLimiter(string name, GuardLimit limit);

    /// <summary>Adds <paramref name="member"/> to the window set <paramref name="key"/> at <paramref name="at"/>, drops members older than <paramref name="window"/>, and returns how many remain.</summary>
    public abstract Task<long> AddToWindowAsync(string key, string member, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Admits <paramref name="member"/> to the window set <paramref name="key"/> when it is already
    /// there (its time is refreshed) or when fewer than <paramref name="max"/> members are; false
    /// (and nothing changes) when the set is full. Atomic across instances.
    /// </summary>
    public abstract Task<bool> TryAdmitAsync(string key, string member, DateTimeOffset at, TimeSpan window, int max, CancellationToken cancellationToken);

    /// <summary>How many members of the window set <paramref name="key"/> are in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public abstract Task<long> CountAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for <paramref name="ttl"/>.</summary>
    public abstract Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>The value under <paramref name="key"/> and removes it (so a verification's outcome counts once), or null.</summary>
    public abstract Task<string?> TakeAsync(string key, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="member"/> of <paramref name="key"/> until <paramref name="until"/> (an open breaker).</summary>
    public abstract Task SetUntilAsync(string key, string member, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The members of <paramref name="key"/> marked until after <paramref name="now"/>, with their ends.</summary>
    public abstract Task<IReadOnlyDictionary<string, DateTimeOffset>> GetUntilAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the mark of <paramref name="member"/> of <paramref name="key"/>.</summary>
    public abstract Task RemoveAsync(string key, string member, CancellationToken cancellationToken);

    /// <summary>Deletes the window sets <paramref name="keys"/>.</summary>
    public abstract Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public abstract void Dispose();
}

/// <summary>The shared store could not be reached or answered with an error.</summary>
internal sealed class GuardStoreUnavailableException : Exception
{
    public GuardStoreUnavailableException(Exception inner)
        : base("The guard's store is unavailable: " + inner.Message, inner)
    {
    }
}
