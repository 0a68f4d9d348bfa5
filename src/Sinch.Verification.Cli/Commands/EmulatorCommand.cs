using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary><c>emulator --urls URL --key K --secret S [--callback-url URL]</c>: serves the emulator until stopped.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5080 (several separated by ';')", HelpName = "URL", Required = true };
        var key = new Option<string>("--key") { Description = "the application key clients must use", HelpName = "K", Required = true };
        var secret = new Option<string>("--secret") { Description = "the application secret (base64); default $SINCH_APPLICATION_SECRET, which keeps it out of the process list", HelpName = "S" };
        var callbackUrl = new Option<string>("--callback-url") { Description = "where to send signed VerificationRequestEvent and VerificationResultEvent callbacks, e.g. http://127.0.0.1:5090/sinch/verification; none when absent", HelpName = "URL" };
        var smsDelivered = new Option<bool>("--sms-delivered-events") { Description = "also send a signed VerificationSmsDeliveredEvent for every SMS sent (needs --callback-url)" };
        var command = new Command("emulator", "Serve the emulator until stopped (Ctrl+C or SIGTERM, exit 130): its API at URL/verification/v1, its outbox at URL/emulator/outbox, seamless target URIs at URL/emulator/seamless.")
        {
            urls, key, secret, callbackUrl, smsDelivered,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new EmulatorOptions
            {
                ApplicationKey = parsed.GetValue(key)!,
                ApplicationSecret = parsed.GetValue(secret) ?? context.Environment("SINCH_APPLICATION_SECRET")
                    ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET."),
            };
            options.SmsDeliveredEvents = parsed.GetValue(smsDelivered);
            if (options.SmsDeliveredEvents && parsed.GetValue(callbackUrl) is null)
            {
                throw new UsageException("--sms-delivered-events sends callbacks: it needs --callback-url.");
            }

            if (parsed.GetValue(callbackUrl) is { } callback)
            {
                options.CallbackUrl = Uri.TryCreate(callback, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new UsageException("--callback-url must be an absolute URL such as http://127.0.0.1:5090/sinch/verification.");
            }

            await using var app = CliApp.CheckingSecret(() => VerificationEmulator.CreateApp(options, parsed.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var url in app.Urls)
            {
                var root = url.TrimEnd('/');
                await context.Out.WriteLineAsync($"emulator API: {root}/verification/v1   outbox: {root}/emulator/outbox").ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync($"callbacks: {(options.CallbackUrl is null ? "none (no --callback-url)" : PhoneNumbers.MaskAll(WithoutUserInfo(options.CallbackUrl)))}   key: {options.ApplicationKey} (secret not shown)").ConfigureAwait(false);
            await context.Out.WriteLineAsync("press Ctrl+C to stop").ConfigureAwait(false);

            // Stops on Ctrl+C (our token) and on SIGTERM (the host's lifetime), so kill and service
            // managers work. A server only ends by being stopped: that is "interrupted", 130.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return CliApp.Interrupted;
        });
        return command;
    }

    // A callback URL may carry credentials (https://user:password@host/...): never print them.
    private static string WithoutUserInfo(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();
}
