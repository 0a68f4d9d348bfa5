using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>What the client refuses before any request leaves the process.</summary>
[TestClass]
public sealed class ValidationTests
{
    private readonly RecordingApi _api = new();

    [TestCleanup]
    public void NothingWasSent() => Assert.IsEmpty(_api.Requests, "no request may be sent for invalid input");

    [TestMethod]
    public async Task Null_arguments_are_refused_by_name()
    {
        var e = await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => _api.Client.StartVerificationAsync(null!));
        Assert.AreEqual("request", e.ParamName);
        await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => _api.Client.GetVerificationByIdAsync(null!));
        await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => _api.Client.ReportVerificationByIdAsync("id", null!));
        await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => _api.Client.GetVerificationByIdentityAsync(null!, "+46700000000"));
    }

    [TestMethod]
    [DataRow("46700000000", "must start with '+'")]
    [DataRow("+4670000", "8 to 15 digits")]
    [DataRow("+4670000000000000", "8 to 15 digits")]
    [DataRow("+46 70 000 00 00", "8 to 15 digits")]
    [DataRow("", "missing")]
    public async Task A_number_that_is_not_E164_is_refused_with_a_reason_and_without_the_number(string number, string reason)
    {
        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.StartVerificationAsync(StartVerificationRequest.ForSms(number)));
        StringAssert.Contains(e.Message, reason);
        StringAssert.Contains(e.Message, "identity.endpoint");
        if (number.Length > 0)
        {
            Assert.IsFalse(e.Message.Contains(number, StringComparison.Ordinal), "the full number must not appear in the message");
        }
    }

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> OperationsWithANumberInTheirPath =>
        SpecOperations.Rows.Where(row => SpecOperations.Get(row.Value).PhoneNumberPathParameters.Count > 0);

    [TestMethod]
    [DynamicData(nameof(OperationsWithANumberInTheirPath))]
    public async Task Every_operation_refuses_a_phone_number_in_its_path_that_is_not_E164_naming_the_parameter_not_the_number(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        foreach (var parameter in operation.PhoneNumberPathParameters)
        {
            var e = await Assert.ThrowsExactlyAsync<ArgumentException>(
                () => operation.InvokeAsync(_api.Client, TestContext.CancellationToken, values: new Dictionary<string, object?> { [parameter] = "0700000123" }),
                $"{operation}: {parameter} is format e164");

            StringAssert.Contains(e.Message, parameter, operation.ToString());
            Assert.IsFalse(e.Message.Contains("700000123", StringComparison.Ordinal), $"{operation}: the number is in the message: {e.Message}");
        }
    }

    [TestMethod]
    public async Task A_malformed_number_in_a_path_is_refused()
    {
        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.ReportVerificationByIdentityAsync("0700000000", ReportVerificationRequest.ForSms("1")));
        StringAssert.Contains(e.Message, "endpoint");
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.GetVerificationByIdentityAsync(VerificationMethod.Sms, "+46abc00000"));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  ")]
    public async Task An_empty_code_is_refused(string code)
    {
        var sms = await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.ReportVerificationByIdAsync("id", ReportVerificationRequest.ForSms(code)));
        StringAssert.Contains(sms.Message, "sms.code");
        var callout = await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.ReportVerificationByIdAsync("id", ReportVerificationRequest.ForCallout(code)));
        StringAssert.Contains(callout.Message, "callout.code");
    }

    [TestMethod]
    public async Task A_report_without_the_object_of_its_method_is_refused()
    {
        var report = new ReportVerificationRequest { Method = VerificationMethod.Sms };
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.ReportVerificationByIdAsync("id", report));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.ReportVerificationByIdAsync("id", ReportVerificationRequest.ForFlashCall("5312")));
    }

    [TestMethod]
    public async Task A_start_without_method_is_refused()
    {
        var request = StartVerificationRequest.ForSms("+46700000000");
        request.Method = null!;
        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => _api.Client.StartVerificationAsync(request));
        StringAssert.Contains(e.Message, "no method");
    }
}
