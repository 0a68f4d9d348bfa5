using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Emulator;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>
/// Loopback load through the SDK's default pipeline. Against the emulator: full verifications
/// (start, report the code from the outbox, status by id), each one checked SUCCESSFUL. Against
/// Prism (stateless mock of the same spec): start + status. Both are warmed up before the timed
/// run. Prints one summary line.
/// </summary>
internal static class LoadDriver
{
    private static int s_reportedErrors;

    internal const string Key = "load-test-application";
    internal const string Secret = "bG9hZC10ZXN0LXNlY3JldC0xMjM0NTY3ODkw";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    public static async Task<int> EmulatorAsync(int count, int concurrency)
    {
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = Secret });
        using var client = Client(emulator.BaseUrl);
        return await RunAsync("emulator", count, concurrency, requestsPerItem: 3, async (i, latencies) =>
        {
            var number = "+4670" + i.ToString("D7", CultureInfo.InvariantCulture);
            var started = await Timed(latencies, 0, () => client.StartVerificationAsync(StartVerificationRequest.ForSms(number, reference: "load-" + i)));
            var code = emulator.Outbox.GetByVerificationId(started.Id)?.Code ?? throw new InvalidOperationException("nothing in the outbox for " + started.Id);
            var reported = await Timed(latencies, 1, () => client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(code)));
            var status = await Timed(latencies, 2, () => client.GetVerificationByIdAsync(started.Id));
            return reported.Status == VerificationStatus.Successful && status.Status == VerificationStatus.Successful && status.Id == started.Id;
        });
    }

    public static async Task<int> PrismAsync(Uri baseUrl, int count, int concurrency)
    {
        using var client = Client(baseUrl);
        return await RunAsync("prism", count, concurrency, requestsPerItem: 2, async (i, latencies) =>
        {
            var started = await Timed(latencies, 0, () => client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));
            var status = await Timed(latencies, 1, () => client.GetVerificationByIdAsync(started.Id));
            return !string.IsNullOrEmpty(status.Id);
        });
    }

    internal static VerificationClient Client(Uri baseUrl) => VerificationClient.Create(new VerificationClientOptions
    {
        ApplicationKey = Key,
        ApplicationSecret = Secret,
        BaseUrl = baseUrl,
    });

    internal static async Task<T> Timed<T>(double[] latencies, int slot, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        latencies[slot] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }

    private static async Task<int> RunAsync(string target, int count, int concurrency, int requestsPerItem, Func<int, double[], Task<bool>> item)
    {
        await WarmUpAsync(target, count, concurrency, requestsPerItem, item);
        var latencies = new double[count * requestsPerItem];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var mine = new double[requestsPerItem];
            if (!await TryItemAsync(target, i, mine, item))
            {
                Interlocked.Increment(ref errors);
            }

            Array.Copy(mine, 0, latencies, i * requestsPerItem, requestsPerItem);
        });
        clock.Stop();

        Array.Sort(latencies);
        var rps = latencies.Length / clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"{target}: {count} items x {requestsPerItem} requests at concurrency {concurrency} in {clock.Elapsed.TotalSeconds:0.0} s; p50 {Percentile(latencies, 0.50):0.0} ms"));
        Console.WriteLine(FormattableString.Invariant($"load {target} rps={rps:0} p50_ms={Percentile(latencies, 0.50):0.0} p99_ms={Percentile(latencies, 0.99):0} errors={errors}"));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>The <paramref name="p"/> percentile of <paramref name="sorted"/> latencies (nearest rank).</summary>
    internal static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Runs one item; false (the first errors printed) when it failed or threw.</summary>
    internal static async Task<bool> TryItemAsync(string target, int i, double[] latencies, Func<int, double[], Task<bool>> item)
    {
        try
        {
            return await item(i, latencies);
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref s_reportedErrors) <= 5)
            {
                Console.Error.WriteLine($"{target} item {i}: {e.GetType().Name}: {e.Message}");
            }

            return false;
        }
    }

    /// <summary>
    /// Warms up, untimed and unchecked, with items numbered from <paramref name="first"/> (after
    /// the measured ones, so no number or reference is reused). It takes seconds, not a few
    /// hundred requests: with both cores busy, tiered compilation needs about ten seconds to move
    /// the hot paths to optimized code (the emulator runs at a third of its steady throughput
    /// until then), and measuring before that measures the JIT. The rounds are printed so the
    /// curve is visible.
    /// </summary>
    internal static async Task WarmUpAsync(string target, int first, int concurrency, int requestsPerItem, Func<int, double[], Task<bool>> item)
    {
        var next = first;
        var round = Math.Max(1000, concurrency * 25);
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUp)
        {
            var roundClock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(next, round), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                try
                {
                    await item(i, new double[requestsPerItem]);
                }
                catch (Exception)
                {
                    // Counted in the measured run, if it persists.
                }
            });
            next += round;
            Console.WriteLine(FormattableString.Invariant(
                $"{target}: warm-up at {warming.Elapsed.TotalSeconds:0.0} s: {round * requestsPerItem / roundClock.Elapsed.TotalSeconds:0} requests/s"));
        }
    }
}
