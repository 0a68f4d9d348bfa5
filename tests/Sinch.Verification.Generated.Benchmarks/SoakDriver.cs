using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>
/// The soak run of issue #25: does a long-running emulator hold steady? It starts the CLI's
/// <c>emulator</c> as its own process with a short <c>--retention</c> and a <c>--max-ended</c>
/// below what that retention would hold (so the count, not the throughput of a shared machine,
/// sets how much is held), warms it up like
/// <see cref="LoadDriver"/>, then runs verifications through the SDK (a signed SMS start, the PIN
/// read from <c>/emulator/outbox/{id}</c>, a signed report) in windows of 100,000 requests, where
/// a request is a start or a report (the outbox reads are the test reading the phone, and not
/// counted). After each window it samples the emulator's resident memory (VmRSS of
/// <c>/proc/PID/status</c>), the window's p99 latency and <c>/emulator/stats</c>, and it ends with
/// the summary line <c>soak emulator requests=… rss_mb_first=… rss_mb_max=… p99_ms_first=… p99_ms_last=…</c>
/// (first: after the first window; max: of the windows after it; last: the last window).
/// </summary>
internal static class SoakDriver
{
    private const int RequestsPerWindow = 100_000;
    private const int RequestsPerItem = 2;

    public static async Task<int> RunAsync(string cliDll, int requests, int concurrency, string retention, string maxEnded)
    {
        var items = requests / RequestsPerItem;
        var itemsPerWindow = RequestsPerWindow / RequestsPerItem;
        var port = FreePort();
        using var emulator = await StartEmulatorAsync(cliDll, port, retention, maxEnded);
        try
        {
            var root = new Uri($"http://127.0.0.1:{port}/");
            using var client = LoadDriver.Client(new Uri(root, "verification/v1"));
            using var http = new HttpClient { BaseAddress = root };
            Func<int, double[], Task<bool>> item = async (i, latencies) =>
            {
                var number = "+4670" + i.ToString("D7", CultureInfo.InvariantCulture);
                var started = await LoadDriver.Timed(latencies, 0, () => client.StartVerificationAsync(StartVerificationRequest.ForSms(number, reference: "soak-" + i)));
                var code = (string)JObject.Parse(await http.GetStringAsync("emulator/outbox/" + started.Id))["code"]!;
                var reported = await LoadDriver.Timed(latencies, 1, () => client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(code)));
                return reported.Status == VerificationStatus.Successful;
            };

            Console.WriteLine($"soak: emulator pid {emulator.Id} on port {port}, --retention {retention} --max-ended {maxEnded}; {requests} requests ({items} verifications) at concurrency {concurrency}");
            await LoadDriver.WarmUpAsync("soak", items, concurrency, RequestsPerItem, item);

            var clock = Stopwatch.StartNew();
            var errors = 0;
            var samples = new (double RssMb, double P99Ms)[(items + itemsPerWindow - 1) / itemsPerWindow];
            for (var window = 0; window < samples.Length; window++)
            {
                var first = window * itemsPerWindow;
                var count = Math.Min(itemsPerWindow, items - first);
                var latencies = new double[count * RequestsPerItem];
                await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                {
                    var mine = new double[RequestsPerItem];
                    if (!await LoadDriver.TryItemAsync("soak", i, mine, item))
                    {
                        Interlocked.Increment(ref errors);
                    }

                    Array.Copy(mine, 0, latencies, (i - first) * RequestsPerItem, RequestsPerItem);
                });

                Array.Sort(latencies);
                samples[window] = (ResidentMegabytes(emulator.Id), LoadDriver.Percentile(latencies, 0.99));
                var stats = JObject.Parse(await http.GetStringAsync("emulator/stats"));
                Console.WriteLine(FormattableString.Invariant(
                    $"soak: {(first + count) * RequestsPerItem} requests at {clock.Elapsed.TotalSeconds:0} s: rss {samples[window].RssMb:0.0} MB, p99 {samples[window].P99Ms:0.0} ms; holds {stats["verifications"]} verifications, {stats["outboxMessages"]} messages; {stats["evictions"]} evicted"));
            }

            var after = samples.Length > 1 ? samples.Skip(1).ToArray() : samples;
            var (rssFirst, p99First) = samples[0];
            var rssMax = after.Max(s => s.RssMb);
            var p99Last = samples[^1].P99Ms;
            Console.WriteLine(FormattableString.Invariant(
                $"soak: {requests} requests in {clock.Elapsed.TotalSeconds:0} s ({requests / clock.Elapsed.TotalSeconds:0} requests/s), {errors} errors; after the first window rss {(rssMax / rssFirst - 1) * 100:+0;-0}% at most, p99 {(p99Last / p99First - 1) * 100:+0;-0}% at the end (goal: within 20%)"));
            Console.WriteLine(FormattableString.Invariant(
                $"soak emulator requests={requests} rss_mb_first={rssFirst:0} rss_mb_max={rssMax:0} p99_ms_first={p99First:0.0} p99_ms_last={p99Last:0.0}"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }

    private static async Task<Process> StartEmulatorAsync(string cliDll, int port, string retention, string maxEnded)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cliDll, "emulator", "--urls", $"http://127.0.0.1:{port}", "--key", LoadDriver.Key, "--retention", retention, "--max-ended", maxEnded })
        {
            info.ArgumentList.Add(arg);
        }

        // The secret from the environment, as the CLI recommends. Its per-verification log lines
        // are turned off: they would measure the console, not what the emulator holds.
        info.Environment["SINCH_APPLICATION_SECRET"] = LoadDriver.Secret;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && !started.Task.IsCompleted)
            {
                Console.WriteLine("emulator: " + e.Data);
                if (e.Data.Contains("press Ctrl+C", StringComparison.Ordinal))
                {
                    started.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("emulator: " + e.Data); };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("the emulator ended before it listened"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return process;
    }

    private static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
