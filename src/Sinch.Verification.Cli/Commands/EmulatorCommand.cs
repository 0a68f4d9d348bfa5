using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Sinch.Verification.Emulator;

namespace Sinch.Verification.Cli.Commands;

/// <summary><c>emulator --urls URL --key K --secret S [--callback-url URL]</c>: serves the emulator until stopped.</summary>
internal static class EmulatorCommand
{
    public static async Task<int> RunAsync(CommandLine line, CliContext context, CancellationToken cancellationToken)
    {
        var urls = line.Require("urls", "where to listen, e.g. http://127.0.0.1:5080");
        var options = new EmulatorOptions
        {
            ApplicationKey = line.Require("key", "the application key clients must use"),
            ApplicationSecret = line.Get("secret") ?? context.Environment("SINCH_APPLICATION_SECRET")
                ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET."),
        };
        if (line.Get("callback-url") is { } callback)
        {
            options.CallbackUrl = Uri.TryCreate(callback, UriKind.Absolute, out var uri)
                ? uri
                : throw new UsageException("--callback-url must be an absolute URL such as http://127.0.0.1:5090/sinch.");
        }

        line.RejectUnknown();
        await using var app = VerificationEmulator.CreateApp(options, urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls)
        {
            await context.Out.WriteLineAsync($"emulator API: {url.TrimEnd('/')}/verification/v1   outbox: {url.TrimEnd('/')}/emulator/outbox   key: {options.ApplicationKey} (secret not shown)").ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync("press Ctrl+C to stop").ConfigureAwait(false);

        // Stops on Ctrl+C (our token) and on SIGTERM (the host's lifetime), so kill and service managers work.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return CliApp.Ok;
    }
}
