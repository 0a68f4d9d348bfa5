using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NSwag;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The emulator serves every operation of the spec, and answers each of the spec's examples as
/// the spec documents it. Each operation is called through the SDK client with the spec's
/// examples (each request example its own row): on an emulator that has no verification yet,
/// the answer must be one the operation documents (for an operation that addresses an existing
/// verification, typically 404) and never a 5xx; then, with the verification the example
/// addresses started from the spec's start examples, the answer must be the operation's 2xx.
/// Only the answers of the router to a path or verb it does not know mean "not served".
/// </summary>
[TestClass]
public sealed class ServedOperationsTests
{
    private const string NoBody = "(no body)";

    private static readonly JsonSerializer Json = VerificationJson.CreateSerializer();

    public TestContext TestContext { get; set; } = null!;

    /// <summary>One row per operation and request example (one row for an operation without a body).</summary>
    public static IEnumerable<TestDataRow<(string OperationId, string Example)>> Examples =>
        from operation in SpecOperations.All
        from example in operation.RequestMedia is null ? [NoBody] : operation.RequestExamples.Select(e => e.Name)
        select new TestDataRow<(string, string)>((operation.OperationId, example)) { DisplayName = $"{operation.OperationId} {example}" };

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public async Task Every_example_of_every_operation_gets_its_documented_answer_and_the_2xx_of_the_operation_when_its_verification_exists(string operationId, string example)
    {
        var operation = SpecOperations.Get(operationId);
        var requestExample = example == NoBody ? null : example;
        var what = $"{operationId} with example {example} ({operation.Verb} {operation.PathTemplate})";
        var success = operation.Success?.Status ?? throw new AssertFailedException($"{operationId}: the spec declares no 2xx response");
        var addressesAVerification = operation.Operation.ActualParameters.Any(p => p.Kind == OpenApiParameterKind.Path);

        // As the spec writes it, on an emulator that knows no verification.
        var (status, body) = await CallAsync(operation, requestExample, prepare: false);
        AssertDocumented(operation, what, status, body);
        if (!addressesAVerification)
        {
            Assert.AreEqual(success, status, $"{what}: a valid request that needs no earlier verification must get {success}; the emulator answers {status} {body}");
            return;
        }

        // With the verification it addresses started from the spec's own start example.
        (status, body) = await CallAsync(operation, requestExample, prepare: true);
        AssertDocumented(operation, what, status, body);
        Assert.AreEqual(success, status, $"{what}, after starting the verification it addresses: must get {success}; the emulator answers {status} {body}");
    }

    [TestMethod]
    public void The_examples_cover_every_operation_of_the_spec()
    {
        var covered = Examples.Select(r => r.Value.OperationId).Distinct().ToList();

        CollectionAssert.AreEquivalent(SpecOperations.All.Select(o => o.OperationId).ToList(), covered);
    }

    [TestMethod]
    [DataRow("GET", "verification/v1/verifications/id/1018e1a0/events", true, DisplayName = "an unknown path")]
    [DataRow("DELETE", "verification/v1/verifications/id/1018e1a0", true, DisplayName = "an unknown verb of a known path")]
    [DataRow("GET", "verification/v1/verifications/id/1018e1a0", false, DisplayName = "a verification that does not exist")]
    [DataRow("PUT", "verification/v1/verifications/number/12345", false, DisplayName = "an invalid request to an operation")]
    public async Task The_check_tells_a_route_the_emulator_does_not_know_from_an_answer_of_an_operation(string verb, string path, bool unrouted)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(verb), path, verb == "PUT" ? """{"method":"sms","sms":{"code":"1234"}}""" : null, cts.Token);

        Assert.AreEqual(unrouted, IsUnrouted(response.StatusCode, response.Body), $"{response.StatusCode} {response.Body}");
    }

    /// <summary>Calls the operation on a new emulator; with <paramref name="prepare"/>, after starting the verification its path parameters address.</summary>
    private async Task<(int Status, string Body)> CallAsync(SpecOperation operation, string? requestExample, bool prepare)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);
        var values = prepare ? await StartAddressedVerificationAsync(operation, requestExample, client, cts.Token) : null;
        try
        {
            await operation.InvokeAsync(client, cts.Token, requestExample, values);
            return (operation.Success!.Value.Status, string.Empty);
        }
        catch (VerificationApiException e)
        {
            return (e.StatusCode, e.ResponseBody ?? string.Empty);
        }
    }

    /// <summary>
    /// Starts the verification an example addresses, with the spec's start example of the same
    /// method (or, without a method in the body, the first one that has every value the path
    /// needs), and returns the path parameters that address it: id, reference, endpoint, method.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, object?>> StartAddressedVerificationAsync(SpecOperation operation, string? requestExample, IVerificationClient client, CancellationToken cancellationToken)
    {
        var pathParameters = operation.Operation.ActualParameters.Where(p => p.Kind == OpenApiParameterKind.Path).ToList();
        if (pathParameters.FirstOrDefault(p => p.Name is not ("id" or "reference" or "endpoint" or "method")) is { } unknown)
        {
            throw new AssertFailedException($"{operation.OperationId}: the path parameter {unknown.Name} is none of id, reference, endpoint, method; teach ServedOperationsTests which value of a started verification it takes");
        }

        var document = await SpecDocument.LoadAsync();
        var startSchema = document.Components.Schemas[nameof(StartVerificationRequest)];
        var start = SpecOperations.All.Single(o => ReferenceEquals(o.RequestMedia?.Schema?.ActualSchema, startSchema));
        var method = requestExample is null ? null : (string?)operation.RequestExamples.Single(e => e.Name == requestExample).Value["method"];
        foreach (var (name, example) in start.RequestExamples)
        {
            var known = new Dictionary<string, JToken?>
            {
                ["reference"] = example["reference"],
                ["endpoint"] = example.SelectToken("identity.endpoint"),
                ["method"] = example["method"],
            };
            if ((method is not null && !string.Equals((string?)known["method"], method, StringComparison.OrdinalIgnoreCase))
                || pathParameters.Any(p => p.Name != "id" && known[p.Name] is null))
            {
                continue;
            }

            var started = (StartVerificationResponse)(await start.InvokeAsync(client, cancellationToken, name))!;
            known["id"] = started.Id;
            return pathParameters.ToDictionary(p => p.Name, p => known[p.Name]!.ToObject(ParameterType(operation, p.Name), Json));
        }

        throw new AssertFailedException($"{operation.OperationId}: no start example of {start.OperationId} starts the verification that {requestExample ?? "its path example"} addresses (method {method ?? "any"}, with {string.Join(", ", pathParameters.Select(p => p.Name))})");
    }

    private static Type ParameterType(SpecOperation operation, string specName) =>
        operation.Method.GetParameters().SingleOrDefault(p => string.Equals(p.Name, specName, StringComparison.OrdinalIgnoreCase))?.ParameterType
        ?? throw new AssertFailedException($"{operation.OperationId}: {operation.MethodName} has no parameter {specName}");

    private static void AssertDocumented(SpecOperation operation, string what, int status, string body)
    {
        if (IsUnrouted(status, body))
        {
            Assert.Fail($"the emulator does not serve {what}: it answers {status} {body}. " +
                "Add its row to ApiHandler.Routes in src/Sinch.Verification.Emulator/Api/ApiHandler.cs and implement it in the VerificationEngine.");
        }

        Assert.IsLessThan(500, status, $"{what}: the emulator answers {status} {body}");
        Assert.IsTrue(operation.Operation.ActualResponses.ContainsKey(status.ToString(CultureInfo.InvariantCulture)),
            $"{what}: the emulator answers {status}, which the spec does not document for {operation.OperationId} ({string.Join(", ", operation.Operation.ActualResponses.Keys)}): {body}");
    }

    // The router's answers (ApiHandler.Match)    // The router's answers (ApiHandler.Match): 404 "Resource not found." for a path it does not
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
