using System;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Callbacks;
using static Sinch.Verification.Generated.Tests.Callbacks.CallbackTestData;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.Tests.Callbacks;

[TestClass]
public sealed class CallbackParserTests
{
    [TestMethod]
    public void A_request_event_is_parsed_into_the_generated_type()
    {
        var callback = CallbackParser.Parse(Encoding.UTF8.GetBytes(RequestEventJson));

        var request = Assert.IsInstanceOfType<VerificationRequestCallback>(callback).Event;
        Assert.AreEqual(VerificationEventType.VerificationRequestEvent, callback.EventType);
        Assert.AreEqual("1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c", request.Id);
        Assert.AreEqual(VerificationMethod.Sms, request.Method);
        Assert.AreEqual(IdentityType.Number, request.Identity.Type);
        Assert.AreEqual("+46700000000", request.Identity.Endpoint);
        Assert.IsFalse(request.Identity.Verified);
        Assert.AreEqual(0.0453, request.Price!.Amount);
        Assert.AreEqual("EUR", request.Rate!.CurrencyId);
        Assert.AreEqual("order-1234", request.Reference);
        Assert.AreEqual("my data", request.Custom);
    }

    [TestMethod]
    public void A_result_event_is_parsed_into_the_generated_type()
    {
        var result = Assert.IsInstanceOfType<VerificationResultCallback>(CallbackParser.Parse(ResultEventJson)).Event;

        Assert.AreEqual(VerificationStatus.Successful, result.Status);
        Assert.AreEqual(VerificationSource.Intercepted, result.Source);
        Assert.IsNull(result.Reason);
        Assert.AreEqual("+46700000000", result.Identity.Endpoint);
    }

    [TestMethod]
    public void An_sms_delivered_event_is_parsed_into_the_generated_type()
    {
        var delivered = Assert.IsInstanceOfType<VerificationSmsDeliveredCallback>(CallbackParser.Parse(SmsDeliveredEventJson)).Event;

        Assert.AreEqual(SmsDeliveryResult.Successful, delivered.SmsResult);
        Assert.AreEqual("order-1234", delivered.Reference);
    }

    [TestMethod]
    public void An_unknown_event_is_a_result_carrying_the_raw_JSON()
    {
        var body = CallbackVector().Body;

        var unknown = Assert.IsInstanceOfType<UnknownVerificationCallback>(CallbackParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.AreEqual("ace", unknown.EventType.Value);
        Assert.IsFalse(unknown.EventType.IsKnown);
        Assert.AreEqual(body, unknown.RawJson);
        Assert.DoesNotContain("callid", unknown.ToString());
    }

    [TestMethod]
    public void The_event_name_is_matched_ignoring_case()
    {
        var json = ResultEventJson.Replace("\"VerificationResultEvent\"", "\"verificationresultevent\"", StringComparison.Ordinal);

        var callback = CallbackParser.Parse(json);

        Assert.IsInstanceOfType<VerificationResultCallback>(callback);
        Assert.AreEqual("verificationresultevent", callback.EventType.Value);
    }

    [TestMethod]
    public void Unknown_values_and_members_inside_known_events_are_kept()
    {
        var json = """
            {"id":"1","event":"VerificationResultEvent","method":"voicemail","status":"PARTIAL","reason":"Some new reason",
             "identity":{"type":"number","endpoint":"+46700000000","operator":"x"},"newMember":{"a":[1,2]},"custom":"2014-06-04T13:41:58Z"}
            """;

        var result = Assert.IsInstanceOfType<VerificationResultCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual("voicemail", result.Method.Value);
        Assert.IsFalse(result.Method.IsKnown);
        Assert.AreEqual("PARTIAL", result.Status.Value);
        Assert.AreEqual("Some new reason", result.Reason!.Value);
        Assert.IsTrue(result.AdditionalProperties.ContainsKey("newMember"));
        Assert.IsTrue(result.Identity.AdditionalProperties.ContainsKey("operator"));
        Assert.AreEqual("2014-06-04T13:41:58Z", result.Custom, "date-like strings stay as sent");
    }

    [TestMethod]
    public void The_older_flashCall_spelling_equals_the_current_one()
    {
        var json = RequestEventJson.Replace("\"method\":\"sms\"", "\"method\":\"flashCall\"", StringComparison.Ordinal);

        var request = Assert.IsInstanceOfType<VerificationRequestCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual(VerificationMethod.FlashCall, request.Method);
        Assert.AreEqual("flashCall", request.Method.Value);
    }

    [TestMethod]
    public void A_byte_order_mark_is_skipped_and_string_and_bytes_agree()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(SmsDeliveredEventJson)).ToArray();

        var fromBytes = Assert.IsInstanceOfType<VerificationSmsDeliveredCallback>(CallbackParser.Parse(bytes)).Event;
        var fromString = Assert.IsInstanceOfType<VerificationSmsDeliveredCallback>(CallbackParser.Parse(SmsDeliveredEventJson)).Event;

        Assert.AreEqual(fromString.Id, fromBytes.Id);
        Assert.AreEqual(fromString.SmsResult, fromBytes.SmsResult);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("   \n", DisplayName = "white space")]
    [DataRow("{", DisplayName = "truncated")]
    [DataRow("{\"event\":\"VerificationResultEvent\",}x", DisplayName = "garbage")]
    [DataRow("[]", DisplayName = "array")]
    [DataRow("42", DisplayName = "number")]
    [DataRow("null", DisplayName = "null")]
    [DataRow("\"VerificationResultEvent\"", DisplayName = "string")]
    [DataRow("{}", DisplayName = "no event")]
    [DataRow("{\"event\":null}", DisplayName = "null event")]
    [DataRow("{\"event\":5}", DisplayName = "numeric event")]
    [DataRow("{\"event\":{\"a\":1}}", DisplayName = "object event")]
    [DataRow("{\"event\":\"ace\"} {}", DisplayName = "two values")]
    public void What_is_not_a_callback_is_a_CallbackParseException(string json)
    {
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [TestMethod]
    [DataRow("id")]
    [DataRow("method")]
    [DataRow("identity")]
    [DataRow("status")]
    public void A_result_event_without_a_required_member_is_a_CallbackParseException(string member)
    {
        var json = JObject.Parse(ResultEventJson);
        json.Remove(member);

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json.ToString()));

        StringAssert.Contains(e.Message, $"'{member}'");
        Assert.AreEqual(member, e.JsonPath);
    }

    [TestMethod]
    public void Optional_members_may_be_missing()
    {
        var callback = CallbackParser.Parse("""{"id":"1","event":"VerificationRequestEvent","method":"callout","identity":{"type":"number","endpoint":"+46700000000"}}""");

        var request = Assert.IsInstanceOfType<VerificationRequestCallback>(callback).Event;
        Assert.IsNull(request.Price);
        Assert.IsNull(request.Reference);
    }

    [TestMethod]
    [DataRow("\"identity\":\"+46700000000\"", DisplayName = "identity is a string")]
    [DataRow("\"identity\":null", DisplayName = "identity is null")]
    [DataRow("\"id\":{\"x\":1}", DisplayName = "id is an object")]
    [DataRow("\"status\":[\"SUCCESSFUL\"]", DisplayName = "status is an array")]
    [DataRow("\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\",\"verified\":\"+46700000000\"}", DisplayName = "verified is not a boolean")]
    public void A_wrong_shape_is_a_CallbackParseException_that_names_no_value(string member)
    {
        var name = member.Substring(1, member.IndexOf('"', 1) - 1);
        var json = JObject.Parse(ResultEventJson);
        json.Remove(name);
        var text = json.ToString(Newtonsoft.Json.Formatting.None).TrimEnd('}') + "," + member + "}";

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(text));

        StringAssert.Contains(e.Message, nameof(VerificationResultEvent));
        Assert.DoesNotContain("46700000000", e.Message);
        Assert.IsNull(e.InnerException, "the JSON library's messages quote values");
    }

    [TestMethod]
    public void Invalid_UTF8_is_a_CallbackParseException()
    {
        var bytes = Encoding.UTF8.GetBytes(ResultEventJson);
        bytes[20] = 0xFF;

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(bytes));

        StringAssert.Contains(e.Message, "UTF-8");
    }

    [TestMethod]
    public void Deep_nesting_is_a_CallbackParseException_not_a_stack_overflow()
    {
        var json = "{\"event\":\"VerificationResultEvent\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));
    }

    [TestMethod]
    public void A_null_string_is_a_programming_error()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => CallbackParser.Parse((string)null!));
    }

    [TestMethod]
    public void Wrappers_can_be_built_for_tests()
    {
        var request = new VerificationRequestEvent { Id = "1", Event = VerificationEventType.VerificationRequestEvent, Method = VerificationMethod.Sms };

        Assert.AreEqual(VerificationEventType.VerificationRequestEvent, new VerificationRequestCallback(request).EventType);
        Assert.AreEqual(VerificationEventType.VerificationResultEvent, new VerificationResultCallback(new VerificationResultEvent()).EventType);
        Assert.ThrowsExactly<ArgumentNullException>(() => new VerificationSmsDeliveredCallback(null!));
    }
}
