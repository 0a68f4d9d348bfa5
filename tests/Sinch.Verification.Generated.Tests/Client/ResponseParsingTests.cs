using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>Every documented response shape, plus values and members the SDK does not know yet.</summary>
[TestClass]
public sealed class ResponseParsingTests
{
    private static async Task<T> Answer<T>(string json, Func<VerificationClient, Task<T>> call)
    {
        var api = new RecordingApi().Answer(HttpStatusCode.OK, json);
        return await call(api.Client);
    }

    [TestMethod]
    public async Task Sms_start_response_with_links()
    {
        var r = await Answer("""
            {"id":"1018e1a0","method":"sms","sms":{"template":"Your code is {{CODE}}","interceptionTimeout":298,"codeType":"Numeric"},
             "_links":[{"rel":"status","href":"https://dc-euc1-std.verification.api.sinch.com/verification/v1/verifications/id/1018e1a0","method":"GET"},
                       {"rel":"report","href":"https://dc-euc1-std.verification.api.sinch.com/verification/v1/verifications/id/1018e1a0","method":"PUT"}]}
            """, c => c.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));

        Assert.AreEqual("1018e1a0", r.Id);
        Assert.AreEqual(VerificationMethod.Sms, r.Method);
        Assert.AreEqual("Your code is {{CODE}}", r.Sms!.Template);
        Assert.AreEqual(298, r.Sms.InterceptionTimeout);
        Assert.AreEqual(SmsCodeType.Numeric, r.Sms.CodeType);
        Assert.HasCount(2, r.Links!);
        Assert.AreEqual("PUT", r.Links![1].Method);
    }

    [TestMethod]
    public async Task A_start_keeps_the_Content_Language_the_response_names_and_sends_the_Accept_Language_asked_for()
    {
        var api = new RecordingApi().Answer(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1","method":"sms"}""", System.Text.Encoding.UTF8, "application/json") };
            response.Content.Headers.ContentLanguage.Add("es-ES");
            return response;
        });

        var withLanguage = await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"), acceptLanguage: "es");
        var without = await Answer("""{"id":"2","method":"sms"}""", c => c.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000")));

        Assert.AreEqual("es-ES", withLanguage.ContentLanguage);
        Assert.AreEqual("es", api.Requests.Single().Headers["Accept-Language"]);
        Assert.IsNull(without.ContentLanguage);
        Assert.IsFalse(VerificationJson.Serialize(withLanguage).Contains("es-ES", StringComparison.Ordinal), "a header, not a member of the body");
    }

    [TestMethod]
    public async Task Flash_call_start_response()
    {
        var r = await Answer("""{"id":"2","method":"flashcall","flashCall":{"cliFilter":"(.*)5312(.*)","interceptionTimeout":45,"reportTimeout":75,"denyCallAfter":0,"callId":"c1"}}""",
            c => c.StartVerificationAsync(StartVerificationRequest.ForFlashCall("+46700000000")));

        Assert.AreEqual(VerificationMethod.FlashCall, r.Method);
        Assert.AreEqual("(.*)5312(.*)", r.FlashCall!.CliFilter);
        Assert.AreEqual(75, r.FlashCall.ReportTimeout);
        Assert.AreEqual(0, r.FlashCall.DenyCallAfter);
        Assert.AreEqual("c1", r.FlashCall.CallId);
    }

    [TestMethod]
    [DataRow("""{"id":"3","method":"callout","callout":{"startPollingAfter":1,"stopPollingAfter":2,"pollingInterval":3}}""")]
    [DataRow("""{"id":"3","method":"callout","callout":{}}""")]
    [DataRow("""{"id":"3","method":"callout"}""")]
    [DataRow("""{"id":"3"}""")]
    public async Task Callout_start_responses_old_and_new(string json)
    {
        var r = await Answer(json, c => c.StartVerificationAsync(StartVerificationRequest.ForCallout("+46700000000")));
        Assert.AreEqual("3", r.Id);
    }

    [TestMethod]
    public async Task Seamless_and_whatsapp_objects_are_read_and_unknown_ones_kept()
    {
        var r = await Answer("""{"id":"4","method":"seamless","seamless":{"targetUri":"https://seamless.example.com/v?t=1"},"whatsapp":{"codeType":"Alpha","x":1},"carrierPigeon":{"x":1}}""",
            c => c.StartVerificationAsync(StartVerificationRequest.ForSeamless("+46700000000")));

        Assert.AreEqual(new Uri("https://seamless.example.com/v?t=1"), r.Seamless!.TargetUri);
        Assert.AreEqual(SmsCodeType.Alpha, r.WhatsApp!.CodeType);
        Assert.IsTrue(r.WhatsApp.AdditionalProperties.ContainsKey("x"), "a member the SDK does not model is kept, not lost");
        Assert.IsTrue(r.AdditionalProperties.ContainsKey("carrierPigeon"), "an object the SDK does not model is kept, not lost");
    }

    [TestMethod]
    public async Task Report_response()
    {
        var r = await Answer("""{"id":"1","method":"flashCall","status":"SUCCESSFUL","reference":"ref","source":"intercepted","callComplete":true}""",
            c => c.ReportVerificationByIdAsync("1", ReportVerificationRequest.ForFlashCall("+46000005312")));

        Assert.AreEqual(VerificationStatus.Successful, r.Status);
        Assert.AreEqual(VerificationMethod.FlashCall, r.Method, "older 'flashCall' equals 'flashcall'");
        Assert.AreEqual("flashCall", r.Method!.Value, "the raw value is kept");
        Assert.AreEqual(VerificationSource.Intercepted, r.Source);
        Assert.IsTrue(r.CallComplete);
        Assert.IsNull(r.Reason);
    }

    [TestMethod]
    public async Task Status_response_with_price_and_a_timestamp_without_offset_read_as_utc()
    {
        var r = await Answer("""
            {"id":"1","method":"callout","status":"FAIL","reason":"Hung up without entering valid code","reference":"r","identity":{"type":"number","endpoint":"+46700000000"},
             "countryId":"SE","verificationTimestamp":"2024-05-22T09:38:59.5590437","source":"manual","custom":"c","callComplete":true,"callResult":"ANSWERED",
             "price":{"verificationPrice":{"currencyId":"EUR","amount":0.0453},"terminationPrice":{"currencyId":"EUR","amount":0.0083},"billableDuration":20}}
            """, c => c.GetVerificationByIdAsync("1"));

        Assert.AreEqual(VerificationStatus.Fail, r.Status);
        Assert.AreEqual(VerificationReason.HungUpWithoutEnteringValidCode, r.Reason);
        Assert.AreEqual(CallResult.Answered, r.CallResult);
        Assert.AreEqual("+46700000000", r.Identity!.Endpoint);
        Assert.AreEqual(IdentityType.Number, r.Identity.Type);
        Assert.AreEqual("SE", r.CountryId);
        Assert.AreEqual(0.0453, r.Price!.VerificationPrice!.Amount);
        Assert.AreEqual(20, r.Price.BillableDuration);
        Assert.AreEqual("2024-05-22T09:38:59.5590437", r.VerificationTimestamp, "the raw string is kept");
        Assert.AreEqual(new DateTimeOffset(2024, 5, 22, 9, 38, 59, TimeSpan.Zero).AddTicks(5590437), r.VerificationTime);
        Assert.AreEqual(TimeSpan.Zero, r.VerificationTime!.Value.Offset);
    }

    [TestMethod]
    [DataRow("2024-05-22T09:38:59", "2024-05-22T09:38:59Z")]
    [DataRow("2024-05-22T09:38:59.12", "2024-05-22T09:38:59.12Z")]
    [DataRow("2024-05-22T11:38:59+02:00", "2024-05-22T09:38:59Z")]
    [DataRow("2024-05-22T09:38:59Z", "2024-05-22T09:38:59Z")]
    public void Verification_time_reads_every_timestamp_form_as_utc(string raw, string utc)
    {
        var r = new VerificationStatusResponse { VerificationTimestamp = raw };
        Assert.AreEqual(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), r.VerificationTime);
    }

    [TestMethod]
    public void Verification_time_is_null_when_unreadable() =>
        Assert.IsNull(new VerificationStatusResponse { VerificationTimestamp = "yesterday" }.VerificationTime);

    [TestMethod]
    public async Task Unknown_values_are_kept_and_unknown_members_survive()
    {
        var r = await Answer("""
            {"id":"1","method":"carrier-pigeon","status":"PAUSED","reason":"Solar flare","source":"telepathy","callResult":"VOICEMAIL",
             "identity":{"type":"email","endpoint":"a@b.c","verified":true,"extra":[1,2]},"newTopLevel":{"nested":"2024-05-22T09:38:59"}}
            """, c => c.GetVerificationByIdAsync("1"));

        Assert.AreEqual("carrier-pigeon", r.Method!.Value);
        Assert.IsFalse(r.Method.IsKnown);
        Assert.AreEqual("PAUSED", r.Status.ToString());
        Assert.AreNotEqual(VerificationStatus.Pending, r.Status);
        Assert.AreEqual("Solar flare", r.Reason!.Value);
        Assert.AreEqual("telepathy", r.Source!.Value);
        Assert.AreEqual("VOICEMAIL", r.CallResult!.Value);
        Assert.AreEqual("email", r.Identity!.Type.Value);
        Assert.IsTrue(r.Identity.Verified);
        Assert.IsTrue(r.Identity.AdditionalProperties.ContainsKey("extra"));
        var kept = (JObject)r.AdditionalProperties["newTopLevel"];
        Assert.AreEqual("2024-05-22T09:38:59", (string?)kept["nested"], "unknown members keep their exact text");

        var roundTrip = VerificationJson.Deserialize<JObject>(VerificationJson.Serialize(r))!;
        Assert.AreEqual("carrier-pigeon", (string?)roundTrip["method"]);
        Assert.AreEqual("2024-05-22T09:38:59", (string?)roundTrip["newTopLevel"]!["nested"]);
    }

    [TestMethod]
    public async Task A_non_string_value_in_an_open_set_is_kept_as_text_not_an_error()
    {
        var r = await Answer("""{"id":"1","status":5}""", c => c.GetVerificationByIdAsync("1"));
        Assert.AreEqual("5", r.Status.Value);
    }

    [TestMethod]
    public async Task A_2xx_body_that_is_not_json_gives_the_sdk_exception()
    {
        var api = new RecordingApi().Answer(HttpStatusCode.OK, "<html>hi</html>", "text/html");
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        Assert.AreEqual(200, e.StatusCode);
        StringAssert.Contains(e.Message, "could not read");
        // The response is disposed by the time the caller sees this: the headers were copied.
        StringAssert.StartsWith(e.Headers["content-type"].Single(), "text/html");
    }

    [TestMethod]
    public async Task A_required_member_sent_as_null_is_an_error_a_missing_one_is_tolerated()
    {
        var api = new RecordingApi().Answer(HttpStatusCode.OK, """{"id":"1","status":null}""");
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "'status'");

        var nested = new RecordingApi().Answer(HttpStatusCode.OK, """{"id":"1","status":"PENDING","identity":{"type":"number","endpoint":null}}""");
        e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => nested.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "'endpoint'");

        var empty = new RecordingApi().Answer(HttpStatusCode.OK, """{"id":"1","status":""}""");
        e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => empty.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "'status'", "an open value set sent as \"\" counts as null, as Newtonsoft's own check did");

        var missing = await Answer("""{"id":"1"}""", c => c.GetVerificationByIdAsync("1"));
        Assert.AreEqual("1", missing.Id);
        Assert.IsNull(missing.Status);
    }

    [TestMethod]
    public async Task A_body_arriving_in_pieces_with_a_byte_order_mark_is_read_whole()
    {
        // No Content-Length and one byte per read: the buffer must grow and the BOM be skipped.
        var json = "\uFEFF" + """{"id":"1","status":"SUCCESSFUL","reference":"r-é"}""" + new string(' ', 5000);
        var api = new RecordingApi().Answer(() => new System.Net.Http.HttpResponseMessage(HttpStatusCode.OK) { Content = new System.Net.Http.StreamContent(new TrickleStream(System.Text.Encoding.UTF8.GetBytes(json))) });
        var status = await api.Client.GetVerificationByIdAsync("1");
        Assert.AreEqual(VerificationStatus.Successful, status.Status);
        Assert.AreEqual("r-é", status.Reference);
    }

    [TestMethod]
    public async Task A_body_larger_than_any_answer_of_the_api_is_refused_unread()
    {
        var api = new RecordingApi().Answer(() =>
        {
            var content = new System.Net.Http.ByteArrayContent(new byte[16]);
            content.Headers.ContentLength = 64L * 1024 * 1024;
            return new System.Net.Http.HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "larger than 4 MB");
    }

    [TestMethod]
    public async Task Without_a_content_length_the_size_limit_is_exact()
    {
        const int limit = 4 * 1024 * 1024;
        var head = "{\"id\":\"1\",\"status\":\"PENDING\",\"custom\":\"";
        var exact = head + new string('a', limit - head.Length - 2) + "\"}";
        Assert.AreEqual(limit, exact.Length);

        var atLimit = new RecordingApi().Answer(() => Streamed(exact));
        Assert.AreEqual(limit - head.Length - 2, (await atLimit.Client.GetVerificationByIdAsync("1")).Custom!.Length);

        var over = new RecordingApi().Answer(() => Streamed(exact + " "));
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => over.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "larger than 4 MB");

        static System.Net.Http.HttpResponseMessage Streamed(string body) =>
            new(HttpStatusCode.OK) { Content = new System.Net.Http.StreamContent(new UnknownLengthStream(System.Text.Encoding.UTF8.GetBytes(body))) };
    }

    /// <summary>A stream whose length the content cannot know (so no Content-Length), read in ordinary chunks.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : System.IO.MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>Hands out one byte per read, without a known length.</summary>
    private sealed class TrickleStream(byte[] bytes) : System.IO.MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer.Slice(0, Math.Min(buffer.Length, 1)), cancellationToken);

        public override bool CanSeek => false;
    }

    [TestMethod]
    public async Task A_2xx_answer_of_null_gives_the_sdk_exception_with_the_response_headers()
    {
        var api = new RecordingApi().Answer(HttpStatusCode.OK, "null");
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "null");
        StringAssert.StartsWith(e.Headers["Content-Type"].Single(), "application/json");
    }

    [TestMethod]
    public async Task A_2xx_body_of_the_wrong_shape_names_the_path_but_never_quotes_values()
    {
        var api = new RecordingApi().Answer(HttpStatusCode.OK, """{"id":"1","identity":{"type":"number","endpoint":["+46700000000"]}}""");
        var e = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => api.Client.GetVerificationByIdAsync("1"));
        StringAssert.Contains(e.Message, "identity.endpoint");
        Assert.IsNull(e.InnerException);
        Assert.IsFalse(e.ToString().Contains("+46700000000", StringComparison.Ordinal), e.ToString());
    }
}
