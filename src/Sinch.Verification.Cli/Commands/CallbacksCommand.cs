using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.AspNetCore;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// <c>callbacks listen</c>: a callback receiver built on the ASP.NET Core package. Answers request
/// events with allow (or deny), optionally choosing the SMS code, and prints one JSON line per
/// accepted event (numbers masked) on stdout; everything else goes to stderr, so stdout pipes into jq.
/// </summary>
internal static class CallbacksCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5090 (several separated by ';')", HelpName = "URL", Required = true };
        var key = new Option<string>("--key") { Description = "the application key whose callbacks are accepted", HelpName = "K", Required = true };
        var secret = new Option<string>("--secret") { Description = "the application secret (base64) that signs them; default $SINCH_APPLICATION_SECRET, which keeps it out of the process list", HelpName = "S" };
        var path = new Option<string>("--path") { Description = "the path of the callback URL (demo and the README use this one); requests to other paths get 404 and a warning on stderr", HelpName = "P", DefaultValueFactory = _ => DemoCommand.CallbackPath };
        var deny = new Option<bool>("--deny") { Description = "answer VerificationRequestEvents with deny (default: allow)" };
        var smsCode = new Option<string>("--sms-code") { Description = "allow SMS verifications with this code instead of a random one", HelpName = "CODE" };
        var maxAge = new Option<int>("--max-age") { Description = "reject callbacks older than this, in seconds; 0 turns the age check off (replaying recorded callbacks)", HelpName = "SECONDS", DefaultValueFactory = _ => (int)CallbackValidatorOptions.DefaultFreshnessWindow.TotalSeconds };
        // Parsed here rather than by the library, whose conversion error for "abc" or "1.5" throws out of Parse.
        maxAge.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }

            result.AddError("--max-age must be a whole number of seconds, 0 or more.");
            return 0;
        };
        var json = new Option<bool>("--json")
        {
            Description = "accepted for scripts; output is always JSON: one line per accepted event on stdout (VerificationRequestEvent, VerificationResultEvent, "
                + "VerificationSmsDeliveredEvent; the event's own members, numbers masked in every field), all other messages on stderr",
        };
        var listen = new Command("listen", "Receive Sinch's signed verification callbacks until stopped (Ctrl+C or SIGTERM, exit 130); answers request events with allow or deny.")
        {
            urls, key, secret, path, deny, smsCode, maxAge, json,
        };
        listen.SetAction(async (parsed, cancellationToken) =>
        {
            var listenPath = parsed.GetValue(path)!;
            if (!listenPath.StartsWith('/'))
            {
                throw new UsageException("--path must start with '/'.");
            }

            var denying = parsed.GetValue(deny);
            var code = parsed.GetValue(smsCode);
            if (denying && code is not null)
            {
                throw new UsageException("--deny and --sms-code exclude each other.");
            }

            var seconds = parsed.GetValue(maxAge);
            var window = seconds == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
            var applicationKey = parsed.GetValue(key)!;
            var applicationSecret = parsed.GetValue(secret) ?? context.Environment("SINCH_APPLICATION_SECRET")
                ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET.");

            // Checked here so a bad secret is one clear line (ArgumentException), not a start-up failure.
            var options = new SinchVerificationCallbackOptions { FreshnessWindow = window };
            options.AddApplication(applicationKey, applicationSecret);
            CliApp.CheckingSecret(() => { options.Validate(); return options; });

            // Built once, here: a bad --sms-code is a usage error now, not a denial of every verification later.
            var reply = denying ? VerificationCallbackReply.Deny()
                : code is not null ? VerificationCallbackReply.AllowSms(code)
                : VerificationCallbackReply.Allow();
            return await ListenAsync(context, parsed.GetValue(urls)!, listenPath, applicationKey, applicationSecret, window, reply, denying, cancellationToken).ConfigureAwait(false);
        });
        return new Command("callbacks", "Receive Sinch verification callbacks.") { listen };
    }

    private static async Task<int> ListenAsync(
        CliContext context, string urls, string path, string key, string secret, TimeSpan window, VerificationRequestEventResponse reply, bool denying, CancellationToken cancellationToken)
    {
        var error = System.IO.TextWriter.Synchronized(context.Error);
        await using var app = Build(new Listener(urls, path, key, secret, window, reply), context.Out, error, builder =>
        {
            // stdout carries only the JSON event lines: every log line goes to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls)
        {
            await error.WriteLineAsync($"listening for callbacks of {key} on {url.TrimEnd('/')}{path} ({(denying ? "deny" : "allow")}); Ctrl+C to stop").ConfigureAwait(false);
        }

        // Stops on Ctrl+C (our token) and on SIGTERM (the host's lifetime); a listener only ends
        // by being stopped: that is "interrupted", 130.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return CliApp.Interrupted;
    }

    /// <summary>What one listener accepts and answers.</summary>
    internal sealed record Listener(string Urls, string Path, string Key, string Secret, TimeSpan Window, VerificationRequestEventResponse Reply);

    /// <summary>
    /// The listener's web app, not started: the callback endpoint of the ASP.NET Core package at
    /// <see cref="Listener.Path"/>, one JSON line per accepted event on <paramref name="out"/> and
    /// a warning on <paramref name="error"/> for any other path. <paramref name="logging"/> chooses
    /// where log lines go (the command: stderr; tests: a capture).
    /// </summary>
    internal static WebApplication Build(Listener listener, System.IO.TextWriter @out, System.IO.TextWriter error, Action<WebApplicationBuilder> logging)
    {
        var path = listener.Path;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listener.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        logging(builder);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning); // our own banner says where we listen
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // start-up failures are reported once, as an error line
        builder.Services.AddSinchVerificationCallbacks(o =>
        {
            o.AddApplication(listener.Key, listener.Secret);
            o.FreshnessWindow = listener.Window;
        });
        var app = builder.Build();

        var output = System.IO.TextWriter.Synchronized(@out); // callbacks arrive concurrently
        error = System.IO.TextWriter.Synchronized(error);

        // The silent failure this prevents: a callback URL with another path gets 404s, every
        // verification ends DENIED, and the listener would print nothing. The path and method are
        // the sender's: escaped and masked, so they cannot forge a line or show a number.
        app.Use((http, next) =>
        {
            if (!string.Equals(http.Request.Path.Value, path, StringComparison.Ordinal))
            {
                error.WriteLine($"warning: {LogText.Safe(http.Request.Method)} {LogText.Safe(http.Request.Path.Value)} is not the callback path {path}: answered 404. Point the callback URL at {path} or pass --path.");
            }

            return next(http);
        });

        // Each line is written from the event the handler got (one parse): what is printed is what was dispatched.
        app.MapSinchVerificationCallbacks(
            path,
            onRequest: (request, _) =>
            {
                output.WriteLine(Output.Line(request));
                return Task.FromResult(listener.Reply);
            },
            onResult: (result, _) =>
            {
                output.WriteLine(Output.Line(result));
                return Task.CompletedTask;
            },
            onSmsDelivered: (delivery, _) =>
            {
                output.WriteLine(Output.Line(delivery));
                return Task.CompletedTask;
            });
        return app;
    }
}
