using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.AspNetCore;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// <c>callbacks listen</c>: a callback receiver built on the ASP.NET Core package. Answers request
/// events with allow (or deny), optionally choosing the SMS code, and prints one JSON line per
/// accepted event (numbers masked).
/// </summary>
internal static class CallbacksCommand
{
    public static async Task<int> ListenAsync(CommandLine line, CliContext context, CancellationToken cancellationToken)
    {
        var urls = line.Require("urls", "where to listen, e.g. http://127.0.0.1:5090");
        var key = line.Require("key", "the application key whose callbacks are accepted");
        var secret = line.Get("secret") ?? context.Environment("SINCH_APPLICATION_SECRET")
            ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET.");
        var path = line.Get("path") ?? "/";
        if (!path.StartsWith('/'))
        {
            throw new UsageException("--path must start with '/'.");
        }

        var deny = line.Has("deny");
        var smsCode = line.Get("sms-code");
        if (deny && smsCode is not null)
        {
            throw new UsageException("--deny and --sms-code exclude each other.");
        }

        var window = CallbackValidatorOptions.DefaultFreshnessWindow;
        if (line.Get("max-age") is { } maxAge)
        {
            if (!int.TryParse(maxAge, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new UsageException("--max-age must be a whole number of seconds (0 turns the age check off).");
            }

            // 0: replaying recorded callbacks, whose timestamps are old by design.
            window = seconds == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
        }

        line.RejectUnknown();

        // Checked here so a bad secret is a clear error (ArgumentException), not a start-up failure.
        var options = new SinchVerificationCallbackOptions { FreshnessWindow = window };
        options.AddApplication(key, secret);
        options.Validate();

        // Built once, here: a bad --sms-code is a usage error now, not a denial of every verification later.
        var reply = deny ? VerificationCallbackReply.Deny()
            : smsCode is not null ? VerificationCallbackReply.AllowSms(smsCode)
            : VerificationCallbackReply.Allow();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // start-up failures are reported once, as an error line
        builder.Services.AddSinchVerificationCallbacks(o =>
        {
            o.AddApplication(key, secret);
            o.FreshnessWindow = window;
        });
        await using var app = builder.Build();

        var output = System.IO.TextWriter.Synchronized(context.Out); // callbacks arrive concurrently
        app.MapSinchVerificationCallbacks(
            path,
            onRequest: (request, _) =>
            {
                output.WriteLine(Output.Line(request));
                return Task.FromResult(reply);
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

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls)
        {
            await context.Error.WriteLineAsync($"listening for callbacks of {key} on {url.TrimEnd('/')}{path} ({(deny ? "deny" : "allow")}); Ctrl+C to stop").ConfigureAwait(false);
        }

        // Stops on Ctrl+C (our token) and on SIGTERM (the host's lifetime).
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return CliApp.Ok;
    }
}
