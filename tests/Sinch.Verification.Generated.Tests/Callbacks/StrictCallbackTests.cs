using System;
using System.Text;
using Sinch.Verification.Generated.Callbacks;
using static Sinch.Verification.Generated.Tests.Callbacks.CallbackTestData;

namespace Sinch.Verification.Generated.Tests.Callbacks;

/// <summary>
/// Issue #20, item 3: a signed callback is read as strictly as the emulator reads a request. RFC
/// 8259 JSON only, no type coercion, no member twice in any spelling; members the spec does not
/// name are still accepted, whatever they hold.
/// </summary>
[TestClass]
public sealed class StrictCallbackTests
{
    private const string Result = ResultEventJson;

    [TestMethod]
    [DataRow("""{'id':'1','event':'VerificationResultEvent'}""", DisplayName = "single quotes")]
    [DataRow("""{"id":"1",/* a comment */"event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL"}""", DisplayName = "block comment")]
    [DataRow("{\"id\":\"1\",\"event\":\"VerificationResultEvent\",\"method\":\"sms\",\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"status\":\"SUCCESSFUL\"}\n// trailing comment", DisplayName = "line comment after the value")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000",},"status":"SUCCESSFUL"}""", DisplayName = "trailing comma in an object")]
    [DataRow("""{"id":"1","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"acceptLanguage":["es-ES",]}""", DisplayName = "trailing comma in an array")]
    [DataRow("""{"id":"1","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"price":{"amount":NaN,"currencyId":"EUR"}}""", DisplayName = "NaN")]
    [DataRow("""{"id":"1","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"price":{"amount":Infinity,"currencyId":"EUR"}}""", DisplayName = "Infinity")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","x":0x10}""", DisplayName = "hexadecimal number")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","x":010}""", DisplayName = "leading zero")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","x":+1}""", DisplayName = "plus sign")]
    [DataRow("""{id:"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL"}""", DisplayName = "unquoted name")]
    [DataRow("{\"id\":\"1\u0001\",\"event\":\"VerificationResultEvent\",\"method\":\"sms\",\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"status\":\"SUCCESSFUL\"}", DisplayName = "raw control character in a string")]
    [DataRow("{\"id\":\"1\",\"event\":\"VerificationResultEvent\",\"method\":\"sms\",\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"status\":\"SUCCESSFUL\",\"custom\":\"line\nbreak\"}", DisplayName = "raw line break in a string")]
    [DataRow("""{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","x":1e400}""", DisplayName = "number beyond a double")]
    public void Json_that_is_not_RFC_8259_is_a_CallbackParseException(string json)
    {
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [TestMethod]
    [DataRow("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":12345", "id", DisplayName = "id as a number")]
    [DataRow("\"endpoint\":\"+46700000000\"", "\"endpoint\":46700000000", "identity.endpoint", DisplayName = "endpoint as a number")]
    [DataRow("\"method\":\"sms\"", "\"method\":5", "method", DisplayName = "an open set as a number")]
    [DataRow("\"status\":\"SUCCESSFUL\"", "\"status\":true", "status", DisplayName = "an open set as a boolean")]
    [DataRow("\"reference\":\"order-1234\"", "\"reference\":1234", "reference", DisplayName = "reference as a number")]
    [DataRow("\"custom\":\"my data\"", "\"custom\":{\"a\":1}", "custom", DisplayName = "custom as an object")]
    [DataRow("\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"}", "\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\",\"verified\":\"true\"}", "identity.verified", DisplayName = "verified as a string")]
    [DataRow("\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"}", "\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\",\"verified\":1}", "identity.verified", DisplayName = "verified as a number")]
    public void A_result_event_member_of_another_type_is_a_CallbackParseException_not_coerced(string original, string replacement, string path)
    {
        var json = Replace(Result, original, replacement);

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));

        Assert.AreEqual(path, e.JsonPath, e.Message);
        Assert.DoesNotContain("46700000000", e.Message, "no value in the message");
    }

    [TestMethod]
    [DataRow("\"amount\":0.0453", "\"amount\":\"0.0453\"", "price.amount", DisplayName = "price.amount as a string")]
    [DataRow("\"currencyId\":\"EUR\"}", "\"currencyId\":978}", "price.currencyId", DisplayName = "currencyId as a number")]
    [DataRow("\"acceptLanguage\":[\"es-ES\"]", "\"acceptLanguage\":[1]", "acceptLanguage[0]", DisplayName = "a language as a number")]
    [DataRow("\"acceptLanguage\":[\"es-ES\"]", "\"acceptLanguage\":\"es-ES\"", "acceptLanguage", DisplayName = "acceptLanguage as a string")]
    public void A_request_event_member_of_another_type_is_a_CallbackParseException_not_coerced(string original, string replacement, string path)
    {
        var json = Replace(RequestEventJson, original, replacement);

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));

        Assert.AreEqual(path, e.JsonPath, e.Message);
    }

    [TestMethod]
    public void Whole_numbers_are_still_numbers_where_the_spec_has_a_number()
    {
        var json = Replace(RequestEventJson, "\"amount\":0.0453", "\"amount\":1");

        var request = Assert.IsInstanceOfType<VerificationRequestCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual(1.0, request.Price!.Amount);
    }

    [TestMethod]
    [DataRow("\"status\":\"SUCCESSFUL\"", "\"status\":\"SUCCESSFUL\",\"status\":\"FAIL\"", DisplayName = "status twice")]
    [DataRow("\"endpoint\":\"+46700000000\"", "\"endpoint\":\"+46700000000\",\"endpoint\":\"+46700000001\"", DisplayName = "a nested member twice")]
    [DataRow("\"custom\":\"my data\"", "\"custom\":\"my data\",\"x\":1,\"x\":1", DisplayName = "an unknown member twice")]
    [DataRow("\"event\":\"VerificationResultEvent\"", "\"event\":\"VerificationResultEvent\",\"Event\":\"VerificationRequestEvent\"", DisplayName = "event and Event")]
    [DataRow("\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\"", "\"id\":\"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c\",\"ID\":\"2\"", DisplayName = "id and ID")]
    [DataRow("\"custom\":\"my data\"", "\"custom\":\"my data\",\"newMember\":1,\"NEWMEMBER\":2", DisplayName = "an unknown member in two spellings")]
    public void A_duplicate_or_case_variant_member_is_a_CallbackParseException(string original, string replacement)
    {
        var json = Replace(Result, original, replacement);

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));

        Assert.DoesNotContain("46700000001", e.Message, "member names and values are masked");
    }

    [TestMethod]
    public void With_both_event_and_Event_nothing_is_dispatched_in_either_order()
    {
        // The finding: dispatched as a request event, printed as a result event.
        var requestFirst = Replace(RequestEventJson, "\"event\":\"VerificationRequestEvent\"", "\"event\":\"VerificationRequestEvent\",\"Event\":\"VerificationResultEvent\"");
        var resultFirst = Replace(RequestEventJson, "\"event\":\"VerificationRequestEvent\"", "\"Event\":\"VerificationResultEvent\",\"event\":\"VerificationRequestEvent\"");

        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(requestFirst));
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(resultFirst));
    }

    [TestMethod]
    [DataRow("\"status\":\"SUCCESSFUL\"", "\"Status\":\"SUCCESSFUL\"", DisplayName = "Status alone")]
    [DataRow("\"event\":\"VerificationResultEvent\"", "\"EVENT\":\"VerificationResultEvent\"", DisplayName = "EVENT alone")]
    [DataRow("\"endpoint\":\"+46700000000\"", "\"Endpoint\":\"+46700000000\"", DisplayName = "Endpoint alone")]
    public void A_member_of_the_spec_in_another_case_is_not_read_as_that_member(string original, string replacement)
    {
        var json = Replace(Result, original, replacement);

        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));
    }

    [TestMethod]
    public void The_event_value_is_still_matched_ignoring_case_and_the_dispatched_type_is_the_events()
    {
        var json = Replace(RequestEventJson, "\"VerificationRequestEvent\"", "\"verificationREQUESTevent\"");

        var request = Assert.IsInstanceOfType<VerificationRequestCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual(VerificationEventType.VerificationRequestEvent, request.Event);
    }

    [TestMethod]
    public void Unknown_members_of_any_type_are_accepted_and_kept()
    {
        var json = Replace(Result, "\"custom\":\"my data\"", "\"custom\":\"my data\",\"newNumber\":12345,\"newText\":\"x\",\"newObject\":{\"a\":[1,true,null,\"b\"]},\"newFlag\":false");

        var result = Assert.IsInstanceOfType<VerificationResultCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual(12345L, result.AdditionalProperties["newNumber"]);
        Assert.IsTrue(result.AdditionalProperties.ContainsKey("newObject"));
        Assert.IsTrue(result.AdditionalProperties.ContainsKey("newFlag"));
    }

    [TestMethod]
    public void Escaped_control_characters_are_JSON_and_are_accepted()
    {
        var json = Replace(Result, "\"custom\":\"my data\"", "\"custom\":\"line\\nbreak \\u001b[31m\"");

        var result = Assert.IsInstanceOfType<VerificationResultCallback>(CallbackParser.Parse(json)).Event;

        Assert.AreEqual("line\nbreak \u001b[31m", result.Custom);
    }

    [TestMethod]
    public void A_lone_surrogate_in_the_text_is_a_CallbackParseException()
    {
        var json = Replace(Result, "\"custom\":\"my data\"", "\"custom\":\"\uD800\"");

        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));
        Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(Replace(Result, "\"custom\":\"my data\"", "\"custom\":\"\\uD800\"")));
    }

    [TestMethod]
    public void A_refused_number_is_masked_in_the_message()
    {
        var json = Replace(Result, "\"custom\":\"my data\"", "\"x\":46700000000.5e400");

        var e = Assert.ThrowsExactly<CallbackParseException>(() => CallbackParser.Parse(json));

        Assert.DoesNotContain("46700000000", e.Message);
        StringAssert.Contains(e.Message, "out of range");
    }

    private static string Replace(string json, string original, string replacement)
    {
        Assert.Contains(original, json, "the test's original text is in the example");
        return json.Replace(original, replacement, StringComparison.Ordinal);
    }
}
