using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The emulator serves every operation of the spec: each one, called through the SDK client
/// with the spec's examples, reaches an operation of the emulator. What it answers (a started
/// verification, "verification not found", a validation error) is the operation's business;
/// only the answers of its router to a path or verb it does not know mean "not served".
/// </summary>
[TestClass]
public sealed class ServedOperationsTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> Operations => SpecOperations.Rows;

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task EveryOperationOfTheSpec_IsServedByTheEmulator(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);

        try
        {
            await operation.InvokeAsync(client, cts.Token);
        }
        catch (VerificationApiException e) when (IsUnrouted(e.StatusCode, e.ResponseBody))
        {
            Assert.Fail($"the emulator does not serve {operationId} ({operation.Verb} {operation.PathTemplate}): it answers {e.StatusCode} {e.ResponseBody}. " +
                "Route it in src/Sinch.Verification.Emulator/Api/ApiHandler.cs (Match) and implement it in the VerificationEngine.");
        }
        catch (VerificationApiException)
        {
            // Served: an answer of the operation itself, e.g. 404 "Verification not found." for an id the emulator never issued.
        }
    }

    [TestMethod]
    [DataRow("GET", "verification/v1/verifications/id/1018e1a0/events", true, DisplayName = "an unknown path")]
    [DataRow("DELETE", "verification/v1/verifications/id/1018e1a0", true, DisplayName = "an unknown verb of a known path")]
    [DataRow("GET", "verification/v1/verifications/id/1018e1a0", false, DisplayName = "a verification that does not exist")]
    [DataRow("PUT", "verification/v1/verifications/number/12345", false, DisplayName = "an invalid request to an operation")]
    public async Task TheCheck_TellsARouteTheEmulatorDoesNotKnow_FromAnAnswerOfAnOperation(string verb, string path, bool unrouted)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(verb), path, verb == "PUT" ? """{"method":"sms","sms":{"code":"1234"}}""" : null, cts.Token);

        Assert.AreEqual(unrouted, IsUnrouted(response.StatusCode, response.Body), $"{response.StatusCode} {response.Body}");
    }

    // The router's answers (ApiHandler.Match): 404 "Resource not found." for a path it does not
    // know (an operation's own 404 is "Verification not found."), 405 for a verb it does not know.
    private static bool IsUnrouted(int status, string body)
    {
        var error = TryParse(body);
        var code = error?["errorCode"]?.Type == JTokenType.Integer ? (int)error["errorCode"]! : (int?)null;
        return (status == 404 && code == ErrorCodes.NotFound && (string?)error!["message"] == EmulatorApiException.NotFound("Resource").Message)
            || (status == 405 && code == ErrorCodes.MethodNotAllowed);
    }

    private static JObject? TryParse(string body)
    {
        try
        {
            return JToken.Parse(body) as JObject;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
