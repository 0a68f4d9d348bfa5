using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary><c>start</c>, <c>report</c> and <c>status</c>: one API call each, through the SDK's default pipeline.</summary>
internal static class ApiCommands
{
    // The spec's methods (VerificationMethod.KnownValues, generated): a method added to the spec is
    // accepted here at once, and anything else is a usage error, never another method.
    private static readonly string[] Methods = VerificationMethod.KnownValues.Select(m => m.Value).ToArray();
    private static readonly string MethodList = string.Join(", ", Methods);

    public static Command Start(CliContext context)
    {
        var method = new Argument<string>("method") { Description = $"how the number is verified: {MethodList}" };
        method.AcceptOnlyFromAmong(Methods);
        var number = new Argument<string>("number") { Description = "the phone number in E.164, e.g. +46700000001" };
        AcceptOnlyE164(number, "<number>");
        var reference = new Option<string>("--reference") { Description = "your unique reference for this verification (status --reference finds it)", HelpName = "R" };
        var custom = new Option<string>("--custom") { Description = "free text passed to your callbacks", HelpName = "C" };
        var connection = new Connection();
        var command = new Command("start", "Start a verification.") { method, number, reference, custom };
        connection.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = StartVerificationRequest.For(Method(parsed.GetValue(method)!), parsed.GetValue(number)!, parsed.GetValue(reference), parsed.GetValue(custom));
            var client = connection.Client(parsed, context);
            Output.Print(context.Out, await client.StartVerificationAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false), parsed.GetValue(connection.Json));
            return CliApp.Ok;
        });
        return command;
    }

    public static Command Report(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "the verification's id (from start)", HelpName = "ID" };
        var number = new Option<string>("--number") { Description = "the phone number (E.164) of the pending verification", HelpName = "N" };
        AcceptOnlyE164(number);
        var method = MethodOption();
        var code = new Option<string>("--code") { Description = "what the user received: the code, or for flashcall the full number that called", HelpName = "C" };
        var cli = new Option<string>("--cli") { Description = "the same as --code (the usual name for flashcall's calling number)", HelpName = "CLI" };
        var connection = new Connection();
        var command = new Command("report", "Report the code (or the calling number) the user received; needs exactly one of --id or --number.") { id, number, method, code, cli };
        connection.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var byId = parsed.GetValue(id);
            var byNumber = parsed.GetValue(number);
            if ((byId is null) == (byNumber is null))
            {
                throw new UsageException("report needs exactly one of --id ID or --number N.");
            }

            var verificationMethod = Method(parsed.GetValue(method)!);
            if (ReportVerificationRequest.MethodMemberOf(verificationMethod) is not { } member)
            {
                throw new UsageException($"a {verificationMethod} verification cannot be reported: reports exist for {string.Join(", ", ReportVerificationRequest.MethodMembers.Select(m => m.Method.Value))}.");
            }

            var codeValue = parsed.GetValue(code);
            var cliValue = parsed.GetValue(cli);
            if ((codeValue is null) == (cliValue is null))
            {
                throw new UsageException($"a {verificationMethod} report needs exactly one of --code or --cli: what the user received ({member.JsonName}).");
            }

            var request = ReportVerificationRequest.For(verificationMethod, (codeValue ?? cliValue)!);
            var client = connection.Client(parsed, context);
            var response = byId is not null
                ? await client.ReportVerificationByIdAsync(byId, request, cancellationToken).ConfigureAwait(false)
                : await client.ReportVerificationByIdentityAsync(byNumber!, request, cancellationToken).ConfigureAwait(false);
            Output.Print(context.Out, response, parsed.GetValue(connection.Json));
            return CliApp.Ok;
        });
        return command;
    }

    public static Command Status(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "the verification's id", HelpName = "ID" };
        var reference = new Option<string>("--reference") { Description = "the reference given to start", HelpName = "R" };
        var number = new Option<string>("--number") { Description = "the phone number (E.164); needs --method", HelpName = "N" };
        AcceptOnlyE164(number);
        var method = MethodOption();
        method.Required = false;
        var connection = new Connection();
        var command = new Command("status", "Read a verification's status; needs exactly one of --id, --reference or --number with --method.") { id, reference, number, method };
        connection.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var byId = parsed.GetValue(id);
            var byReference = parsed.GetValue(reference);
            var byNumber = parsed.GetValue(number);
            if ((byId is null ? 0 : 1) + (byReference is null ? 0 : 1) + (byNumber is null ? 0 : 1) != 1)
            {
                throw new UsageException("status needs exactly one of --id ID, --reference R or --number N --method M.");
            }

            var verificationMethod = byNumber is null ? null
                : Method(parsed.GetValue(method) ?? throw new UsageException("--method is required: status by number needs the method."));
            var client = connection.Client(parsed, context);
            var response = byId is not null ? await client.GetVerificationByIdAsync(byId, cancellationToken).ConfigureAwait(false)
                : byReference is not null ? await client.GetVerificationByReferenceAsync(byReference, cancellationToken).ConfigureAwait(false)
                : await client.GetVerificationByIdentityAsync(verificationMethod!, byNumber!, cancellationToken).ConfigureAwait(false);
            Output.Print(context.Out, response, parsed.GetValue(connection.Json));
            return CliApp.Ok;
        });
        return command;
    }

    // A malformed number is refused before any request, naming what the user typed rather than
    // the request member (identity.endpoint) it would become.
    private static void AcceptOnlyE164(Argument<string> number, string name) =>
        number.Validators.Add(result => E164(result.GetValueOrDefault<string>(), name, result.AddError));

    internal static void AcceptOnlyE164(Option<string> number) =>
        number.Validators.Add(result => E164(result.GetValueOrDefault<string>(), number.Name, result.AddError));

    private static void E164(string? value, string name, Action<string> addError)
    {
        if (!PhoneNumbers.IsE164(value))
        {
            addError($"{name} must be an E.164 number: '+' and 8 to 15 digits, e.g. +46700000001.");
        }
    }

    private static Option<string> MethodOption()
    {
        var method = new Option<string>("--method") { Description = MethodList, HelpName = "M", Required = true };
        method.AcceptOnlyFromAmong(Methods);
        return method;
    }

    // AcceptOnlyFromAmong has refused anything else with a usage error; this lookup refuses it again rather than pick a method.
    private static VerificationMethod Method(string text) =>
        VerificationMethod.KnownValues.FirstOrDefault(m => m.Value == text) ?? throw new UsageException($"unknown method '{text}': use one of {MethodList}.");

    /// <summary>The base URL of the API: flag first, then environment, then production.</summary>
    public static Uri BaseUrl(ParseResult parsed, Option<string> option, CliContext context)
    {
        var baseUrl = parsed.GetValue(option) ?? context.Environment("SINCH_VERIFICATION_BASE_URL") ?? VerificationClientOptions.ProductionBaseUrl;
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException("--base-url (or SINCH_VERIFICATION_BASE_URL) must be an absolute URL such as " + VerificationClientOptions.ProductionBaseUrl + ".");
    }

    public static Option<string> BaseUrlOption(string description) => new("--base-url") { Description = description, HelpName = "URL" };

    /// <summary>The connection options shared by the API commands: flags first, then environment.</summary>
    private sealed class Connection
    {
        public Option<string> BaseUrlFlag { get; } = BaseUrlOption($"the API's base URL; default $SINCH_VERIFICATION_BASE_URL, else production ({VerificationClientOptions.ProductionBaseUrl})");

        public Option<string> Key { get; } = new("--key") { Description = "the application key; default $SINCH_APPLICATION_KEY", HelpName = "K" };

        public Option<string> Secret { get; } = new("--secret") { Description = "the application secret (base64); default $SINCH_APPLICATION_SECRET, which keeps it out of the process list", HelpName = "S" };

        public Option<string> Auth { get; } = new Option<string>("--auth") { Description = "how requests are authenticated", HelpName = "signed|basic", DefaultValueFactory = _ => "signed" }.AcceptOnlyFromAmong("signed", "basic");

        public Option<bool> Json { get; } = new("--json") { Description = "print the API's JSON response (numbers masked) instead of key: value lines" };

        public void AddTo(Command command)
        {
            command.Options.Add(BaseUrlFlag);
            command.Options.Add(Key);
            command.Options.Add(Secret);
            command.Options.Add(Auth);
            command.Options.Add(Json);
        }

        public IVerificationClient Client(ParseResult parsed, CliContext context)
        {
            var options = new VerificationClientOptions
            {
                ApplicationKey = parsed.GetValue(Key) ?? context.Environment("SINCH_APPLICATION_KEY")
                    ?? throw new UsageException("the application key is missing: pass --key or set SINCH_APPLICATION_KEY."),
                ApplicationSecret = parsed.GetValue(Secret) ?? context.Environment("SINCH_APPLICATION_SECRET")
                    ?? throw new UsageException("the application secret is missing: pass --secret or set SINCH_APPLICATION_SECRET."),
                BaseUrl = BaseUrl(parsed, BaseUrlFlag, context),
                Authentication = parsed.GetValue(Auth) == "basic" ? VerificationAuthentication.Basic : VerificationAuthentication.Signed,
            };

            // Sinch's API and the emulator's both live under the production base URL's path
            // (/verification/v1); without it every call is a 404.
            var apiPath = new Uri(VerificationClientOptions.ProductionBaseUrl).AbsolutePath.TrimEnd('/');
            if (!options.BaseUrl.AbsolutePath.TrimEnd('/').EndsWith(apiPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Error.WriteLine($"warning: the base URL {CliApp.Shown(options.BaseUrl)} does not end in {apiPath}, where Sinch's API and the emulator's are; a 404 below may mean it is missing.");
            }
            return CliApp.CheckingSecret(() => context.ClientFactory(options));
        }
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
