using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>What each operation puts on the wire: verb, path (literal '+'), headers, body.</summary>
[TestClass]
public sealed class WireFormatTests
{
    private const string Number = "+46700000000";

    [TestMethod]
    public async Task Start_posts_the_request_json_to_verifications()
    {
        var api = new RecordingApi().Answer(System.Net.HttpStatusCode.OK, "{\"id\":\"1\",\"method\":\"sms\"}");
        var request = StartVerificationRequest.ForSms(Number, reference: "order-1", custom: "c");
        request.SmsOptions = new SmsOptions { CodeType = SmsCodeType.Numeric, Expiry = "00:10:00" };

        await api.Client.StartVerificationAsync(request);

        var sent = api.Single;
        Assert.AreEqual("POST", sent.Method);
        Assert.AreEqual("/verification/v1/verifications", sent.PathAndQuery);
        Assert.AreEqual("application/json", sent.ContentType);
        Assert.IsTrue(JToken.DeepEquals(
            JObject.Parse("{\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"method\":\"sms\",\"reference\":\"order-1\",\"custom\":\"c\",\"smsOptions\":{\"codeType\":\"Numeric\",\"expiry\":\"00:10:00\"}}"),
            JObject.Parse(sent.BodyText)), sent.BodyText);
    }

    [TestMethod]
    public async Task Every_operation_asks_for_json_with_the_verb_of_the_spec()
    {
        var api = new RecordingApi();
        await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms(Number));
        await api.Client.ReportVerificationByIdAsync("1", ReportVerificationRequest.ForSms("1234"));
        await api.Client.GetVerificationByIdAsync("1");

        CollectionAssert.AreEqual(new[] { "POST", "PUT", "GET" }, api.Requests.Select(r => r.Method).ToArray());
        Assert.IsTrue(api.Requests.All(r => r.Headers["Accept"] == "application/json"), string.Join(" | ", api.Requests.Select(r => string.Join(",", r.Headers.Keys))));
    }

    [TestMethod]
    [DoNotParallelize] // changes the process-wide JsonConvert.DefaultSettings
    public async Task Neither_process_wide_json_defaults_nor_a_created_serializer_change_what_is_sent()
    {
        var previous = Newtonsoft.Json.JsonConvert.DefaultSettings;
        Newtonsoft.Json.JsonConvert.DefaultSettings = () => new Newtonsoft.Json.JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.DefaultContractResolver { NamingStrategy = new Newtonsoft.Json.Serialization.SnakeCaseNamingStrategy() },
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Include,
            Formatting = Newtonsoft.Json.Formatting.Indented,
        };
        try
        {
            var mine = Sinch.Verification.Generated.Serialization.VerificationJson.CreateSerializer();
            mine.NullValueHandling = Newtonsoft.Json.NullValueHandling.Include;
            var api = new RecordingApi();

            await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms(Number, reference: "order-1"));
            var serialized = Sinch.Verification.Generated.Serialization.VerificationJson.Serialize(StartVerificationRequest.ForSms(Number, reference: "order-1"));

            const string expected = "{\"identity\":{\"type\":\"number\",\"endpoint\":\"+46700000000\"},\"method\":\"sms\",\"reference\":\"order-1\"}";
            Assert.AreEqual(expected, api.Single.BodyText);
            Assert.AreEqual(expected, serialized);
        }
        finally
        {
            Newtonsoft.Json.JsonConvert.DefaultSettings = previous;
        }
    }

    [TestMethod]
    public async Task Characters_outside_the_bmp_survive_anywhere_in_a_long_body()
    {
        // The body is encoded chunk by chunk; a surrogate pair must not be split between chunks.
        for (var at = 150; at <= 400; at++)
        {
            var api = new RecordingApi();
            var custom = new string('a', at) + "😀 ü";
            await api.Client.StartVerificationAsync(StartVerificationRequest.ForSms(Number, custom: custom));
            Assert.AreEqual(custom, (string?)JObject.Parse(api.Single.BodyText)["custom"], $"emoji after {at} characters");
        }
    }

    [TestMethod]
    public async Task Start_sends_flashcall_lower_case_and_its_options()
    {
        var api = new RecordingApi();
        var request = StartVerificationRequest.ForFlashCall(Number);
        request.FlashCallOptions = new FlashCallOptions { DialTimeout = 10, InterceptionTimeout = 45 };

        await api.Client.StartVerificationAsync(request);

        var body = JObject.Parse(api.Single.BodyText);
        Assert.AreEqual("flashcall", (string?)body["method"]);
        Assert.AreEqual(10, (int)body["flashCallOptions"]!["dialTimeout"]!);
        Assert.IsNull(body["reference"], "null members are not sent");
    }

    [TestMethod]
    public async Task Start_sends_accept_language_when_given()
    {
        var api = new RecordingApi();
        await api.Client.StartVerificationAsync(StartVerificationRequest.ForCallout(Number), acceptLanguage: "es-ES");
        Assert.AreEqual("es-ES", api.Single.Headers["Accept-Language"]);
    }

    [TestMethod]
    public async Task Report_by_identity_puts_to_the_number_with_a_literal_plus()
    {
        var api = new RecordingApi();
        await api.Client.ReportVerificationByIdentityAsync(Number, ReportVerificationRequest.ForSms("1234"));

        var sent = api.Single;
        Assert.AreEqual("PUT", sent.Method);
        Assert.AreEqual("/verification/v1/verifications/number/+46700000000", sent.PathAndQuery);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("{\"method\":\"sms\",\"sms\":{\"code\":\"1234\"}}"), JObject.Parse(sent.BodyText)), sent.BodyText);
    }

    [TestMethod]
    public async Task Report_by_id_puts_flashcall_with_the_flashCall_key()
    {
        var api = new RecordingApi();
        await api.Client.ReportVerificationByIdAsync("abc-123", ReportVerificationRequest.ForFlashCall("+46000005312"));

        var sent = api.Single;
        Assert.AreEqual("PUT", sent.Method);
        Assert.AreEqual("/verification/v1/verifications/id/abc-123", sent.PathAndQuery);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("{\"method\":\"flashcall\",\"flashCall\":{\"cli\":\"+46000005312\"}}"), JObject.Parse(sent.BodyText)), sent.BodyText);
    }

    [TestMethod]
    public async Task Report_callout_sends_the_callout_code()
    {
        var api = new RecordingApi();
        await api.Client.ReportVerificationByIdAsync("abc", ReportVerificationRequest.ForCallout("9876"));
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("{\"method\":\"callout\",\"callout\":{\"code\":\"9876\"}}"), JObject.Parse(api.Single.BodyText)));
    }

    [TestMethod]
    public async Task Status_by_id_gets_without_a_body()
    {
        var api = new RecordingApi();
        await api.Client.GetVerificationByIdAsync("abc-123");

        var sent = api.Single;
        Assert.AreEqual("GET", sent.Method);
        Assert.AreEqual("/verification/v1/verifications/id/abc-123", sent.PathAndQuery);
        Assert.AreEqual(0, sent.Body.Length);
        Assert.IsNull(sent.ContentType);
    }

    [TestMethod]
    public async Task Status_by_reference_escapes_the_reference_as_one_path_segment()
    {
        var api = new RecordingApi();
        await api.Client.GetVerificationByReferenceAsync("order 1/2");
        Assert.AreEqual("/verification/v1/verifications/reference/order%201%2F2", api.Single.PathAndQuery);
    }

    [TestMethod]
    public async Task Status_by_identity_gets_method_and_number_with_a_literal_plus()
    {
        var api = new RecordingApi();
        await api.Client.GetVerificationByIdentityAsync(VerificationMethod.Callout, Number);
        Assert.AreEqual("GET", api.Single.Method);
        Assert.AreEqual("/verification/v1/verifications/callout/number/+46700000000", api.Single.PathAndQuery);
    }

    [TestMethod]
    public async Task Signed_requests_carry_a_signature_over_the_exact_bytes_type_and_path_sent()
    {
        var api = new RecordingApi();
        await api.Client.ReportVerificationByIdentityAsync(Number, ReportVerificationRequest.ForSms("1234"));

        var sent = api.Single;
        Assert.AreEqual(ApplicationSigner.FormatTimestamp(api.Clock.GetUtcNow()), sent.Timestamp);
        StringAssert.StartsWith(sent.Authorization, "Application " + RecordingApi.Key + ":");
        var signer = new ApplicationSigner(RecordingApi.Key, RecordingApi.Secret);
        Assert.IsTrue(signer.IsValidAuthorization(sent.Method, sent.AbsolutePath, sent.ContentType, sent.Body, sent.Timestamp!, sent.Authorization));
        Assert.IsTrue(sent.AbsolutePath.Contains("/+46700000000", StringComparison.Ordinal), "the signed path has the literal '+'");
    }

    [TestMethod]
    public async Task Each_attempt_gets_its_own_timestamp_and_signature()
    {
        var api = new RecordingApi();
        await api.Client.GetVerificationByIdAsync("a");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await api.Client.GetVerificationByIdAsync("a");

        var (first, second) = (api.Requests.First(), api.Requests.Last());
        Assert.AreNotEqual(first.Timestamp, second.Timestamp);
        Assert.AreNotEqual(first.Authorization, second.Authorization);
    }

    [TestMethod]
    public async Task Basic_mode_sends_key_and_secret_as_basic_credentials_and_no_timestamp()
    {
        var api = new RecordingApi(VerificationAuthentication.Basic);
        await api.Client.GetVerificationByIdAsync("a");

        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(RecordingApi.Key + ":" + RecordingApi.Secret));
        Assert.AreEqual(expected, api.Single.Authorization);
        Assert.IsNull(api.Single.Timestamp);
    }

    [TestMethod]
    public async Task A_base_url_without_trailing_slash_keeps_its_last_segment()
    {
        var api = new RecordingApi();
        Assert.IsFalse(RecordingApi.BaseUrl.EndsWith("/", StringComparison.Ordinal));
        await api.Client.GetVerificationByIdAsync("x");
        StringAssert.StartsWith(api.Single.PathAndQuery, "/verification/v1/");
    }
}
