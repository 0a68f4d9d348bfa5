using Sinch.Verification.SpecCheck;
using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// What an emulator holds, shown by <c>GET /emulator/stats</c> and the meter
/// <see cref="EmulatorService.MeterName"/>, and the OpenAPI description of those endpoints that
/// the emulator serves, held to what it does.
/// </summary>
[TestClass]
public sealed class StatsAndDescriptionTests
{
    [TestMethod]
    public async Task Stats_and_metrics_show_what_is_held_and_what_retention_dropped()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = TestApp.Options(clock: clock);
        options.Retention = TimeSpan.FromMinutes(1);
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        using var listener = Listen(emulator.Service, out var measured);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };
        var reported = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        await client.ReportVerificationByIdAsync(reported.Id, ReportVerificationRequest.ForSms("0000"), cts.Token);
        await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);

        var before = (await RawResponse.ReadAsync(await http.GetAsync("emulator/stats", cts.Token), cts.Token)).Json;
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = (await RawResponse.ReadAsync(await http.GetAsync("emulator/stats", cts.Token), cts.Token)).Json;
        listener.RecordObservableInstruments();

        Assert.AreEqual("""{"verifications":2,"pendingVerifications":1,"outboxMessages":2,"evictions":0,"retention":"00:01:00","maxEndedVerifications":100000}""", before.ToString(Newtonsoft.Json.Formatting.None));
        Assert.AreEqual("""{"verifications":1,"pendingVerifications":1,"outboxMessages":1,"evictions":1,"retention":"00:01:00","maxEndedVerifications":100000}""", after.ToString(Newtonsoft.Json.Formatting.None));
        Assert.AreEqual(1, measured["sinch.verification.emulator.verifications"]);
        Assert.AreEqual(1, measured["sinch.verification.emulator.outbox.messages"]);
        Assert.AreEqual(1, measured["sinch.verification.emulator.evictions"]);
    }

    [TestMethod]
    public async Task The_served_description_states_the_outbox_paging_and_the_shapes_the_emulator_answers()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), cancellationToken: cts.Token);
        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };

        var served = await RawResponse.ReadAsync(await http.GetAsync("emulator/openapi.yaml", cts.Token), cts.Token);
        var outbox = await RawResponse.ReadAsync(await http.GetAsync("emulator/outbox", cts.Token), cts.Token);
        var stats = await RawResponse.ReadAsync(await http.GetAsync("emulator/stats", cts.Token), cts.Token);

        Assert.AreEqual(200, served.StatusCode);
        Assert.AreEqual("application/yaml; charset=utf-8", served.ContentType);
        var document = YamlToJson.Parse(new StringReader(served.Body));
        var limit = document.SelectToken("paths['/emulator/outbox'].get.parameters[?(@.name == 'limit')].schema")!;
        Assert.AreEqual(OutboxHandler.DefaultLimit, (int)limit["default"]!);
        Assert.AreEqual(OutboxHandler.MaxLimit, (int)limit["maximum"]!);
        StringAssert.Contains((string?)document.SelectToken("paths['/emulator/outbox'].get.description"), "**oldest first**");
        await AssertValidAsync(document, "OutboxMessage", outbox.Json.Single());
        await AssertValidAsync(document, "EmulatorStats", stats.Json);
        CollectionAssert.AreEquivalent(
            ((JObject)document.SelectToken("components.schemas.EmulatorStats.properties")!).Properties().Select(p => p.Name).ToList(),
            ((JObject)stats.Json).Properties().Select(p => p.Name).ToList(),
            "the stats answer exactly what the description lists");
    }

    private static async Task AssertValidAsync(JToken document, string schemaName, JToken value)
    {
        var schema = await JsonSchema.FromJsonAsync(document.SelectToken("components.schemas." + schemaName)!.ToString());
        var errors = schema.Validate(value);
        Assert.IsEmpty(errors, schemaName + ": " + string.Join(", ", errors.Select(e => e.ToString())));
    }

    /// <summary>Collects the latest value of each instrument of this emulator's meter (other emulators of the test run have their own).</summary>
    private static MeterListener Listen(EmulatorService emulator, out Dictionary<string, long> measured)
    {
        var values = measured = new Dictionary<string, long>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EmulatorService.MeterName && ReferenceEquals(instrument.Meter.Scope, emulator))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        return listener;
    }
}
