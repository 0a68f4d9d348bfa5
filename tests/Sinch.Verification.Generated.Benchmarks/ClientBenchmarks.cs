using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>Start + status through the SDK (default pipeline) against the hand-written baseline, both over <see cref="InMemoryApi"/>.</summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private const string Key = "669E367E-6BBA-48AB-AF15-266871C28135";
    private const string Secret = "BeIukql3pTKJ8RGL5zo0DA==";
    private IVerificationClient _client = null!;
    private HandWrittenClient _baseline = null!;
    private IVerificationClient _bare = null!;
    private IVerificationClient _authOnly = null!;
    private IVerificationClient _generatedOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new VerificationClientOptions { ApplicationKey = Key, ApplicationSecret = Secret };
        _client = VerificationClient.Create(options, new InMemoryApi());
        _authOnly = new VerificationClient(new HttpClient(new VerificationAuthenticationHandler(options) { InnerHandler = new InMemoryApi() }) { BaseAddress = options.GetBaseAddress() });
        _generatedOnly = new VerificationClient(new HttpClient(new InMemoryApi()) { BaseAddress = options.GetBaseAddress() });
        _bare = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = Key, ApplicationSecret = Secret, Resilience = { Enabled = false } }, new InMemoryApi());
        var http = new HttpClient(new InMemoryApi()) { BaseAddress = options.GetBaseAddress() };
        _baseline = new HandWrittenClient(http, new ApplicationSigner(Key, Secret), TimeProvider.System);
    }

    [Benchmark(Baseline = true)]
    public async Task<string?> HandWritten()
    {
        var started = await _baseline.StartAsync(
            new HandWrittenClient.StartRequest { Identity = { Endpoint = "+46700000000" }, Reference = "order-1234" }, CancellationToken.None);
        var status = await _baseline.StatusAsync(started.Id, CancellationToken.None);
        return status.Status;
    }

    [Benchmark]
    public async Task<string?> AuthOnly()
    {
        var started = await _authOnly.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", "order-1234"));
        var status = await _authOnly.GetVerificationByIdAsync(started.Id);
        return status.Status.Value;
    }

    [Benchmark]
    public async Task<string?> GeneratedOnly()
    {
        var started = await _generatedOnly.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", "order-1234"));
        var status = await _generatedOnly.GetVerificationByIdAsync(started.Id);
        return status.Status.Value;
    }

    [Benchmark]
    public async Task<string?> SdkBare()
    {
        var started = await _bare.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", "order-1234"));
        var status = await _bare.GetVerificationByIdAsync(started.Id);
        return status.Status.Value;
    }

    [Benchmark]
    public async Task<string?> Sdk()
    {
        var started = await _client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", "order-1234"));
        var status = await _client.GetVerificationByIdAsync(started.Id);
        return status.Status.Value;
    }
}
