using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Sinch.Verification.Cli.Commands;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli;

/// <summary>Dispatches a command line to its command and turns every failure into a message and an exit code.</summary>
internal static class CliApp
{
    /// <summary>Exit codes: 0 done, 1 the API answered with an error (or the demo failed), 2 bad usage or input, 3 no answer (network, timeout, port in use), 130 interrupted.</summary>
    public const int Ok = 0, ApiError = 1, BadInput = 2, NoAnswer = 3, Interrupted = 130;

    public const string Usage = """
        sinch-verification — run Sinch verifications, locally or against Sinch

        usage:
          sinch-verification demo
              start the embedded emulator and run sms, flashcall and callout verifications end to end
          sinch-verification emulator --urls URL --key K [--secret S] [--callback-url URL]
              serve the emulator until stopped (Ctrl+C); its API is at URL/verification/v1
          sinch-verification start <sms|flashcall|callout> <number> [--reference R] [--custom C]
          sinch-verification report (--id ID | --number N) --method M (--code C | --cli CLI)
          sinch-verification status (--id ID | --reference R | --number N --method M)
              connection: --base-url URL  (or SINCH_VERIFICATION_BASE_URL; default production)
                          --key K         (or SINCH_APPLICATION_KEY)
                          --secret S      (or SINCH_APPLICATION_SECRET)
                          --auth signed|basic (default signed)    --json  raw JSON output
          sinch-verification callbacks listen --urls URL --key K [--secret S] [--path P] [--deny]
                                              [--sms-code CODE] [--max-age SECONDS]
              receive Sinch callbacks; prints one JSON line per accepted event

        emulator and callbacks listen also read the secret from SINCH_APPLICATION_SECRET (keeps it out of ps).
        Phone numbers are masked in all output; the secret is never printed.
        """;

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            var line = CommandLine.Parse(args);
            var command = line.Positional.Count > 0 ? line.Positional[0] : "help";
            return command switch
            {
                "demo" => await DemoCommand.RunAsync(line, context, cancellationToken).ConfigureAwait(false),
                "emulator" => await EmulatorCommand.RunAsync(line, context, cancellationToken).ConfigureAwait(false),
                "start" => await ApiCommands.StartAsync(line, context, cancellationToken).ConfigureAwait(false),
                "report" => await ApiCommands.ReportAsync(line, context, cancellationToken).ConfigureAwait(false),
                "status" => await ApiCommands.StatusAsync(line, context, cancellationToken).ConfigureAwait(false),
                "callbacks" when line.Positional.Count > 1 && line.Positional[1] == "listen" =>
                    await CallbacksCommand.ListenAsync(line, context, cancellationToken).ConfigureAwait(false),
                "help" or "--help" or "-h" => Help(context, Ok),
                _ => throw new UsageException($"unknown command '{PhoneNumbers.MaskAll(command)}'."),
            };
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            await context.Error.WriteLineAsync("run 'sinch-verification help' for usage.").ConfigureAwait(false);
            return BadInput;
        }
        catch (ArgumentException e)
        {
            // The SDK's client-side validation (a number that is not E.164, an empty code, bad options).
            await context.Error.WriteLineAsync("error: " + e.Message.Split(" (Parameter")[0]).ConfigureAwait(false);
            return BadInput;
        }
        catch (VerificationApiException e)
        {
            // The message already says HTTP status, errorCode and Sinch's message (numbers masked).
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ApiError;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("error: no answer from the Sinch Verification API: " + e.Message).ConfigureAwait(false);
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
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return BadInput;
        }
        catch (System.IO.IOException e)
        {
            // Typically the port of --urls is already in use.
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return NoAnswer;
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ApiError;
        }
    }

    private static int Help(CliContext context, int code)
    {
        context.Out.WriteLine(Usage);
        return code;
    }
}
