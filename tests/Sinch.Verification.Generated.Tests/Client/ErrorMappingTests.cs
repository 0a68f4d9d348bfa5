using System.Net;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>Every non-2xx answer becomes one VerificationApiException with status, code, message, reference and raw body.</summary>
[TestClass]
public sealed class ErrorMappingTests
{
    private static async Task<VerificationApiException> Fail(HttpStatusCode status, string body, string contentType = "application/json")
    {
        var api = new RecordingApi().Answer(status, body, contentType);
        return await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("x"));
    }

    [TestMethod]
    public async Task A_numeric_error_code_is_read()
    {
        var e = await Fail(HttpStatusCode.NotFound, """{"errorCode":40400,"message":"Verification not found","reference":"ref-1"}""");
        Assert.AreEqual(404, e.StatusCode);
        Assert.AreEqual(40400, e.ErrorCode);
        Assert.AreEqual("Verification not found", e.ErrorMessage);
        Assert.AreEqual("ref-1", e.Reference);
        StringAssert.Contains(e.Message, "HTTP 404");
        StringAssert.Contains(e.Message, "40400");
        StringAssert.Contains(e.Message, "Verification not found");
    }

    [TestMethod]
    public async Task A_string_error_code_is_read_as_an_integer()
    {
        var e = await Fail(HttpStatusCode.BadRequest, """{"errorCode":"40001","message":"Invalid identity","status":"400 ParameterValidation"}""");
        Assert.AreEqual(40001, e.ErrorCode);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Unauthorized, 40102)]
    [DataRow(HttpStatusCode.PaymentRequired, 40200)]
    [DataRow(HttpStatusCode.Conflict, 40900)]
    [DataRow(HttpStatusCode.RequestEntityTooLarge, 41300)]
    [DataRow(HttpStatusCode.UnsupportedMediaType, 41500)]
    [DataRow(HttpStatusCode.MethodNotAllowed, 40500, DisplayName = "a status only the default response declares")]
    [DataRow(HttpStatusCode.TooManyRequests, 42901)]
    [DataRow(HttpStatusCode.ServiceUnavailable, 50300)]
    public async Task Every_documented_status_maps_to_the_same_exception(HttpStatusCode status, int code)
    {
        var e = await Fail(status, "{\"errorCode\":" + code + ",\"message\":\"m\"}");
        Assert.AreEqual((int)status, e.StatusCode);
        Assert.AreEqual(code, e.ErrorCode);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Created, """{"id":"1","method":"sms"}""")]
    [DataRow(HttpStatusCode.NoContent, "")]
    public async Task A_success_status_the_spec_does_not_declare_is_not_expected_and_not_read_as_an_error_body(HttpStatusCode status, string body)
    {
        // The spec's `default` response is an error; it must not turn a 201 into a VerificationError.
        var api = new RecordingApi().Answer(status, body);

        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));

        Assert.AreEqual((int)status, e.StatusCode);
        StringAssert.Contains(e.Message, "not expected");
        Assert.AreEqual(body, e.ResponseBody);
    }

    [TestMethod]
    public async Task A_proxy_html_page_still_gives_the_exception_with_a_clear_message()
    {
        const string Html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        var e = await Fail(HttpStatusCode.BadGateway, Html, "text/html");
        Assert.AreEqual(502, e.StatusCode);
        Assert.IsNull(e.ErrorCode);
        Assert.AreEqual(Html, e.ResponseBody);
        StringAssert.Contains(e.Message, "not a Sinch error");
        StringAssert.Contains(e.Message, "text/html");
    }

    [TestMethod]
    public async Task An_empty_body_gives_the_exception()
    {
        var e = await Fail(HttpStatusCode.InternalServerError, "");
        Assert.AreEqual(500, e.StatusCode);
        Assert.AreEqual("", e.ResponseBody);
        StringAssert.Contains(e.Message, "empty body");
    }

    [TestMethod]
    public async Task Json_that_is_not_a_sinch_error_or_is_broken_is_reported_as_such()
    {
        var broken = await Fail(HttpStatusCode.BadRequest, "{\"errorCode\":");
        StringAssert.Contains(broken.Message, "not a Sinch error");
        var array = await Fail(HttpStatusCode.BadRequest, "[1,2]");
        Assert.IsNull(array.ErrorCode);
        var hugeCode = await Fail(HttpStatusCode.BadRequest, "{\"errorCode\":99999999999,\"message\":\"m\"}");
        Assert.IsNull(hugeCode.ErrorCode, "an out-of-range code is not invented");
    }

    [TestMethod]
    public async Task Phone_numbers_in_the_server_message_are_masked_in_the_exception_message()
    {
        var e = await Fail(HttpStatusCode.Forbidden, """{"errorCode":40300,"message":"Identity +46700000000 is blacklisted"}""");
        Assert.IsFalse(e.Message.Contains("+46700000000"), e.Message);
        StringAssert.Contains(e.Message, "+46*******00");
        Assert.AreEqual("Identity +46700000000 is blacklisted", e.ErrorMessage, "the raw server text stays available");
    }
}
