using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.NetStandard.Tests;

/// <summary>
/// The netstandard2.0 build, exercised through its public API: signing vectors, callback
/// validation and parsing, a whole client flow (generated code included) and the retry rule,
/// each of which has a netstandard2.0 code path of its own.
/// </summary>
[TestClass]
public sealed class NetStandardBuildTests
{
    private const string Key = "669E367E-6BBA-48AB-AF15-266871C28135";
    private const string Secret = "BeIukql3pTKJ8RGL5zo0DA==";

    private static readonly JObject Vectors = LoadVectors();

    public static IEnumerable<object[]> VectorNames => Vectors["vectors"]!.Select(v => new object[] { (string)v["name"]! });

    public static IEnumerable<object[]> CallbackNames => Vectors["callbacks"]!.Select(v => new object[] { (string)v["name"]! });

    [TestMethod]
    public void These_tests_run_the_netstandard2_0_build()
    {
        var framework = typeof(ApplicationSigner).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        Assert.AreEqual(".NETStandard,Version=v2.0", framework);
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void Signs_every_vector(string name)
    {
        var v = Vector(name);
        var signer = new ApplicationSigner((string)v["applicationKey"]!, (string)v["applicationSecret"]!);
        var body = Encoding.UTF8.GetBytes((string)v["body"]!);
        var (method, path, contentType, timestamp) = ((string)v["method"]!, (string)v["path"]!, (string)v["contentType"]!, (string)v["timestamp"]!);

        Assert.AreEqual((string)v["contentMd5"]!, ApplicationSigner.ComputeContentMd5(body));
        Assert.AreEqual((string)v["signature"]!, signer.ComputeSignature(method, path, contentType, body, timestamp));
        Assert.AreEqual(signer.ApplicationKey + ":" + (string)v["signature"]!, signer.CreateAuthorizationParameter(method, path, contentType, body, timestamp));
        Assert.IsTrue(signer.IsValidSignature(method, path, contentType, body, timestamp, ((string)v["signature"]!).AsSpan()));
        Assert.IsFalse(signer.IsValidSignature(method, path + "x", contentType, body, timestamp, ((string)v["signature"]!).AsSpan()));
        Assert.IsFalse(signer.IsValidSignature(method, path, contentType, body, timestamp, "not base64!".AsSpan()));
    }

    [TestMethod]
    [DynamicData(nameof(CallbackNames))]
    public void Validates_every_callback_vector_like_the_spec_says(string name)
    {
        var c = (JObject)Vectors["callbacks"]!.Single(v => (string)v["name"]! == name);
        var headers = (JObject)c["headers"]!;
        var now = DateTimeOffset.Parse((string)c["now"]!, System.Globalization.CultureInfo.InvariantCulture);
        var options = new CallbackValidatorOptions { FreshnessWindow = TimeSpan.FromSeconds((int)c["maxSkewSeconds"]!) }
            .AddApplication((string)c["applicationKey"]!, (string)c["applicationSecret"]!);

        var result = new CallbackValidator(options, new FixedTime(now)).Validate((string)c["method"]!, (string)c["path"]!,
            (string?)headers["content-type"], Encoding.UTF8.GetBytes((string)c["body"]!), (string?)headers["x-timestamp"], (string?)headers["authorization"]);

        Assert.AreEqual(((string)c["reason"]!).Replace("-", string.Empty), result.Reason.ToString(), ignoreCase: true);
        Assert.AreEqual((bool)c["mustValidate"]!, result.IsValid);
    }

    [TestMethod]
    public void Long_and_non_ASCII_text_signs_as_its_UTF8_bytes_and_a_lone_surrogate_as_the_replacement_character()
    {
        var signer = new ApplicationSigner(Key, Secret);
        var path = "/" + new string('p', 3000) + "/\u00e5\u20ac\ud83d\ude00\ud800/" + new string('\u20ac', 2000);
        var body = Encoding.UTF8.GetBytes(new string('b', 5000));
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(Secret),
            Encoding.UTF8.GetBytes("POST\n" + ApplicationSigner.ComputeContentMd5(body) + "\ntext/plain; charset=\u00fc\nx-timestamp:t\n" + path)));

        Assert.AreEqual(expected, signer.ComputeSignature("post", path, "text/plain; charset=\u00fc", body, "t"));
    }

    [TestMethod]
    public void A_non_ASCII_verb_never_signs()
    {
        var signer = new ApplicationSigner(Key, Secret);
        Assert.ThrowsExactly<ArgumentException>(() => signer.ComputeSignature("P\u00d3ST", "/", null, default, "2014-06-04T13:41:58Z"));
    }

    [TestMethod]
    public void Validates_and_parses_a_signed_callback()
    {
        var v = Vector("callback signing docs example");
        var timestamp = (string)v["timestamp"]!;
        var validator = new CallbackValidator(new CallbackValidatorOptions().AddApplication((string)v["applicationKey"]!, (string)v["applicationSecret"]!), new FixedTime(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)));
        var body = Encoding.UTF8.GetBytes((string)v["body"]!);

        var result = validator.Validate((string)v["method"]!, (string)v["path"]!, (string)v["contentType"]!, body, timestamp, (string)v["authorization"]!);
        Assert.AreEqual(CallbackValidationReason.Valid, result.Reason);
        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, validator.Validate("P\u00d3ST", (string)v["path"]!, (string)v["contentType"]!, body, timestamp, (string)v["authorization"]!).Reason);

        // A byte order mark is skipped; an event this SDK does not know is kept, not thrown on.
        var parsed = CallbackParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray());
        Assert.IsInstanceOfType<UnknownVerificationCallback>(parsed);
        Assert.AreEqual("ace", parsed.EventType.Value);

        var resultEvent = CallbackParser.Parse(Encoding.UTF8.GetBytes(
            "{\"id\":\"1\",\"event\":\"VerificationResultEvent\",\"method\":\"sms\",\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"status\":\"SUCCESSFUL\"}"));
        Assert.AreEqual(VerificationStatus.Successful, ((VerificationResultCallback)resultEvent).Event.Status);
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(new byte[] { 0xC3, 0x28 }));
    }

    [TestMethod]
    public async Task Runs_a_whole_verification_through_the_generated_client()
    {
        var server = new FakeSinch();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        using var client = VerificationClient.Create(Options(), server, loggerFactory: loggerFactory);
        var ct = TestContext.CancellationToken;

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", reference: "order-1"), cancellationToken: ct);
        Assert.AreEqual("v-1", started.Id);
        Assert.AreEqual(VerificationMethod.Sms, started.Method);

        var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms("1234"), ct);
        Assert.AreEqual(VerificationStatus.Successful, report.Status);

        var status = await client.GetVerificationByIdentityAsync(VerificationMethod.Sms, "+46700000000", ct);
        Assert.IsFalse(status.Status.IsKnown, "an unknown status is kept");
        Assert.AreEqual("SOMETHING_NEW", status.Status.Value);
        Assert.AreEqual(new DateTimeOffset(2024, 5, 22, 9, 38, 59, TimeSpan.Zero).AddTicks(5590437), status.VerificationTime);

        var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByIdAsync("missing", ct));
        Assert.AreEqual(404, error.StatusCode);
        Assert.AreEqual(40400, error.ErrorCode);
        Assert.AreEqual("ref-1", error.Reference);

        // The phone number keeps its literal '+', and every request is signed over what was sent.
        CollectionAssert.Contains(server.Paths, "/verification/v1/verifications/sms/number/+46700000000");
        Assert.AreEqual(4, server.SignedCorrectly);
        var lines = logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.IsTrue(lines.Any(l => l.Contains("failed with 404 errorCode 40400", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public async Task Retries_a_start_only_when_the_connection_was_never_made()
    {
        var ct = TestContext.CancellationToken;

        var refused = new FakeSinch { FailFirst = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)) };
        using (var client = VerificationClient.Create(Options(), refused))
        {
            await client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"), cancellationToken: ct);
        }

        Assert.AreEqual(2, refused.Attempts, "a refused connection proves nothing was sent: retried");

        var reset = new FakeSinch { FailFirst = new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset)) };
        using (var client = VerificationClient.Create(Options(), reset))
        {
            await Assert.ThrowsExactlyAsync<HttpRequestException>(() => client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"), cancellationToken: ct));
        }

        Assert.AreEqual(1, reset.Attempts, "a reset connection may have delivered the start: never retried");

        var unavailable = new FakeSinch { FailFirst = new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset)) };
        using (var client = VerificationClient.Create(Options(), unavailable))
        {
            await client.GetVerificationByIdAsync("v-1", ct);
        }

        Assert.AreEqual(2, unavailable.Attempts, "reads are retried on any transient failure");
    }

    public TestContext TestContext { get; set; } = null!;

    private static VerificationClientOptions Options() => new()
    {
        ApplicationKey = Key,
        ApplicationSecret = Secret,
        BaseUrl = new Uri("https://verification.example.test/verification/v1"),
        Resilience = { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) },
    };

    private static JObject Vector(string name) => (JObject)Vectors["vectors"]!.Single(v => (string)v["name"]! == name);

    private static JObject LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "signing-vectors.json");
        using var reader = new JsonTextReader(new StringReader(File.ReadAllText(path))) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Answers like Sinch and checks each request's signature with its own signer.</summary>
    private sealed class FakeSinch : HttpMessageHandler
    {
        private readonly ApplicationSigner _signer = new(Key, Secret);
        private int _attempts;
        private int _signedCorrectly;

        public Exception? FailFirst { get; init; }

        public ConcurrentQueue<string> Paths { get; } = new();

        public int Attempts => _attempts;

        public int SignedCorrectly => _signedCorrectly;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) == 1 && FailFirst is not null)
            {
                throw FailFirst;
            }

            var path = request.RequestUri!.AbsolutePath;
            Paths.Enqueue(path);
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (_signer.IsValidAuthorization(request.Method.Method, path, request.Content?.Headers.ContentType?.ToString(), body,
                    request.Headers.GetValues(ApplicationSigner.TimestampHeader).Single(), request.Headers.Authorization?.ToString()))
            {
                Interlocked.Increment(ref _signedCorrectly);
            }

            return (request.Method.Method, path) switch
            {
                ("POST", "/verification/v1/verifications") => Json(HttpStatusCode.OK, "{\"id\":\"v-1\",\"method\":\"sms\",\"sms\":{\"template\":\"Your code is {{CODE}}\"}}"),
                ("PUT", "/verification/v1/verifications/id/v-1") => Json(HttpStatusCode.OK, "{\"id\":\"v-1\",\"method\":\"sms\",\"status\":\"SUCCESSFUL\",\"source\":\"manual\"}"),
                ("GET", "/verification/v1/verifications/id/missing") => Json(HttpStatusCode.NotFound, "{\"errorCode\":40400,\"message\":\"Verification not found\",\"reference\":\"ref-1\"}"),
                ("GET", _) => Json(HttpStatusCode.OK, "{\"id\":\"v-1\",\"method\":\"sms\",\"status\":\"SOMETHING_NEW\",\"verificationTimestamp\":\"2024-05-22T09:38:59.5590437\"}"),
                _ => Json(HttpStatusCode.BadRequest, "{\"errorCode\":40001,\"message\":\"unexpected request\"}"),
            };
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
