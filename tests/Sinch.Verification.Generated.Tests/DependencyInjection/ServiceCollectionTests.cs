using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.DependencyInjection;

[TestClass]
public sealed class ServiceCollectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static (ServiceProvider Provider, MockHttpMessageHandler Mock, List<HttpRequestMessage> Sent) Build(IConfiguration config, Action<IServiceCollection> register)
    {
        var mock = new MockHttpMessageHandler();
        var sent = new List<HttpRequestMessage>();
        mock.Fallback.Respond(request =>
        {
            lock (sent) sent.Add(request);
            return RecordingApi.Json(HttpStatusCode.OK, """{"id":"42","status":"PENDING"}""");
        });
        var services = new ServiceCollection();
        services.AddSingleton(config);
        register(services);
        services.ConfigureAll<Microsoft.Extensions.Http.HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = mock));
        return (services.BuildServiceProvider(), mock, sent);
    }

    [TestMethod]
    public void Handler_rotations_share_one_signer_per_client_until_its_credentials_change()
    {
        var signers = new SinchVerificationServiceCollectionExtensions.VerificationSigners();
        var options = new VerificationClientOptions { ApplicationKey = RecordingApi.Key, ApplicationSecret = RecordingApi.Secret };

        var first = signers.Get("a", options);
        Assert.IsNotNull(first);
        Assert.AreSame(first, signers.Get("a", options), "a rebuilt handler reuses the signer and its HMAC pool");
        Assert.AreNotSame(first, signers.Get("b", options), "each named client has its own");

        options.ApplicationSecret = "c2Vjb25kLXNlY3JldA==";
        var rotated = signers.Get("a", options);
        Assert.AreNotSame(first, rotated, "a new secret gets a new signer");
        Assert.IsTrue(rotated!.HasCredentials(RecordingApi.Key, "c2Vjb25kLXNlY3JldA=="));
        Assert.IsFalse(rotated.HasCredentials(RecordingApi.Key, RecordingApi.Secret));

        options.Authentication = VerificationAuthentication.Basic;
        Assert.IsNull(signers.Get("a", options));
    }

    [TestMethod]
    public async Task A_successful_call_logs_one_line_of_ours_and_nothing_from_the_resilience_library_or_the_factory()
    {
        var (provider, _, _) = Build(Config(), s =>
        {
            s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
            s.AddSinchVerificationClient(o =>
            {
                o.ApplicationKey = RecordingApi.Key;
                o.ApplicationSecret = RecordingApi.Secret;
            });
        });
        using var _ = provider;

        await provider.GetRequiredService<IVerificationClient>().GetVerificationByIdentityAsync(VerificationMethod.Sms, "+46700000000");

        var records = provider.GetFakeLogCollector().GetSnapshot();
        var ours = records.Where(r => r.Category == VerificationClient.LoggerCategory).ToList();
        Assert.HasCount(1, ours, "one line per operation: " + string.Join(" | ", ours.Select(r => r.Message)));
        StringAssert.Contains(ours[0].Message, "getVerificationByIdentity");
        Assert.IsFalse(records.Any(r => r.Message.Contains("46700000000", StringComparison.Ordinal)), "a log line carries the phone number");
        // Microsoft.Extensions.Http.Resilience logs through Polly's telemetry when a pipeline is
        // built with it (three lines per call, one at Information); ours is built without. And
        // IHttpClientFactory's own loggers, which write the URL and so the phone number, are off.
        var others = records.Where(r => r.Category != VerificationClient.LoggerCategory).ToList();
        Assert.IsEmpty(others, "unexpected log lines: " + string.Join(" | ", others.Select(r => $"{r.Category}: {r.Message}")));
    }

    [TestMethod]
    public async Task A_client_built_from_configuration_calls_the_configured_host_signed()
    {
        var config = Config(
            ("Sinch:Verification:ApplicationKey", RecordingApi.Key),
            ("Sinch:Verification:ApplicationSecret", RecordingApi.Secret),
            ("Sinch:Verification:BaseUrl", "https://verificationapi-v1.sinch.com/verification/v1"),
            ("Sinch:Verification:Resilience:MaxRetryAttempts", "1"));
        var (provider, _, sent) = Build(config, s => s.AddSinchVerificationClient());

        var client = provider.GetRequiredService<IVerificationClient>();
        var status = await client.GetVerificationByIdAsync("42");

        Assert.AreEqual("42", status.Id);
        var request = sent.Single();
        Assert.AreEqual("https://verificationapi-v1.sinch.com/verification/v1/verifications/id/42", request.RequestUri!.AbsoluteUri);
        StringAssert.StartsWith(request.Headers.Authorization!.ToString(), "Application " + RecordingApi.Key + ":");
        Assert.AreEqual(1, provider.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get("Sinch.Verification").Resilience.MaxRetryAttempts);
    }

    [TestMethod]
    public async Task The_delegate_completes_configuration_and_the_default_base_url_is_production()
    {
        var (provider, _, sent) = Build(Config(("Sinch:Verification:ApplicationKey", "from-config")), s =>
            s.AddSinchVerificationClient(o => o.ApplicationSecret = RecordingApi.Secret));

        await provider.GetRequiredService<IVerificationClient>().GetVerificationByIdAsync("1");

        StringAssert.StartsWith(sent.Single().RequestUri!.AbsoluteUri, VerificationClientOptions.ProductionBaseUrl + "/");
        StringAssert.StartsWith(sent.Single().Headers.Authorization!.Parameter, "from-config:");
    }

    [TestMethod]
    public async Task A_client_from_dependency_injection_sends_the_same_User_Agent_as_one_from_Create_with_the_application_after_the_sdk()
    {
        var (provider, _, sent) = Build(Config(("Sinch:Verification:ApplicationUserAgent", "MyShop/2.1")), s => s.AddSinchVerificationClient(o =>
        {
            o.ApplicationKey = RecordingApi.Key;
            o.ApplicationSecret = RecordingApi.Secret;
        }));
        using var _ = provider;
        var created = new RecordingApi(configure: o => o.ApplicationUserAgent = "MyShop/2.1");

        await provider.GetRequiredService<IVerificationClient>().GetVerificationByIdAsync("1");
        await created.Client.GetVerificationByIdAsync("1");

        var injected = sent.Single().Headers.NonValidated.TryGetValues("User-Agent", out var agent) ? agent.ToString() : null;
        Client.WireFormatTests.AssertSdkUserAgent(injected, "MyShop/2.1");
        Assert.AreEqual(created.Single.UserAgent, injected);
    }

    [TestMethod]
    public void An_invalid_application_user_agent_fails_at_start_naming_the_setting()
    {
        var (provider, _, _) = Build(Config(), s => s.AddSinchVerificationClient(o =>
        {
            o.ApplicationKey = RecordingApi.Key;
            o.ApplicationSecret = RecordingApi.Secret;
            o.ApplicationUserAgent = "My Shop (x)";
        }));
        using var _ = provider;

        var e = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get("Sinch.Verification"));
        StringAssert.Contains(e.Message, "ApplicationUserAgent");
    }

    [TestMethod]
    [DataRow(null, RecordingApi.Secret, "https://x.example/v1", "ApplicationKey is missing")]
    [DataRow("key", "not*base64", "https://x.example/v1", "ApplicationSecret is invalid")]
    [DataRow("key", RecordingApi.Secret, "/relative", "BaseUrl must be an absolute")]
    public void Invalid_settings_fail_at_start_with_a_message_naming_the_setting(string? key, string secret, string baseUrl, string expected)
    {
        var values = new List<(string, string)> { ("Sinch:Verification:ApplicationSecret", secret), ("Sinch:Verification:BaseUrl", baseUrl) };
        if (key is not null) values.Add(("Sinch:Verification:ApplicationKey", key));
        var (provider, _, _) = Build(Config(values.ToArray()), s => s.AddSinchVerificationClient());

        var e = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get("Sinch.Verification"));
        StringAssert.Contains(e.Message, expected);
        Assert.IsFalse(e.Message.Contains("not*base64"), "the secret is never echoed");
    }

    [TestMethod]
    [DataRow("AttemptTimeout", "00:00:00.005", "AttemptTimeout must be between 10 ms and 1 day")]
    [DataRow("CircuitBreakerBreakDuration", "00:00:00.1", "CircuitBreakerBreakDuration must be between 0.5 s and 1 day")]
    [DataRow("CircuitBreakerSamplingDuration", "2.00:00:00", "CircuitBreakerSamplingDuration must be between 0.5 s and 1 day")]
    public void Resilience_settings_outside_pollys_limits_fail_at_start_naming_the_setting(string setting, string value, string expected)
    {
        var (provider, _, _) = Build(
            Config(("Sinch:Verification:ApplicationKey", "key"), ("Sinch:Verification:ApplicationSecret", RecordingApi.Secret), ("Sinch:Verification:Resilience:" + setting, value)),
            s => s.AddSinchVerificationClient());

        var e = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get("Sinch.Verification"));
        StringAssert.Contains(e.Message, expected);
    }

    [TestMethod]
    public void A_name_that_was_never_registered_is_a_clear_error()
    {
        var (provider, _, _) = Build(Config(), s => s.AddSinchVerificationClient("tenant-a", null, o =>
        {
            o.ApplicationKey = "key";
            o.ApplicationSecret = RecordingApi.Secret;
        }));
        var factory = provider.GetRequiredService<IVerificationClientFactory>();

        Assert.IsNotNull(factory.CreateClient("tenant-a"));
        var e = Assert.ThrowsExactly<ArgumentException>(() => factory.CreateClient("tenant-b"));
        StringAssert.Contains(e.Message, "'tenant-b'");
        StringAssert.Contains(e.Message, "tenant-a");
    }

    [TestMethod]
    public async Task Named_clients_with_different_credentials_live_side_by_side()
    {
        var config = Config(
            ("Tenants:A:ApplicationKey", "key-a"), ("Tenants:A:ApplicationSecret", RecordingApi.Secret),
            ("Tenants:B:ApplicationKey", "key-b"), ("Tenants:B:ApplicationSecret", "JViE5vDor0Sw3WllZka15Q"),
            ("Tenants:B:Authentication", "Basic"));
        var (provider, _, sent) = Build(config, s =>
        {
            s.AddSinchVerificationClient("a", "Tenants:A");
            s.AddSinchVerificationClient("b", "Tenants:B");
        });
        var factory = provider.GetRequiredService<IVerificationClientFactory>();

        await factory.CreateClient("a").GetVerificationByIdAsync("1");
        await factory.CreateClient("b").GetVerificationByIdAsync("1");

        StringAssert.StartsWith(sent[0].Headers.Authorization!.ToString(), "Application key-a:");
        Assert.AreEqual("Basic", sent[1].Headers.Authorization!.Scheme);
        StringAssert.StartsWith(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(sent[1].Headers.Authorization!.Parameter!)), "key-b:");
    }

    [TestMethod]
    public void The_builder_is_returned_for_handlers_of_the_users_own()
    {
        var services = new ServiceCollection();
        var builder = services.AddSinchVerificationClient(o => { o.ApplicationKey = "k"; o.ApplicationSecret = RecordingApi.Secret; });
        Assert.AreEqual("Sinch.Verification", builder.Name);
    }
}
