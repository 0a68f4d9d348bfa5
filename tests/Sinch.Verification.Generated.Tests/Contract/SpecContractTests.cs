using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NSwag;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// The spec and the client cannot drift apart: every example in the spec validates against its
/// own schema, every operation has the examples its tests are built from, and each example of
/// a request is sent, and each example of an answer read, by the generated client without
/// losing anything.
/// </summary>
[TestClass]
public sealed class SpecContractTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> Operations => SpecOperations.Rows;

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Every_operation_has_examples_of_its_required_parameters_its_request_and_its_answer(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        var missing = new List<string>();
        foreach (var parameter in operation.Operation.ActualParameters.Where(p => p.Kind is OpenApiParameterKind.Path or OpenApiParameterKind.Header or OpenApiParameterKind.Query))
        {
            if (parameter.IsRequired && SpecOperation.ExampleOf(parameter) is null)
            {
                missing.Add($"the required {parameter.Kind.ToString().ToLowerInvariant()} parameter {parameter.Name} has no example");
            }
        }

        if (operation.RequestMedia is not null && operation.RequestExamples.Count == 0)
        {
            missing.Add("its request body has no example");
        }

        if (operation.Success is not { } success)
        {
            missing.Add("it declares no 2xx response");
        }
        else if (success.Response.Content.Count > 0 && operation.ResponseExamples.Count == 0)
        {
            missing.Add($"its {success.Status} response has no example");
        }

        Assert.IsEmpty(missing, $"{operation}: {string.Join("; ", missing)} (the wire-format, contract, fault and emulator tests call each operation with its examples)");
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Every_operation_is_a_client_method_with_camel_case_parameters(string operationId)
    {
        var operation = SpecOperations.Get(operationId);

        var parameters = operation.Method.GetParameters().Select(p => p.Name!).ToList();

        var odd = parameters.Where(name => !Regex.IsMatch(name, "^[a-z][A-Za-z0-9]*$")).ToList();
        Assert.IsEmpty(odd, $"{operation}: {operation.MethodName} has parameters {string.Join(", ", odd)}; give a parameter whose name is not a C# identifier an x-originalName (a request body an x-name)");
        Assert.AreEqual("cancellationToken", parameters[^1], operation.ToString());
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task Every_operation_sends_each_example_of_its_request_unchanged(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        foreach (var (name, example) in operation.RequestExamples)
        {
            var api = new RecordingApi();

            await operation.InvokeAsync(api.Client, TestContext.CancellationToken, requestExample: name);

            var sent = JToken.Parse(api.Single.BodyText);
            Assert.IsTrue(JToken.DeepEquals(example, sent), $"{operation}: request example {name}\nin the spec: {example.ToString(Newtonsoft.Json.Formatting.None)}\nsent:        {sent.ToString(Newtonsoft.Json.Formatting.None)}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task Every_operation_reads_each_example_of_its_answer_without_losing_a_member(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        foreach (var (name, example) in operation.ResponseExamples)
        {
            var api = new RecordingApi().Answer((HttpStatusCode)operation.Success!.Value.Status, example.ToString());

            var result = await operation.InvokeAsync(api.Client, TestContext.CancellationToken);

            Assert.IsNotNull(result, $"{operation}: response example {name} read as nothing");
            var written = JToken.Parse(VerificationJson.Serialize(result));
            Assert.IsTrue(JToken.DeepEquals(example, written), $"{operation}: response example {name} read as {result.GetType().Name}\nin the spec: {example.ToString(Newtonsoft.Json.Formatting.None)}\nwritten:     {written.ToString(Newtonsoft.Json.Formatting.None)}");
        }
    }
    [TestMethod]
    public async Task Every_example_in_the_spec_matches_its_schema()
    {
        var examples = await SpecDocument.ExamplesAsync();
        Assert.IsGreaterThan(40, examples.Count, "the walk must find the spec's examples");
        foreach (var where in new[] { "PUT /verifications/id/{id} request", "callback verificationEvents", "GET /verifications/{method}/number/{endpoint} response 404", "#/components/schemas/E164Number" })
        {
            Assert.IsTrue(examples.Any(e => e.Location.StartsWith(where, StringComparison.Ordinal)), "no example found at " + where);
        }

        var failures = examples
            .Select(e => (e.Location, Errors: e.Schema.Validate(e.Value)))
            .Where(r => r.Errors.Count > 0)
            .Select(r => r.Location + ": " + string.Join("; ", r.Errors.Select(x => x.ToString())))
            .ToList();
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
    }

    [TestMethod]
    public async Task Every_operation_has_an_operation_id_and_every_error_status_uses_the_error_schema()
    {
        var document = await SpecDocument.LoadAsync();
        var error = await SpecDocument.SchemaAsync("VerificationError");
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (verb, operation) in item)
            {
                Assert.IsFalse(string.IsNullOrEmpty(operation.OperationId), $"{verb} {path} has no operationId");
                foreach (var (status, response) in operation.ActualResponses.Where(r => r.Key[0] is '4' or '5' || r.Key == "default"))
                {
                    Assert.AreSame(error, response.Content["application/json"].Schema.ActualSchema, $"{verb} {path} {status}");
                }
            }
        }
    }

    [TestMethod]
    public async Task Every_operation_declares_a_default_error_and_every_operation_with_a_body_declares_413_and_415()
    {
        // What the emulator (and a validating proxy in front of it) can answer: no status undeclared.
        var document = await SpecDocument.LoadAsync();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (verb, operation) in item)
            {
                Assert.IsTrue(operation.Responses.ContainsKey("default"), $"{verb} {path} has no default response");
                if (operation.RequestBody is not null)
                {
                    Assert.IsTrue(operation.Responses.ContainsKey("413"), $"{verb} {path} has no 413");
                    Assert.IsTrue(operation.Responses.ContainsKey("415"), $"{verb} {path} has no 415");
                }
            }
        }
    }

    [TestMethod]
    public async Task The_error_schema_accepts_a_string_error_code_and_open_sets_accept_unknown_values()
    {
        Assert.IsEmpty((await SpecDocument.SchemaAsync("VerificationError")).Validate("""{"errorCode":"40001","message":"m"}"""));
        Assert.IsEmpty((await SpecDocument.SchemaAsync("VerificationStatusResponse")).Validate("""{"id":"1","status":"SOMETHING_NEW","method":"pigeon"}"""));
    }

    // What the spec's examples do not show: the request helpers (ForSms, ForFlashCall, ForCallout) build valid bodies.
    [TestMethod]
    public async Task Every_body_the_request_helpers_build_matches_the_spec()
    {
        var api = new RecordingApi();
        var sms = StartVerificationRequest.ForSms("+46700000000", "order-1", "custom");
        sms.SmsOptions = new SmsOptions { CodeType = SmsCodeType.Alphanumeric, Expiry = "00:05:00", Locale = "sv-SE" };
        var flash = StartVerificationRequest.ForFlashCall("+46700000000");
        flash.FlashCallOptions = new FlashCallOptions { DialTimeout = 10, InterceptionTimeout = 45 };
        var callout = StartVerificationRequest.ForCallout("+46700000000");
        callout.CalloutOptions = new CalloutOptions { Speech = new CalloutSpeech { Locale = "en-US" } };

        foreach (var start in new[] { sms, flash, callout })
        {
            await api.Client.StartVerificationAsync(start);
        }

        await api.Client.ReportVerificationByIdAsync("id", ReportVerificationRequest.ForSms("1234"));
        await api.Client.ReportVerificationByIdentityAsync("+46700000000", ReportVerificationRequest.ForFlashCall("+46000005312"));
        await api.Client.ReportVerificationByIdAsync("id", ReportVerificationRequest.ForCallout("1234"));

        var startSchema = await SpecDocument.SchemaAsync("StartVerificationRequest");
        var reportSchema = await SpecDocument.SchemaAsync("ReportVerificationRequest");
        var sent = api.Requests.ToList();
        Assert.HasCount(6, sent);
        foreach (var request in sent)
        {
            var schema = request.Method == "POST" ? startSchema : reportSchema;
            var errors = schema.Validate(Encoding.UTF8.GetString(request.Body));
            Assert.IsEmpty(errors, request.Method + " " + request.PathAndQuery + ": " + string.Join("; ", errors));
        }
    }
}
