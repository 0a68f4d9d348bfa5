using System;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary><c>emulator --urls URL --key K --secret S [--callback-url URL] [--retention T] [--max-ended N]</c>: serves the emulator until stopped.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5080 (several separated by ';')", HelpName = "URL", Required = true };
        var key = new Option<string>("--key") { Description = "the application key clients must use", HelpName = "K", Required = true };
        var secret = new Option<string>("--secret") { Description = "the application secret (base64); default $SINCH_APPLICATION_SECRET, which keeps it out of the process list", HelpName = "S" };
        var callbackUrl = new Option<string>("--callback-url") { Description = "where to send signed VerificationRequestEvent and VerificationResultEvent callbacks, e.g. http://127.0.0.1:5090/sinch/verification; none when absent", HelpName = "URL" };
        var smsDelivered = new Option<bool>("--sms-delivered-events") { Description = "also send a signed VerificationSmsDeliveredEvent for every SMS sent (needs --callback-url)" };
        var defaults = new EmulatorOptions();
        var retention = new Option<string>("--retention")
        {
            Description = $"how long ended verifications and their outbox messages are kept, as [d.]hh:mm:ss; then they read like unknown ones (404) and their references are free again. Pending ones are never dropped. Default {Format(defaults.Retention)}",
            HelpName = "T",
        };
        var allowedHosts = new Option<string>("--allowed-hosts")
        {
            Description = "host names clients may call the emulator by besides localhost, 127.0.0.1, [::1] and the hosts of --urls, separated by ',' (e.g. a container's name); * for any. Other Host headers get 400, so a web page cannot reach the outbox through DNS rebinding",
            HelpName = "NAMES",
        };
        var maxEnded = new Option<int>("--max-ended") { Description = $"how many ended verifications are kept at most; beyond it the oldest ended are dropped first. Default {defaults.MaxEndedVerifications}", HelpName = "N" };
        var command = new Command("emulator", "Serve the emulator until stopped (Ctrl+C or SIGTERM, exit 130): its API at URL/verification/v1, its outbox at URL/emulator/outbox, what it holds at URL/emulator/stats, seamless target URIs at URL/emulator/seamless, the description of these emulator endpoints at URL/emulator/openapi.yaml.")
        {
            urls, key, secret, callbackUrl, smsDelivered, retention, maxEnded, allowedHosts,
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
            if (parsed.GetValue(retention) is { } keep)
            {
                // The invariant "c" format with a time: TimeSpan.Parse reads "24:00:00" as 24 days, and "c" alone reads "5" as 5 days.
                options.Retention = keep.Contains(':') && TimeSpan.TryParseExact(keep, "c", CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
                    ? span
                    : throw new UsageException("--retention must be a positive time span as [d.]hh:mm:ss, e.g. 01:00:00 for an hour or 1.00:00:00 for a day.");
            }

            if (parsed.GetResult(maxEnded) is not null)
            {
                options.MaxEndedVerifications = parsed.GetValue(maxEnded) is var most and > 0
                    ? most
                    : throw new UsageException("--max-ended must be at least 1.");
            }

            foreach (var host in (parsed.GetValue(allowedHosts) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.AllowedHosts.Add(host);
            }

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

            WebApplication created;
            try
            {
                created = CliApp.CheckingSecret(() => VerificationEmulator.CreateApp(options, parsed.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            }
            catch (ArgumentException e) when (e.ParamName == nameof(EmulatorOptions.AllowedHosts))
            {
                throw new UsageException("--allowed-hosts takes host names separated by ',', such as emulator, 10.0.0.5 or [::1], without scheme or port, or * for any host; patterns such as *.example.com are not supported.");
            }

            await using var app = created;
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var url in app.Urls)
            {
                var root = url.TrimEnd('/');
                await context.Out.WriteLineAsync($"emulator API: {root}/verification/v1   outbox: {root}/emulator/outbox   stats: {root}/emulator/stats").ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync($"callbacks: {(options.CallbackUrl is null ? "none (no --callback-url)" : CliApp.Shown(options.CallbackUrl))}   key: {options.ApplicationKey} (secret not shown)").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"retention: ended verifications kept {Format(options.Retention)}, at most {options.MaxEndedVerifications} (--retention, --max-ended)").ConfigureAwait(false);
            await context.Out.WriteLineAsync("press Ctrl+C to stop").ConfigureAwait(false);

            // Stops on Ctrl+C (our token) and on SIGTERM (the host's lifetime), so kill and service
            // managers work. A server only ends by being stopped: that is "interrupted", 130.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return CliApp.Interrupted;
        });
        return command;
    }

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
