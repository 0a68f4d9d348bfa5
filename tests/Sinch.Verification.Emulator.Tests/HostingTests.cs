using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>The three ways to host the emulator: in-process, inside an existing app, and as a served app.</summary>
[TestClass]
public sealed class HostingTests
{
    [TestMethod]
    public async Task StartAsync_listens_on_loopback_and_disposing_stops_it()
    {
        using var cts = TestApp.Timeout();
        var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);
        Assert.AreEqual("127.0.0.1", emulator.BaseUrl.Host);
        Assert.AreEqual("/verification/v1", emulator.BaseUrl.AbsolutePath);
        await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        await emulator.DisposeAsync();

        using var http = new HttpClient();
        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => http.GetAsync(emulator.OutboxUrl, cts.Token));
    }

    [TestMethod]
    public async Task MapVerificationEmulator_serves_from_an_existing_app_beside_its_own_endpoints()
    {
        using var cts = TestApp.Timeout();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddVerificationEmulator(TestApp.Options());
        await using var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapVerificationEmulator();
        await app.StartAsync(cts.Token);
        var root = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = TestApp.Key, ApplicationSecret = TestApp.Secret, BaseUrl = new Uri(root, "/verification/v1") });
        var number = TestApp.NewNumber();

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(number), cancellationToken: cts.Token);
        var code = app.Services.GetRequiredService<EmulatorService>().Outbox.GetLatest(number)!.Code;
        var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForCallout(code), cts.Token);
        using var http = new HttpClient { BaseAddress = root };
        var health = await http.GetStringAsync("/health", cts.Token);

        Assert.AreEqual(VerificationStatus.Successful, report.Status);
        Assert.AreEqual("ok", health);
        await app.StopAsync(cts.Token);
    }

    [TestMethod]
    public async Task CreateApp_serves_on_the_given_urls()
    {
        using var cts = TestApp.Timeout();
        await using var app = VerificationEmulator.CreateApp(TestApp.Options(), ["http://127.0.0.1:0"]);
        app.Services.GetRequiredService<ILoggerFactory>(); // The app logs like any ASP.NET Core app.
        await app.StartAsync(cts.Token);
        var root = new Uri(app.Urls.First());
        var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = TestApp.Key, ApplicationSecret = TestApp.Secret, BaseUrl = new Uri(root, "/verification/v1") });
        using var http = new HttpClient { BaseAddress = root };

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var outbox = await RawResponse.ReadAsync(await http.GetAsync("/emulator/outbox/" + started.Id, cts.Token), cts.Token);
        var unknown = await RawResponse.ReadAsync(await http.GetAsync("/nothing/here", cts.Token), cts.Token);

        Assert.AreEqual(200, outbox.StatusCode);
        unknown.AssertError(404, 40400);
        await app.StopAsync(cts.Token);
    }

    [TestMethod]
    public async Task Invalid_options_are_refused_up_front_without_the_secret()
    {
        using var cts = TestApp.Timeout();
        var noKey = TestApp.Options();
        noKey.ApplicationKey = null;
        var badSecret = TestApp.Options();
        badSecret.ApplicationSecret = "not base64 at all!";
        var relativeCallback = TestApp.Options(new Uri("/callback", UriKind.Relative));

        var key = await Assert.ThrowsExactlyAsync<ArgumentException>(() => VerificationEmulator.StartAsync(noKey, cts.Token));
        var secret = await Assert.ThrowsExactlyAsync<ArgumentException>(() => VerificationEmulator.StartAsync(badSecret, cts.Token));
        var callback = await Assert.ThrowsExactlyAsync<ArgumentException>(() => VerificationEmulator.StartAsync(relativeCallback, cts.Token));

        Assert.AreEqual("ApplicationKey", key.ParamName);
        Assert.AreEqual("ApplicationSecret", secret.ParamName);
        Assert.DoesNotContain("not base64", secret.Message);
        Assert.AreEqual("CallbackUrl", callback.ParamName);
        Assert.DoesNotContain(TestApp.Secret, TestApp.Options().ToString());
    }
}
