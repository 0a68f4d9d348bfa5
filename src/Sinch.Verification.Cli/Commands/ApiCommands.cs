using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary><c>start</c>, <c>report</c> and <c>status</c>: one API call each, through the SDK's default pipeline.</summary>
internal static class ApiCommands
{
    public static async Task<int> StartAsync(CommandLine line, CliContext context, CancellationToken cancellationToken)
    {
        if (line.Positional.Count != 3)
        {
            throw new UsageException("usage: start <sms|flashcall|callout> <number> [--reference R] [--custom C]");
        }

        var method = Method(line.Positional[1]);
        var request = StartVerificationRequest.For(method, line.Positional[2], line.Get("reference"), line.Get("custom"));
        var json = line.Has("json");
        var client = Connect(line, context);
        line.RejectUnknown();
        Output.Print(context.Out, await client.StartVerificationAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false), json);
        return 0;
    }

    public static async Task<int> ReportAsync(CommandLine line, CliContext context, CancellationToken cancellationToken)
    {
        var id = line.Get("id");
        var number = line.Get("number");
        if ((id is null) == (number is null))
        {
            throw new UsageException("report needs exactly one of --id ID or --number N.");
        }

        var method = Method(line.Require("method", "sms, flashcall or callout"));
        var code = line.Get("code");
        var cli = line.Get("cli");
        ReportVerificationRequest request;
        if (method == VerificationMethod.FlashCall)
        {
            request = ReportVerificationRequest.ForFlashCall(cli ?? throw new UsageException("a flashcall report needs --cli, the full number that called."));
        }
        else if (method == VerificationMethod.Sms || method == VerificationMethod.Callout)
        {
            if (code is null)
            {
                throw new UsageException($"a {method} report needs --code.");
            }

            request = method == VerificationMethod.Sms ? ReportVerificationRequest.ForSms(code) : ReportVerificationRequest.ForCallout(code);
        }
        else
        {
            throw new UsageException($"report supports sms, flashcall and callout, not '{method}'.");
        }

        var json = line.Has("json");
        var client = Connect(line, context);
        line.RejectUnknown();
        var response = id is not null
            ? await client.ReportVerificationByIdAsync(id, request, cancellationToken).ConfigureAwait(false)
            : await client.ReportVerificationByIdentityAsync(number!, request, cancellationToken).ConfigureAwait(false);
        Output.Print(context.Out, response, json);
        return 0;
    }

    public static async Task<int> StatusAsync(CommandLine line, CliContext context, CancellationToken cancellationToken)
    {
        var id = line.Get("id");
        var reference = line.Get("reference");
        var number = line.Get("number");
        if ((id is null ? 0 : 1) + (reference is null ? 0 : 1) + (number is null ? 0 : 1) != 1)
        {
            throw new UsageException("status needs exactly one of --id ID, --reference R or --number N --method M.");
        }

        var method = number is null ? null : Method(line.Require("method", "status by number needs the method"));
        var json = line.Has("json");
        var client = Connect(line, context);
        line.RejectUnknown();
        var response = id is not null ? await client.GetVerificationByIdAsync(id, cancellationToken).ConfigureAwait(false)
            : reference is not null ? await client.GetVerificationByReferenceAsync(reference, cancellationToken).ConfigureAwait(false)
            : await client.GetVerificationByIdentityAsync(method!, number!, cancellationToken).ConfigureAwait(false);
        Output.Print(context.Out, response, json);
        return 0;
    }

    private static VerificationMethod Method(string text) => text.ToLowerInvariant() switch
    {
        "sms" => VerificationMethod.Sms,
        "flashcall" => VerificationMethod.FlashCall,
        "callout" => VerificationMethod.Callout,
        _ => throw new UsageException($"unknown method '{PhoneNumbers.MaskAll(text)}': use sms, flashcall or callout."),
    };

    /// <summary>The connection options shared by the API commands: flags first, then environment.</summary>
    private static IVerificationClient Connect(CommandLine line, CliContext context)
    {
        var auth = (line.Get("auth") ?? "signed").ToLowerInvariant() switch
        {
            "signed" => VerificationAuthentication.Signed,
            "basic" => VerificationAuthentication.Basic,
            var other => throw new UsageException($"--auth must be signed or basic, not '{other}'."),
        };
        var baseUrl = line.Get("base-url") ?? context.Environment("SINCH_VERIFICATION_BASE_URL") ?? VerificationClientOptions.ProductionBaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw new UsageException("--base-url (or SINCH_VERIFICATION_BASE_URL) must be an absolute URL such as " + VerificationClientOptions.ProductionBaseUrl + ".");
        }

        var options = new VerificationClientOptions
        {
            ApplicationKey = line.Get("key") ?? context.Environment("SINCH_APPLICATION_KEY")
                ?? throw new UsageException("the application key is missing: pass --key or set SINCH_APPLICATION_KEY."),
            ApplicationSecret = line.Get("secret") ?? context.Environment("SINCH_APPLICATION_SECRET")
                ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET."),
            BaseUrl = uri,
            Authentication = auth,
        };
        return context.ClientFactory(options);
    }
}

/// <summary>What a command may touch: output streams, environment, and how clients are made (tests swap these).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment, Func<VerificationClientOptions, IVerificationClient> clientFactory)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public Func<string, string?> Environment { get; } = environment;

    public Func<VerificationClientOptions, IVerificationClient> ClientFactory { get; } = clientFactory;

    public static CliContext Console() => new(System.Console.Out, System.Console.Error, System.Environment.GetEnvironmentVariable, o => VerificationClient.Create(o));
}
