using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Validation;

namespace Sinch.Verification.Emulator;

/// <summary>
/// A Sinch Verification emulator on a free loopback port, for tests and demos:
/// <code>
/// await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = key, ApplicationSecret = secret }, cancellationToken);
/// var client = VerificationClient.Create(new VerificationClientOptions { ApplicationKey = key, ApplicationSecret = secret, BaseUrl = emulator.BaseUrl });
/// var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000"), cancellationToken: cancellationToken);
/// var pin = emulator.Outbox.GetByVerificationId(started.Id)!.Code;
/// </code>
/// Dispose it to stop the server. To serve the emulator from a command line, see <see cref="CreateApp"/>.
/// </summary>
public sealed class VerificationEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VerificationEmulator(WebApplication app, Uri serverUrl)
    {
        _app = app;
        Service = app.Services.GetRequiredService<EmulatorService>();
        ServerUrl = serverUrl;
        BaseUrl = new Uri(serverUrl, ApiHandler.Prefix);
        OutboxUrl = new Uri(serverUrl, OutboxHandler.Prefix);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri ServerUrl { get; }

    /// <summary>The API's base URL for <c>VerificationClientOptions.BaseUrl</c>, e.g. <c>http://127.0.0.1:5123/verification/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The outbox over HTTP, e.g. <c>http://127.0.0.1:5123/emulator/outbox</c>. Not part of Sinch's API.</summary>
    public Uri OutboxUrl { get; }

    /// <summary>The running emulator's state and behaviour.</summary>
    public EmulatorService Service { get; }

    /// <summary>What would have reached the phones. Not part of Sinch's API.</summary>
    public EmulatorOutbox Outbox => Service.Outbox;

    /// <summary>
    /// Starts an emulator on <c>127.0.0.1</c> with a port the OS picks. It reads no configuration
    /// files or environment variables; only the emulator's own lines go to
    /// <see cref="EmulatorOptions.LoggerFactory"/>, not ASP.NET Core's.
    /// </summary>
    /// <param name="options">Key, secret and behaviour.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static async Task<VerificationEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();

        // The empty builder keeps a test's emulator hermetic: no appsettings, no ASPNETCORE_*
        // variables, no console logger.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(VerificationEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();

        // Only the emulator logs to the caller's factory: ASP.NET Core's own request logs print
        // paths, and paths hold phone numbers.
        var emulatorOptions = options.Clone();
        builder.Services.AddSingleton(_ => new EmulatorService(emulatorOptions, emulatorOptions.LoggerFactory));
        var app = Configure(builder.Build());
        try
        {
            await SpecSchemas.GetAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var emulator = new VerificationEmulator(app, new Uri(address.TrimEnd('/') + "/"));
            emulator.Service.LogListening(emulator.BaseUrl.ToString(), emulator.OutboxUrl.ToString());
            return emulator;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Builds (does not start) a web app that serves the emulator on <paramref name="urls"/>, with
    /// the usual ASP.NET Core configuration and console logging: what a command line such as
    /// <c>emulator --urls URL --key K --secret S [--callback-url URL]</c> runs with
    /// <c>await app.RunAsync(cancellationToken)</c>. The <see cref="EmulatorService"/> is in
    /// <c>app.Services</c>. Any path outside the API and the outbox answers 404 in Sinch's shape.
    /// </summary>
    /// <param name="options">Key, secret and behaviour (<see cref="EmulatorOptions.LoggerFactory"/> is not used: the app logs).</param>
    /// <param name="urls">Where to listen, e.g. <c>http://127.0.0.1:5000</c>; the ASP.NET Core defaults when empty.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static WebApplication CreateApp(EmulatorOptions options, IEnumerable<string> urls)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (urls is null) throw new ArgumentNullException(nameof(urls));
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(VerificationEmulator).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // ASP.NET Core logs every request with its path at Information, and paths hold phone
        // numbers; the emulator logs what matters itself, with numbers masked.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A host that cannot start (bad URL, port in use) logs the exception with its stack
        // trace; the caller gets the same exception and reports it once, clearly.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        var list = urls.ToArray();
        if (list.Length > 0)
        {
            builder.WebHost.UseUrls(list);
        }

        var emulatorOptions = options.Clone();
        emulatorOptions.LoggerFactory = null;
        builder.Services.AddVerificationEmulator(emulatorOptions);
        var app = Configure(builder.Build());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                var root = url.TrimEnd('/');
                app.Services.GetRequiredService<EmulatorService>().LogListening(root + ApiHandler.Prefix, root + OutboxHandler.Prefix);
            }
        });
        return app;
    }

    /// <inheritdoc cref="EmulatorService.WaitForCallbacksAsync"/>
    public Task WaitForCallbacksAsync(CancellationToken cancellationToken = default) => Service.WaitForCallbacksAsync(cancellationToken);

    /// <summary>Stops the server and the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Configure(WebApplication app)
    {
        app.MapVerificationEmulator();
        var emulator = app.Services.GetRequiredService<EmulatorService>();

        // Least specific route: everything the emulator does not serve gets Sinch's 404 shape.
        app.Map("/{**" + HttpExchange.RestRouteValue + "}", (RequestDelegate)emulator.HandleUnknownAsync);
        return app;
    }
}
