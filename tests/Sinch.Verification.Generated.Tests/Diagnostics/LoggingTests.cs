using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Diagnostics;

[TestClass]
public sealed class LoggingTests
{
    private const string Number = "+46700000000";
    private const string Pin = "918273";

    [TestMethod]
    public async Task Logs_name_operation_status_error_code_and_attempts_but_never_a_secret_pin_signature_or_number()
    {
        var logs = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var api = new RecordingApi(logs: factory, configure: o =>
        {
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });
        api.Answer(HttpStatusCode.OK, """{"id":"v1","method":"sms"}""")
            .Answer(HttpStatusCode.OK, """{"id":"v1","status":"SUCCESSFUL"}""")
            .Answer(HttpStatusCode.ServiceUnavailable, """{"errorCode":50300,"message":"down"}""")
            .Answer(HttpStatusCode.OK, """{"id":"v1","status":"SUCCESSFUL","identity":{"type":"number","endpoint":"+46700000000"}}""")
            .Answer(HttpStatusCode.NotFound, """{"errorCode":40400,"message":"Verification for +46700000000 not found"}""");

        await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms(Number));
        await api.Client.ReportVerificationByIdentityAsync(Number, ReportVerificationRequest.ForSms(Pin));
        await api.Client.GetVerificationByIdentityAsync(VerificationMethod.Sms, Number);
        await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdentityAsync(VerificationMethod.Sms, Number));

        var text = AllText(logs);
        StringAssert.Contains(text, "startVerification");
        StringAssert.Contains(text, "reportVerificationByIdentity");
        StringAssert.Contains(text, "Retrying Sinch Verification getVerificationByIdentity (attempt 2)");
        StringAssert.Contains(text, "after 2 attempt(s)");
        StringAssert.Contains(text, "errorCode 40400");

        var signatures = api.Requests.Select(r => r.Authorization!.Split(':').Last()).ToList();
        foreach (var secret in new[] { RecordingApi.Secret, Number, "46700000000", Pin }.Concat(signatures))
        {
            Assert.IsFalse(text.Contains(secret, StringComparison.Ordinal), "logged: " + secret);
        }
    }

    [TestMethod]
    public async Task One_span_per_operation_and_duration_and_retry_metrics_are_published()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == VerificationDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Instrument, double Value)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == VerificationDiagnostics.Name) l.EnableMeasurementEvents(instrument); },
        };
        meters.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measurements) measurements.Add((i.Name, v)); });
        meters.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measurements) measurements.Add((i.Name, v)); });
        meters.Start();

        var api = new RecordingApi(configure: o => { o.Resilience.MaxRetryAttempts = 1; o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });
        api.Answer(HttpStatusCode.BadGateway, "").Answer(HttpStatusCode.OK, """{"id":"unique-span-test","status":"PENDING"}""");
        await api.Client.GetVerificationByReferenceAsync("order-secret-ref");

        var span = spans.Single(s => s.Host() == "verification.api.sinch.com" && (string?)s.GetTagItem("sinch.verification.operation") == "getVerificationByReference");
        Assert.AreEqual("GET", span.GetTagItem("http.request.method"));
        Assert.AreEqual("/verifications/reference/{reference}", span.GetTagItem("url.template"));
        Assert.AreEqual(200, span.GetTagItem("http.response.status_code"));
        Assert.IsFalse(span.Tags.Any(t => t.Value?.Contains("order-secret-ref") == true), "the reference is not traced");
        Assert.IsTrue(measurements.Any(m => m.Instrument == "sinch.verification.client.request.duration" && m.Value > 0));
        Assert.IsTrue(measurements.Any(m => m.Instrument == "sinch.verification.client.retries" && m.Value == 1));
    }

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> Operations => SpecOperations.Rows;

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task Every_operation_is_logged_and_traced_by_its_operationId_and_path_template_never_by_its_parameters(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == VerificationDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if ((string?)a.GetTagItem("sinch.verification.operation") == operationId && a.Host() == "verification.api.sinch.com") lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var api = new RecordingApi(logs: factory);
        if (operation.ResponseExamples.Count > 0)
        {
            api.Answer((HttpStatusCode)operation.Success!.Value.Status, operation.ResponseExamples[0].Value.ToString());
        }

        await operation.InvokeAsync(api.Client, TestContext.CancellationToken);

        var span = spans.Single();
        Assert.AreEqual("Sinch Verification " + operationId, span.DisplayName, operationId);
        Assert.AreEqual(operation.Verb, span.GetTagItem("http.request.method"), operationId);
        Assert.AreEqual(operation.PathTemplate, span.GetTagItem("url.template"), operationId);
        var text = AllText(logs);
        StringAssert.Contains(text, operationId);
        // What a path can carry (a phone number, an id, a reference) is in neither; a closed word like "sms" would prove nothing.
        var values = operation.Operation.ActualParameters
            .Where(p => p.Kind == NSwag.OpenApiParameterKind.Path && SpecOperation.ExampleOf(p) is { Type: Newtonsoft.Json.Linq.JTokenType.String } v && ((string)v!).Length >= 8)
            .Select(p => (string)SpecOperation.ExampleOf(p)!)
            .ToList();
        foreach (var value in values)
        {
            Assert.IsFalse(text.Contains(value, StringComparison.Ordinal), $"{operationId}: logged {value}");
            Assert.IsFalse(span.Tags.Any(t => t.Value?.Contains(value, StringComparison.Ordinal) == true) || span.DisplayName.Contains(value, StringComparison.Ordinal), $"{operationId}: traced {value}");
        }
    }

    /// <summary>Every record's message, exception and structured values, one record a line: what a secret must never be in.</summary>
    private static string AllText(FakeLogCollector logs) => string.Join("\n", logs.GetSnapshot().Select(r =>
        $"{r.Message} {r.Exception} | " + string.Join(", ", (r.StructuredState ?? []).Select(v => v.Key + "=" + v.Value))));
}

internal static class ActivityExtensions
{
    public static string? Host(this Activity activity) => activity.GetTagItem("server.address") as string;
}
