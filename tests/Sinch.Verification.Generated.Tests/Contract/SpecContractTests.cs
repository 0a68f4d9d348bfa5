using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// The spec and the client cannot drift apart: every example in the spec validates against its
/// own schema, and every body the client sends validates against the schema of its operation.
/// </summary>
[TestClass]
public sealed class SpecContractTests
{
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

    [TestMethod]
    public async Task Every_request_body_the_client_sends_matches_the_spec()
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
