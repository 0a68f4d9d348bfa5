using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Sinch.Verification.Generated.Benchmarks;

// usage (build/bench.sh runs all of these):
//   Sinch.Verification.Generated.Benchmarks micro [--quick]
//   Sinch.Verification.Generated.Benchmarks load-emulator COUNT CONCURRENCY
//   Sinch.Verification.Generated.Benchmarks load-prism BASE_URL COUNT CONCURRENCY
//   Sinch.Verification.Generated.Benchmarks soak-emulator CLI_DLL REQUESTS CONCURRENCY RETENTION MAX_ENDED   (the CLI's emulator out of process)
//   Sinch.Verification.Generated.Benchmarks profile BENCHMARK COUNT   (one ClientBenchmarks method in a loop, to run under perf)
// Each prints its own tables, then the summary lines build/bench.sh collects.
static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
switch (args.FirstOrDefault())
{
    case "load-emulator":
        return await LoadDriver.EmulatorAsync(Int(args[1]), Int(args[2]));
    case "load-prism":
        return await LoadDriver.PrismAsync(new Uri(args[1]), Int(args[2]), Int(args[3]));
    case "soak-emulator":
        return await SoakDriver.RunAsync(args[1], Int(args[2]), Int(args[3]), args[4], args[5]);
    case "micro":
        break;
    case "profile":
        return await ProfileAsync(args[1], Int(args[2]));
    default:
        Console.Error.WriteLine("usage: micro [--quick] | load-emulator COUNT CONCURRENCY | load-prism BASE_URL COUNT CONCURRENCY | soak-emulator CLI_DLL REQUESTS CONCURRENCY RETENTION MAX_ENDED | profile BENCHMARK COUNT");
        return 2;
}

var quick = args.Contains("--quick");
var job = (quick ? Job.ShortRun.WithIterationCount(10).WithWarmupCount(3) : Job.Default)
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = ManualConfig.CreateMinimumViable().AddJob(job).WithOptions(ConfigOptions.DisableLogFile);

var client = BenchmarkRunner.Run<ClientBenchmarks>(config);
var signing = BenchmarkRunner.Run<SigningBenchmarks>(config);
var callbacks = BenchmarkRunner.Run<CallbackBenchmarks>(config);
var guard = BenchmarkRunner.Run<GuardBenchmarks>(config);

static BenchmarkReport Report(Summary summary, string method) => summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
static double Ns(BenchmarkReport r, bool median = false) => median ? r.ResultStatistics!.Median : r.ResultStatistics!.Mean;
static long Bytes(BenchmarkReport r) => r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0;
static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

var sdk = Report(client, nameof(ClientBenchmarks.Sdk));
var baseline = Report(client, nameof(ClientBenchmarks.HandWritten));
var signer = Report(signing, nameof(SigningBenchmarks.Signer));
var naive = Report(signing, nameof(SigningBenchmarks.Naive));

var callback = Report(callbacks, nameof(CallbackBenchmarks.ValidateAndParse));
Console.WriteLine($"(callback validate+parse median_ns={F(Ns(callback, true), "0")} alloc_bytes={Bytes(callback)}; sdk {F(Ns(sdk) / 1000, "0.00")} us vs baseline {F(Ns(baseline) / 1000, "0.00")} us per start+status)");
Console.WriteLine($"ratio client_vs_baseline time={F(Ns(sdk) / Ns(baseline))} alloc={F((double)Bytes(sdk) / Bytes(baseline))}");
string GuardRow(string store) => guard.Reports.FirstOrDefault(r => r.BenchmarkCase.Parameters["Store"] as string == store && r.ResultStatistics is not null) is { } row
    ? $"{store.Replace("-", "_")}_us={F(Ns(row) / 1000)} {store.Replace("-", "_")}_alloc_bytes={Bytes(row)}"
    : $"{store.Replace("-", "_")}_us=n/a";
Console.WriteLine($"guard {GuardRow("in-process")} {GuardRow("redis")}");
Console.WriteLine($"signing median_ns={F(Ns(signer, true), "0")} alloc_bytes={Bytes(signer)} naive_median_ns={F(Ns(naive, true), "0")} naive_alloc_bytes={Bytes(naive)}");
return 0;

// Runs one client benchmark in a plain loop, e.g. under `perf record` (DOTNET_PerfMapEnabled=1),
// where BenchmarkDotNet's process would only get in the way. Prints microseconds per call.
static async Task<int> ProfileAsync(string name, int count)
{
    var benchmarks = new ClientBenchmarks();
    benchmarks.Setup();
    var method = typeof(ClientBenchmarks).GetMethod(name) ?? throw new ArgumentException("no benchmark " + name + " in ClientBenchmarks");
    var call = method.CreateDelegate<Func<Task<string?>>>(benchmarks);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        await call();
    }

    Console.WriteLine(FormattableString.Invariant($"{name}: {clock.Elapsed.TotalMilliseconds * 1000 / count:0.00} us per call"));
    return 0;
}
