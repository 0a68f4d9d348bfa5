using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sinch.Verification.Generated.Callbacks;
using static Sinch.Verification.Generated.AspNetCore.Tests.CallbackHost;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.AspNetCore.Tests;

/// <summary>One configuration section, <c>Sinch:Verification</c>, for the client and the callbacks.</summary>
[TestClass]
public sealed class CallbackConfigurationTests
{
    private const string ResultEventJson = """{"id":"1","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL"}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AddSinchVerificationCallbacks_without_arguments_accepts_callbacks_signed_with_the_client_s_Sinch_Verification_settings()
    {
        var builder = Builder(new()
        {
            ["Sinch:Verification:ApplicationKey"] = AppKey,
            ["Sinch:Verification:ApplicationSecret"] = AppSecret,
        });
        builder.Services.AddSinchVerificationClient();
        builder.Services.AddSinchVerificationCallbacks();
        var results = new List<VerificationResultEvent>();
        await using var app = builder.Build();
        app.MapSinchVerificationCallbacks(CallbackPath, (_, _) => Task.FromResult(VerificationCallbackReply.Allow()), (result, _) =>
        {
            results.Add(result);
            return Task.CompletedTask;
        });
        await app.StartAsync(TestContext.CancellationToken);

        using var response = await PostAsync(app, ResultEventJson);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.HasCount(1, results);
        Assert.AreEqual(AppKey, app.Services.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get(Microsoft.Extensions.DependencyInjection.SinchVerificationServiceCollectionExtensions.DefaultName).ApplicationKey);
    }

    [TestMethod]
    public void The_section_also_sets_the_window_the_body_limit_the_public_path_and_more_applications()
    {
        var builder = Builder(new()
        {
            ["Sinch:Verification:ApplicationKey"] = AppKey,
            ["Sinch:Verification:ApplicationSecret"] = AppSecret,
            ["Sinch:Verification:Applications:" + OtherAppKey] = OtherAppSecret,
            ["Sinch:Verification:FreshnessWindow"] = "00:01:00",
            ["Sinch:Verification:MaxBodySize"] = "1024",
            ["Sinch:Verification:PublicPath"] = "/outside",
        });
        builder.Services.AddSinchVerificationCallbacks<RecordingHandler>();

        using var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<SinchVerificationCallbackOptions>>().Value;

        CollectionAssert.AreEquivalent(new[] { AppKey, OtherAppKey }, new List<string>(options.Applications.Keys));
        Assert.AreEqual(TimeSpan.FromMinutes(1), options.FreshnessWindow);
        Assert.AreEqual(1024, options.MaxBodySize);
        Assert.AreEqual("/outside", options.PublicPath);
    }

    [TestMethod]
    public void A_named_section_is_bound_first_then_the_delegate()
    {
        var builder = Builder(new()
        {
            ["Sinch:Tenants:A:ApplicationKey"] = AppKey,
            ["Sinch:Tenants:A:ApplicationSecret"] = AppSecret,
            ["Sinch:Tenants:A:MaxBodySize"] = "1024",
        });
        builder.Services.AddSinchVerificationCallbacks("Sinch:Tenants:A", o => o.MaxBodySize = 2048);

        using var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<SinchVerificationCallbackOptions>>().Value;

        Assert.IsTrue(options.Applications.ContainsKey(AppKey));
        Assert.AreEqual(2048, options.MaxBodySize);
    }

    [TestMethod]
    public void The_delegate_overload_still_binds_nothing_from_configuration()
    {
        var builder = Builder(new()
        {
            ["Sinch:Verification:ApplicationKey"] = OtherAppKey,
            ["Sinch:Verification:ApplicationSecret"] = OtherAppSecret,
        });
        builder.Services.AddSinchVerificationCallbacks(o => o.AddApplication(AppKey, AppSecret));

        using var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<SinchVerificationCallbackOptions>>().Value;

        CollectionAssert.AreEqual(new[] { AppKey }, new List<string>(options.Applications.Keys));
    }

    [TestMethod]
    [DataRow("not*base64!", "Sinch:Verification:ApplicationSecret", "is not valid Base64")]
    [DataRow("", "Sinch:Verification:ApplicationSecret", "is missing")]
    public async Task A_bad_secret_in_configuration_stops_the_start_with_one_line_that_names_the_setting(string secret, string setting, string problem)
    {
        var builder = Builder(new()
        {
            ["Sinch:Verification:ApplicationKey"] = AppKey,
            ["Sinch:Verification:ApplicationSecret"] = secret,
        });
        builder.Services.AddSinchVerificationCallbacks<RecordingHandler>();
        await using var app = builder.Build();

        var e = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));

        AssertOneClearLine(e.Message, setting, problem);
        StringAssert.Contains(e.Message, AppKey);
        if (secret.Length > 0)
        {
            Assert.DoesNotContain(secret, e.Message);
        }
    }

    [TestMethod]
    public async Task A_secret_without_its_key_names_the_missing_key_setting()
    {
        var builder = Builder(new() { ["Sinch:Verification:ApplicationSecret"] = AppSecret });
        builder.Services.AddSinchVerificationCallbacks<RecordingHandler>();
        await using var app = builder.Build();

        var e = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));

        AssertOneClearLine(e.Message, "Sinch:Verification:ApplicationKey", "is missing");
    }

    [TestMethod]
    public async Task No_configuration_at_all_says_which_settings_to_set()
    {
        var builder = Builder(new());
        builder.Services.AddSinchVerificationCallbacks<RecordingHandler>();
        await using var app = builder.Build();

        var e = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));

        AssertOneClearLine(e.Message, "Sinch:Verification:ApplicationKey", "No application is configured");
    }

    [TestMethod]
    public void A_bad_secret_given_in_code_says_Parameter_once()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new CallbackValidatorOptions().AddApplication(AppKey, "not*base64!").Validate());

        Assert.AreEqual(
            $"The secret of application '{AppKey}' is invalid: The application secret is not valid Base64. (Parameter 'Applications')",
            e.Message);
    }

    private static void AssertOneClearLine(string message, string setting, string problem)
    {
        Assert.DoesNotContain("\n", message, message);
        Assert.DoesNotContain("(Parameter", message, message);
        StringAssert.StartsWith(message, "Sinch Verification callbacks: ", message);
        StringAssert.Contains(message, setting, message);
        StringAssert.Contains(message, problem, message);
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    private static async Task<HttpResponseMessage> PostAsync(WebApplication app, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var (timestamp, authorization) = Sign(body, DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonUtf8);
        request.Headers.TryAddWithoutValidation("x-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await app.GetTestClient().SendAsync(request);
    }
}
