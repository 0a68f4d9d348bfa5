using System;
using System.CommandLine;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Cli.Commands;

/// <summary>
/// <c>outbox [--id ID | --number N] [--method M] [--limit L] [--cursor C]</c>: what a running
/// emulator sent to phones, a page at a time (<c>GET /emulator/outbox</c>, beside
/// <c>/verification/v1</c> at the emulator's root).
/// </summary>
internal static class OutboxCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "only the message of this verification (exit 1 if nothing was sent for it)", HelpName = "ID" };
        var number = new Option<string>("--number") { Description = "only messages to this number (E.164)", HelpName = "N" };
        ApiCommands.AcceptOnlyE164(number);
        var methods = VerificationMethod.KnownValues.Select(m => m.Value).ToArray();
        var method = new Option<string>("--method") { Description = "only messages of this method: " + string.Join(", ", methods), HelpName = "M" };
        method.AcceptOnlyFromAmong(methods);
        var baseUrl = ApiCommands.BaseUrlOption("the emulator's API base URL, e.g. http://127.0.0.1:5080/verification/v1; default $SINCH_VERIFICATION_BASE_URL");
        var json = new Option<bool>("--json") { Description = "print the outbox's JSON (numbers masked) instead of key: value lines" };
        var limit = new Option<int?>("--limit") { Description = $"messages per page; the emulator's default ({EmulatorOutboxClient.DefaultPageSize}) when absent, at most {EmulatorOutboxClient.MaxPageSize}", HelpName = "L" };
        var cursor = new Option<string>("--cursor") { Description = "where the page starts: the cursor printed on stderr under the page before", HelpName = "C" };
        var command = new Command(
            "outbox",
            "Show what a running emulator sent to phones and still holds, oldest first, a page at a time: verificationId, method, to, from, code (what completes it: the PIN, the spoken code, the calling number, or a seamless target URI), text, summary, sentAt. When more messages follow, stderr says which --cursor reads them.")
        {
            id, number, method, baseUrl, json, limit, cursor,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var byId = parsed.GetValue(id);
            var byNumber = parsed.GetValue(number);
            if (byId is not null && (byNumber is not null || parsed.GetValue(method) is not null || parsed.GetValue(limit) is not null || parsed.GetValue(cursor) is not null))
            {
                throw new UsageException("--id excludes --number, --method, --limit and --cursor.");
            }

            if (parsed.GetValue(limit) is < 1 or > EmulatorOutboxClient.MaxPageSize)
            {
                throw new UsageException($"--limit must be from 1 to {EmulatorOutboxClient.MaxPageSize}.");
            }

            if (parsed.GetValue(baseUrl) is null && context.Environment("SINCH_VERIFICATION_BASE_URL") is null)
            {
                throw new UsageException("outbox reads a running emulator: pass --base-url or set SINCH_VERIFICATION_BASE_URL.");
            }

            var url = OutboxUrl(ApiCommands.BaseUrl(parsed, baseUrl, context));
            url = byId is not null ? $"{url}/{Uri.EscapeDataString(byId)}"
                : $"{url}?number={Uri.EscapeDataString(byNumber ?? string.Empty)}&method={parsed.GetValue(method)}&limit={parsed.GetValue(limit)}&cursor={Uri.EscapeDataString(parsed.GetValue(cursor) ?? string.Empty)}";

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
            if (NextCursor(response) is { } next)
            {
                // On stderr, so that stdout stays the page alone (valid JSON with --json).
                await context.Error.WriteLineAsync($"more messages follow: add --cursor {LogText.Escape(next)}").ConfigureAwait(false);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The outbox lives at the emulator's root: the API base URL without <c>/verification/v1</c>.</summary>
    public static string OutboxUrl(Uri apiBaseUrl) => EmulatorOutboxClient.OutboxUrl(apiBaseUrl).ToString();

    /// <summary>The cursor of the emulator's <c>Link: &lt;…&amp;cursor=C…&gt;; rel="next"</c> header, or null on the last page.</summary>
    private static string? NextCursor(HttpResponseMessage response)
    {
        var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : string.Empty;
        var match = Regex.Match(link, @"[?&]cursor=([^&>]+)[^>]*>\s*;\s*rel=""next""");
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
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
