using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>
/// What each operation puts on the wire: verb, path (literal '+'), headers, body. Every operation
/// of the spec is called with the spec's examples (<see cref="SpecOperations"/>); the tests
/// after it check what the examples do not show.
/// </summary>
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

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> Operations => SpecOperations.Rows;

    /// <summary>
    /// <c>Sinch.Verification.Generated/{version} (.NET {version}; {os})</c>: the package's version
    /// without its commit hash, the runtime and the OS in one comment.
    /// </summary>
    internal static readonly Regex SdkUserAgent = new(@"^Sinch\.Verification\.Generated/(?<version>[^ /()]+) \(\.NET [^;()]+; [^;()]+\)$", RegexOptions.CultureInvariant);

    internal static void AssertSdkUserAgent(string? userAgent, string? application = null)
    {
        Assert.IsNotNull(userAgent, "no User-Agent was sent");
        var sdk = application is null ? userAgent : userAgent.EndsWith(" " + application, StringComparison.Ordinal)
            ? userAgent.Substring(0, userAgent.Length - application.Length - 1)
            : throw new AssertFailedException($"the User-Agent does not end with the application's \"{application}\": {userAgent}");
        var match = SdkUserAgent.Match(sdk);
        Assert.IsTrue(match.Success, "unexpected User-Agent: " + userAgent);
        var informational = typeof(VerificationClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.AreEqual(informational.Split('+')[0], match.Groups["version"].Value, "the package's version, without the commit hash");
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task Every_operation_sends_the_verb_path_headers_and_body_of_the_spec(string operationId)
    {
        var operation = SpecOperations.Get(operationId);
        var api = new RecordingApi();
        if (operation.Success is { } success && operation.ResponseExamples.Count > 0)
        {
            api.Answer((System.Net.HttpStatusCode)success.Status, operation.ResponseExamples[0].Value.ToString());
        }

        await operation.InvokeAsync(api.Client, TestContext.CancellationToken);

        var sent = api.Single;
        Assert.AreEqual(operation.Verb, sent.Method, operationId);
        Assert.AreEqual("/verification/v1" + operation.ExpectedPathAndQuery, sent.PathAndQuery, $"{operationId}: the path of {operation.PathTemplate} with the examples of its parameters");
        Assert.AreEqual("application/json", sent.Headers["Accept"], operationId);
        if (operation.RequestExamples.Count > 0)
        {
            var example = operation.RequestExamples[0];
            Assert.IsTrue(JToken.DeepEquals(example.Value, JToken.Parse(sent.BodyText)), $"{operationId}: request example {example.Name} was sent as {sent.BodyText}");
            Assert.AreEqual("application/json", sent.ContentType, operationId);
        }
        else
        {
            Assert.AreEqual(0, sent.Body.Length, operationId);
            Assert.IsNull(sent.ContentType, operationId);
        }

        Assert.AreEqual(ApplicationSigner.FormatTimestamp(api.Clock.GetUtcNow()), sent.Timestamp, operationId);
        StringAssert.StartsWith(sent.Authorization, "Application " + RecordingApi.Key + ":", operationId);
        Assert.IsTrue(new ApplicationSigner(RecordingApi.Key, RecordingApi.Secret).IsValidAuthorization(sent.Method, sent.AbsolutePath, sent.ContentType, sent.Body, sent.Timestamp!, sent.Authorization),
            $"{operationId}: the signature does not cover what was sent");
        AssertSdkUserAgent(sent.UserAgent);
    }

    [TestMethod]
    public async Task The_application_user_agent_follows_the_sdks()
    {
        var api = new RecordingApi(configure: o => o.ApplicationUserAgent = "MyShop/2.1");

        await api.Client.GetVerificationByIdAsync("1", TestContext.CancellationToken);

        AssertSdkUserAgent(api.Single.UserAgent, "MyShop/2.1");
    }

    [TestMethod]
    [DataRow("My Shop (x)")]
    [DataRow("a/b/c")]
    [DataRow("MyShop/2.1\r\nX-Injected: 1")]
    public void An_application_user_agent_that_is_not_product_tokens_is_refused(string userAgent)
    {
        var options = new VerificationClientOptions { ApplicationKey = RecordingApi.Key, ApplicationSecret = RecordingApi.Secret, ApplicationUserAgent = userAgent };

        var e = Assert.ThrowsExactly<ArgumentException>(options.Validate);

        Assert.AreEqual(nameof(VerificationClientOptions.ApplicationUserAgent), e.ParamName);
        StringAssert.Contains(e.Message, "ApplicationUserAgent");
        Assert.ThrowsExactly<ArgumentException>(() => VerificationClient.Create(options));
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
