using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>Validating and parsing a typical (~300-byte) VerificationResultEvent, reported beside signing.</summary>
[MemoryDiagnoser]
public class CallbackBenchmarks
{
    private const string Key = "669E367E-6BBA-48AB-AF15-266871C28135";
    private const string Secret = "BeIukql3pTKJ8RGL5zo0DA==";
    private const string Path = "/sinch/verification";
    private const string ContentType = "application/json; charset=utf-8";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","source":"intercepted","custom":"my data for this verification, echoed back by Sinch"}""");

    private CallbackValidator _validator = null!;
    private string _timestamp = null!;
    private string _authorization = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _timestamp = ApplicationSigner.FormatTimestamp(now);
        _authorization = "Application " + new ApplicationSigner(Key, Secret).CreateAuthorizationParameter("POST", Path, ContentType, Body, _timestamp);
        _validator = new CallbackValidator(new CallbackValidatorOptions { FreshnessWindow = TimeSpan.FromDays(1) }.AddApplication(Key, Secret));
    }

    [Benchmark]
    public object ValidateAndParse()
    {
        var result = _validator.Validate("POST", Path, ContentType, Body, _timestamp, _authorization);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(result.Reason.ToString());
        }

        return CallbackParser.Parse(Body);
    }
}
