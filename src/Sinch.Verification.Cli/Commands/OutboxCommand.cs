using System;
using System.CommandLine;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// <c>outbox [--id ID | --number N] [--method M]</c>: what a running emulator sent to phones
/// (<c>GET /emulator/outbox</c>, beside <c>/verification/v1</c> at the emulator's root).
/// </summary>
internal static class OutboxCommand
{
    private const string ApiPath = "/verification/v1";

    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "only the message of this verification (exit 1 if nothing was sent for it)", HelpName = "ID" };
        var number = new Option<string>("--number") { Description = "only messages to this number (E.164)", HelpName = "N" };
        var methods = VerificationMethod.KnownValues.Select(m => m.Value).ToArray();
        var method = new Option<string>("--method") { Description = "only messages of this method: " + string.Join(", ", methods), HelpName = "M" };
        method.AcceptOnlyFromAmong(methods);
        var baseUrl = ApiCommands.BaseUrlOption("the emulator's API base URL, e.g. http://127.0.0.1:5080/verification/v1; default $SINCH_VERIFICATION_BASE_URL");
        var json = new Option<bool>("--json") { Description = "print the outbox's JSON (numbers masked) instead of key: value lines" };
        var command = new Command(
            "outbox",
            "Show what a running emulator sent to phones, oldest first: verificationId, method, to, from, code (what completes it: the PIN, the spoken code, the calling number, or a seamless target URI), text, summary, sentAt.")
        {
            id, number, method, baseUrl, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var byId = parsed.GetValue(id);
            var byNumber = parsed.GetValue(number);
            if (byId is not null && (byNumber is not null || parsed.GetValue(method) is not null))
            {
                throw new UsageException("--id excludes --number and --method.");
            }

            if (byNumber is not null && !PhoneNumbers.IsE164(byNumber))
            {
                throw new UsageException("--number must be E.164: '+' and 8 to 15 digits.");
            }

            if (parsed.GetValue(baseUrl) is null && context.Environment("SINCH_VERIFICATION_BASE_URL") is null)
            {
                throw new UsageException("outbox reads a running emulator: pass --base-url or set SINCH_VERIFICATION_BASE_URL.");
            }

            var url = OutboxUrl(ApiCommands.BaseUrl(parsed, baseUrl, context));
            url = byId is not null ? $"{url}/{Uri.EscapeDataString(byId)}"
                : $"{url}?number={Uri.EscapeDataString(byNumber ?? string.Empty)}&method={parsed.GetValue(method)}";

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // The emulator answers errors in Sinch's shape: errorCode and message.
                var error = TryParse(body) as JObject;
                await context.Error.WriteLineAsync(
                    $"error: HTTP {(int)response.StatusCode} from the outbox: {LogText.Safe(((string?)error?["errorCode"] + " " + ((string?)error?["message"] ?? response.ReasonPhrase)).Trim())}").ConfigureAwait(false);
                return CliApp.ApiError;
            }

            // Names the outbox, not the URL asked: its query can hold the phone number.
            var messages = TryParse(body) ?? throw new InvalidOperationException("the outbox did not answer JSON; is --base-url (or SINCH_VERIFICATION_BASE_URL) an emulator?");
            Output.Print(context.Out, messages, parsed.GetValue(json));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The outbox lives at the emulator's root: the API base URL without <c>/verification/v1</c>.</summary>
    public static string OutboxUrl(Uri apiBaseUrl)
    {
        var root = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^ApiPath.Length];
        }

        return root + "/emulator/outbox";
    }

    private static JToken? TryParse(string body)
    {
        try
        {
            return JToken.Parse(body);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}
