using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>Signing a typical start request (~80-byte body): the SDK's signer beside a naive one.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private const string Secret = "BeIukql3pTKJ8RGL5zo0DA==";
    private const string Path = "/verification/v1/verifications";
    private const string Timestamp = "2026-11-22T01:48:18.1234567Z";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms"}""");
    private readonly ApplicationSigner _signer = new("669E367E-6BBA-48AB-AF15-266871C28135", Secret);

    [Benchmark]
    public string Signer() => _signer.CreateAuthorizationParameter("POST", Path, "application/json", Body, Timestamp);

    /// <summary>What peer SDKs do: a new HMAC and MD5 object per call and string concatenation.</summary>
    [Benchmark(Baseline = true)]
    public string Naive()
    {
        using var md5 = MD5.Create();
        var contentMd5 = Convert.ToBase64String(md5.ComputeHash(Body));
        var stringToSign = "POST" + "\n" + contentMd5 + "\n" + "application/json" + "\n" + "x-timestamp:" + Timestamp + "\n" + Path;
        using var hmac = new HMACSHA256(Convert.FromBase64String(Secret));
        return "669E367E-6BBA-48AB-AF15-266871C28135:" + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }
}
