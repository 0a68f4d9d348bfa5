using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Sinch.Verification.Cli.Commands;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli;

/// <summary>Builds the command tree (System.CommandLine), runs a command line, and turns every failure into a message and an exit code.</summary>
internal static class CliApp
{
    /// <summary>Exit codes: 0 done, 1 the API answered with an error (or the demo failed), 2 bad usage or input, 3 no answer (network, timeout, port in use), 130 interrupted.</summary>
    public const int Ok = 0, ApiError = 1, BadInput = 2, NoAnswer = 3, Interrupted = 130;

    // Appended to every command's help: the contract scripts rely on.
    private const string Epilogue = """
        Exit codes:
          0    done
          1    the API answered with an error (HTTP status, errorCode and message on stderr)
          2    bad usage or input (a malformed number is refused before any request)
          3    no answer (network, timeout) or the port of --urls is in use
          130  interrupted (Ctrl+C or SIGTERM; how emulator and callbacks listen stop)

        Environment: SINCH_VERIFICATION_BASE_URL, SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET
        (flags win). Phone numbers are masked in all output; the secret is never printed.
        """;

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("sinch-verification: run Sinch verifications against the local emulator or Sinch, serve the emulator, read its outbox, receive callbacks.")
        {
            DemoCommand.Create(context),
            EmulatorCommand.Create(context),
            ApiCommands.Start(context),
            ApiCommands.Report(context),
            ApiCommands.Status(context),
            OutboxCommand.Create(context),
            CallbacksCommand.Create(context),
        };

        // The help option is recursive: replacing its action once adds the exit codes to every command's help.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);

        // The library prints the entry assembly's version; in-process (tests, hosting) that is not this tool.
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        // No command (or the old 'help' word) shows the overview, as before.
        if (args.Length == 0 || args is ["help"])
        {
            args = new[] { "--help" };
        }
        else if (args[0] == "help")
        {
            // 'help start' as before: the command's own help.
            args = args.Skip(1).Append("--help").ToArray();
        }

        // No response files: a value such as --custom @x is a value, not a file to read.
        var parsed = Build(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // Help and --version clear parse errors (e.g. a missing required option): only a real error is one.
        if (parsed.Action is ParseErrorAction)
        {
            // Our own report instead of the library's (exit 1 and full help): exit 2, one line per problem, numbers masked.
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync("error: " + LogText.Safe(error.Message)).ConfigureAwait(false);
            }

            foreach (var suggestion in parsed.UnmatchedTokens.Select(token => Suggest(token, parsed.CommandResult.Command)).OfType<string>().Distinct())
            {
                await context.Error.WriteLineAsync(suggestion).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"run 'sinch-verification {CommandPath(parsed)}--help' for usage.").ConfigureAwait(false);
            return BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = context.Out,
                    Error = context.Error,
                    EnableDefaultExceptionHandler = false, // the catch blocks below map exceptions to exit codes
                    ProcessTerminationTimeout = null, // Program.cs and the hosts handle Ctrl+C and SIGTERM
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync("error: " + LogText.Safe(e.Message)).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"run 'sinch-verification {CommandPath(parsed)}--help' for usage.").ConfigureAwait(false);
            return BadInput;
        }
        catch (ArgumentException e)
        {
            // The SDK's client-side validation (a number that is not E.164, an empty code, a bad secret).
            await context.Error.WriteLineAsync("error: " + LogText.Safe(OneLine(e))).ConfigureAwait(false);
            return BadInput;
        }
        catch (VerificationApiException e)
        {
            // The message already says HTTP status, errorCode and Sinch's message (numbers masked).
            await context.Error.WriteLineAsync("error: " + LogText.Safe(e.Message)).ConfigureAwait(false);
            return ApiError;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("error: no answer from the Sinch Verification API: " + LogText.Safe(e.Message)).ConfigureAwait(false);
            return NoAnswer;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C during an API call: the call did not complete.
            return Interrupted;
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or FormatException)
        {
            // Settings the hosting stack refused (e.g. a malformed --urls).
            await context.Error.WriteLineAsync("error: " + LogText.Safe(OneLine(e))).ConfigureAwait(false);
            return BadInput;
        }
        catch (System.IO.IOException e)
        {
            // Typically the port of --urls is already in use.
            await context.Error.WriteLineAsync("error: " + LogText.Safe(e.Message)).ConfigureAwait(false);
            return NoAnswer;
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync("error: " + LogText.Safe(e.Message)).ConfigureAwait(false);
            return ApiError;
        }
    }

    // "did you mean 'start'?" for a mistyped command or option of the command being parsed: the
    // names within two edits (insert, delete, change or swap a letter) or of which it is a prefix.
    private static string? Suggest(string token, Command command)
    {
        var names = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Append(o.Name)))
            .Distinct(StringComparer.Ordinal)
            .Where(name => name.StartsWith(token, StringComparison.OrdinalIgnoreCase) || Distance(token, name) <= 2)
            .OrderBy(name => Distance(token, name))
            .Take(3)
            .ToList();
        return names.Count == 0 || token.Length < 2 ? null : $"did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?";
    }

    // Optimal string alignment distance: edits that turn one word into the other, a swap of two
    // neighbouring letters counting as one (strat -> start).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    // Without ArgumentException's " (Parameter 'X')" (wrapped option failures repeat it): one line, once.
    private static string OneLine(Exception e) => e.MessageWithoutParameter().Split('\n')[0].TrimEnd();

    /// <summary>
    /// A URL for the console: without the credentials it may carry (<c>https://user:password@host/</c>)
    /// and its query, escaped, numbers masked.
    /// </summary>
    public static string Shown(Uri url) =>
        LogText.Safe(url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));

    /// <summary>Runs a settings check and names the setting to fix when it refuses the key or the secret.</summary>
    public static T CheckingSecret<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException e) when (e.Message.Contains("secret", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("application key", StringComparison.OrdinalIgnoreCase))
        {
            // One line naming the setting to fix, e.g. "--secret (or SINCH_APPLICATION_SECRET) is not usable: The application secret is not valid Base64."
            // The reason's own words say which one it is (the exception may name either parameter).
            var why = OneLine(e);
            why = why[(why.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].Trim();
            var setting = why.Contains("application key", StringComparison.OrdinalIgnoreCase) ? "--key (or SINCH_APPLICATION_KEY)" : "--secret (or SINCH_APPLICATION_SECRET)";
            throw new ArgumentException(setting + " is not usable: " + why);
        }
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new System.Collections.Generic.List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? string.Empty : string.Join(' ', names) + " ";
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(CliApp).Assembly.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            parseResult.InvocationConfiguration.Output.WriteLine(version.Split('+')[0]); // the package version, no commit hash
            return Ok;
        }
    }

    private sealed class HelpWithExitCodes(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            inner.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(Epilogue);
            return Ok;
        }
    }
}

/// <summary>Wrong usage of the command line; printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
