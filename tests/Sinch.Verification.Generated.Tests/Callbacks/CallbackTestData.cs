using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.TestSupport;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.Tests.Callbacks;

/// <summary>One request vector of spec/signing-vectors.json.</summary>
internal sealed record CallbackVector(
    string Name, string ApplicationKey, string ApplicationSecret, string Method, string Path,
    string ContentType, string Timestamp, string Body, string Signature, string Authorization)
{
    public byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    public DateTimeOffset Time => DateTimeOffset.Parse(Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override string ToString() => Name;
}

internal static class CallbackTestData
{

    // The examples of the spec's callback section.
    public const string RequestEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000","verified":false},"price":{"amount":0.0453,"currencyId":"EUR"},"rate":{"amount":0.0453,"currencyId":"EUR"},"reference":"order-1234","custom":"my data","acceptLanguage":["es-ES"]}""";
    public const string ResultEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","source":"intercepted","custom":"my data"}""";
    public const string SmsDeliveredEventJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationSmsDeliveredEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"reference":"order-1234","custom":"my data","smsResult":"Successful"}""";

    // spec/signing-vectors.json, linked into TestData by the .csproj.
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Sinch.Verification.Generated.Tests.Support.TestPaths.SigningVectors)));

    public static IReadOnlyList<CallbackVector> Vectors()
    {
        var vectors = new List<CallbackVector>();
        foreach (var v in Document.Value.RootElement.GetProperty("vectors").EnumerateArray())
        {
            string Get(string name) => v.GetProperty(name).GetString()!;
            var authorization = v.TryGetProperty("authorization", out var a)
                ? a.GetString()!
                : $"Application {Get("applicationKey")}:{Get("signature")}";
            vectors.Add(new CallbackVector(Get("name"), Get("applicationKey"), Get("applicationSecret"), Get("method"), Get("path"),
                Get("contentType"), Get("timestamp"), Get("body"), Get("signature"), authorization));
        }

        return vectors;
    }

    public static CallbackVector CallbackVector() => Vectors()[1];

    /// <summary>The names of the callback vectors ("callbacks"), for DynamicData.</summary>
    public static IEnumerable<object[]> CallbackCases()
    {
        foreach (var c in Document.Value.RootElement.GetProperty("callbacks").EnumerateArray())
        {
            yield return new object[] { c.GetProperty("name").GetString()! };
        }
    }

    /// <summary>One callback vector: a received callback, the receiver's settings and clock, and the verdict.</summary>
    public static JsonElement CallbackCase(string name)
    {
        foreach (var c in Document.Value.RootElement.GetProperty("callbacks").EnumerateArray())
        {
            if (c.GetProperty("name").GetString() == name)
            {
                return c;
            }
        }

        throw new ArgumentException("No callback vector named " + name, nameof(name));
    }

    /// <summary>The file's reason words (kebab case) as <see cref="CallbackValidationReason"/>.</summary>
    public static CallbackValidationReason Reason(string word) =>
        Enum.Parse<CallbackValidationReason>(word.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    public static CallbackValidator Validator(TimeProvider clock, params (string Key, string Secret)[] applications)
    {
        var options = new CallbackValidatorOptions();
        foreach (var (key, secret) in applications.Length == 0 ? new[] { (AppKey, AppSecret) } : applications)
        {
            options.AddApplication(key, secret);
        }

        return new CallbackValidator(options, clock);
    }

    /// <summary>Signs a callback as Sinch would: returns (timestamp, authorization).</summary>
    public static (string Timestamp, string Authorization) Sign(string body, DateTimeOffset time, string key = AppKey, string secret = AppSecret,
        string contentType = JsonUtf8, string path = CallbackPath, string method = "POST")
    {
        var signer = new ApplicationSigner(key, secret);
        var timestamp = ApplicationSigner.FormatTimestamp(time);
        return (timestamp, "Application " + signer.CreateAuthorizationParameter(method, path, contentType, Encoding.UTF8.GetBytes(body), timestamp));
    }
}
