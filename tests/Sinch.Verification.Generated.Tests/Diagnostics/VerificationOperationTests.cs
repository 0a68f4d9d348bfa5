using System;
using System.Net.Http;
using Sinch.Verification.Generated.Diagnostics;

namespace Sinch.Verification.Generated.Tests.Diagnostics;

[TestClass]
public sealed class VerificationOperationTests
{
    [TestMethod]
    [DataRow("POST", "/verification/v1/verifications", "startVerification")]
    [DataRow("PUT", "/verification/v1/verifications/number/+46700000000", "reportVerificationByIdentity")]
    [DataRow("PUT", "/verification/v1/verifications/id/abc", "reportVerificationById")]
    [DataRow("GET", "/verification/v1/verifications/id/abc", "getVerificationById")]
    [DataRow("GET", "/verification/v1/verifications/reference/order%201", "getVerificationByReference")]
    [DataRow("GET", "/verification/v1/verifications/flashcall/number/+46700000000", "getVerificationByIdentity")]
    [DataRow("GET", "/verifications/id/x", "getVerificationById")]
    [DataRow("GET", "/verification/v1/verifications", "unknown")]
    [DataRow("DELETE", "/verification/v1/verifications/id/abc", "unknown")]
    [DataRow("GET", "/verification/v1/verifications/sms/other/+46", "unknown")]
    [DataRow("GET", "/verification/v1/verifications/a/number/b/c", "unknown")]
    [DataRow("GET", "/elsewhere", "unknown")]
    public void Requests_are_named_by_operation_id(string method, string path, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://host" + path));
        Assert.AreEqual(expected, VerificationOperation.Identify(request).Name);
    }
}
