using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// One whole verification per method of the spec (<see cref="VerificationMethod.KnownValues"/>),
/// through the SDK client and a callback receiver: a method added to the spec runs here without
/// a line of C#. What completes a verification comes from the spec too: the report object of the
/// method (<c>ReportVerificationRequest.MethodMemberOf</c>), or, for a method reports have no
/// object for (seamless), a GET of the target URI the start answered.
/// </summary>
[TestClass]
public sealed class MethodFlowTests
{
    // The spec says of CalloutStartDetails: "newer ones send {} or nothing"; the emulator sends nothing.
    private static readonly VerificationMethod[] StartObjectOptional = [VerificationMethod.Callout];

    public static IEnumerable<TestDataRow<string>> Methods =>
        VerificationMethod.KnownValues.Select(m => new TestDataRow<string>(m.Value) { DisplayName = m.Value });

    [TestMethod]
    [DynamicData(nameof(Methods))]
    public async Task Every_method_starts_reaches_the_phone_completes_and_reads_back_successful_with_signed_callbacks(string methodName)
    {
        var method = VerificationMethod.Parse(methodName);
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();
        var reference = methodName + "-" + Guid.NewGuid();

        var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, number, reference), cancellationToken: cts.Token);

        Assert.AreEqual(method, started.Method, methodName);
        if (StartVerificationResponse.MethodMemberOf(method) is { } startObject && !StartObjectOptional.Contains(method))
        {
            Assert.IsNotNull(startObject.GetValue(started), $"{methodName}: the start response has no {startObject.JsonName} object, which the spec gives this method");
        }

        foreach (var other in StartVerificationResponse.MethodMembers.Where(m => m.Method != method))
        {
            Assert.IsNull(other.GetValue(started), $"{methodName}: the start response carries {other.JsonName}, the object of {other.Method}");
        }

        var sent = emulator.Outbox.GetByVerificationId(started.Id);
        Assert.IsNotNull(sent, $"{methodName}: nothing reached the phone");
        Assert.AreEqual(method, sent.Method, methodName);
        Assert.AreEqual(number, sent.To, methodName);
        Assert.IsFalse(string.IsNullOrEmpty(sent.Summary), methodName);
        Assert.DoesNotContain(sent.Code, sent.Summary, $"{methodName}: the summary shows the code");

        if (ReportVerificationRequest.MethodMemberOf(method) is not null)
        {
            var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.For(method, sent.Code), cts.Token);
            Assert.AreEqual(VerificationStatus.Successful, report.Status, $"{methodName}: report {report.Status} {report.Reason}");
            Assert.AreEqual(method, report.Method, methodName);
        }
        else
        {
            // Nothing to report: the phone GETs the target URI over its data connection (no credentials).
            var target = started.Seamless?.TargetUri;
            Assert.IsNotNull(target, $"{methodName}: reports have no object for this method, and the start answered no seamless.targetUri to complete it with");
            Assert.AreEqual(target.ToString(), sent.Code, $"{methodName}: the outbox holds what the phone GETs");
            using var phone = new HttpClient();
            var confirmed = await RawResponse.ReadAsync(await phone.GetAsync(target, cts.Token), cts.Token);
            Assert.AreEqual(200, confirmed.StatusCode, $"{methodName}: {confirmed.Body}");
            Assert.AreEqual("SUCCESSFUL", (string?)confirmed.Json["status"], methodName);
            Assert.AreEqual(methodName, (string?)confirmed.Json["method"], methodName);
        }

        var statuses = new List<(string How, VerificationStatusResponse Status)>
        {
            ("by id", await client.GetVerificationByIdAsync(started.Id, cts.Token)),
            ("by reference", await client.GetVerificationByReferenceAsync(reference, cts.Token)),
        };

        // The spec documents the by-identity read for the methods with an identity-bound report, not for seamless.
        if (method != VerificationMethod.Seamless)
        {
            statuses.Add(("by identity", await client.GetVerificationByIdentityAsync(method, number, cts.Token)));
        }

        foreach (var (how, status) in statuses)
        {
            Assert.AreEqual(started.Id, status.Id, $"{methodName} {how}");
            Assert.AreEqual(VerificationStatus.Successful, status.Status, $"{methodName} {how}");
            Assert.AreEqual(method, status.Method, $"{methodName} {how}");
            Assert.AreEqual(reference, status.Reference, $"{methodName} {how}");
            Assert.IsNotNull(status.VerificationTime, $"{methodName} {how}");
        }

        await emulator.WaitForCallbacksAsync(cts.Token);
        var events = receiver.Received.ToArray();
        CollectionAssert.AreEqual(new[] { "VerificationRequestEvent", "VerificationResultEvent" }, events.Select(e => e.EventType).ToArray(), methodName);
        foreach (var received in events)
        {
            Assert.IsTrue(received.SignatureValid, $"{methodName} {received.EventType}");
            Assert.IsTrue(ExactSchemeCallbackValidator.IsValid(received.Raw, TestApp.Key, TestApp.Secret), $"{methodName} {received.EventType}");
            Assert.AreEqual(methodName, (string?)received.Body["method"], $"{methodName} {received.EventType}");
            Assert.AreEqual(started.Id, (string?)received.Body["id"], $"{methodName} {received.EventType}");
            Assert.AreEqual(number, (string?)received.Body["identity"]!["endpoint"], $"{methodName} {received.EventType}");
            Assert.AreEqual(reference, (string?)received.Body["reference"], $"{methodName} {received.EventType}");
        }

        Assert.AreEqual("SUCCESSFUL", (string?)events[1].Body["status"], methodName);
    }
}
