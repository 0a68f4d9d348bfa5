using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// The outbox over HTTP. <b>Not part of Sinch's API</b> and not authenticated: it exists so
/// tests, demos and other languages can read what would have reached the phone. Described, with
/// the stats, in the emulator's own OpenAPI document (<see cref="DescriptionHandler"/>).
/// <list type="bullet">
/// <item><c>GET /emulator/outbox</c>: the messages held, oldest first, a page of
/// <c>?limit=</c> (<see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>) at a time; when
/// more follow, a <c>Link: &lt;…?cursor=…&gt;; rel="next"</c> header names the next page. Filter with
/// <c>?number=+46700000000</c> (the '+' may be sent as-is, as %2B or left out) and/or
/// <c>?method=</c> one of the methods (<c>sms</c>, <c>whatsapp</c>, …).</item>
/// <item><c>GET /emulator/outbox/{verificationId}</c>: the message of one verification, or
/// 404/40400 when nothing was sent for it or it was dropped.</item>
/// </list>
/// Each message: <c>{"verificationId","method","to","from"?,"code","text","summary","sentAt"}</c>, where
/// <c>code</c> is what to report (PIN, spoken code, or the flash call's calling number).
/// </summary>
internal sealed class OutboxHandler
{
    /// <summary>Where the outbox lives; outside <see cref="ApiHandler.Prefix"/> on purpose.</summary>
    public const string Prefix = "/emulator/outbox";

    /// <summary>Messages per page without <c>?limit=</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest <c>?limit=</c>: a page stays a bounded response.</summary>
    public const int MaxLimit = 1000;

    private readonly EmulatorOutbox _outbox;
    private readonly ILogger _logger;

    public OutboxHandler(EmulatorOutbox outbox, ILogger logger)
    {
        _outbox = outbox;
        _logger = logger;
    }

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, Execute);

    // The 404 of a verification the emulator sent nothing for (EmulatorOutboxClient tells it from
    // any other 404: a wrong URL, another server).
    internal const string NothingSent = "Outbox message";

    private Task<object> Execute(HttpContext context)
    {
        HttpExchange.GetOnly(context, "outbox");

        object result = HttpExchange.RouteSegments(context) switch
        {
            [] => List(context),
            [var id] => ToJson(_outbox.GetByVerificationId(id) ?? throw EmulatorApiException.NotFound(NothingSent)),
            _ => throw EmulatorApiException.NotFound("Resource"),
        };
        return Task.FromResult(result);
    }

    private JArray List(HttpContext context)
    {
        var query = context.Request.Query;
        var number = NormalizeNumber(query["number"].ToString());
        if (number.Length > 0 && !PhoneNumbers.IsE164(number))
        {
            throw EmulatorApiException.Validation("Invalid filter number: expected an E.164 number, '+' and 8 to 15 digits.");
        }

        // A filter that can never match is a mistake, not an empty outbox.
        var methodText = query["method"].ToString();
        var method = methodText.Length == 0 ? null : VerificationMethod.Parse(methodText);
        if (method is not null && !State.Methods.MethodBehaviours.All.Any(b => b.Method == method))
        {
            throw EmulatorApiException.Validation($"Invalid filter method: use one of {State.Methods.MethodBehaviours.Names}.");
        }

        var limitText = query["limit"].ToString();
        var limit = DefaultLimit;
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw EmulatorApiException.Validation($"Invalid limit: expected a whole number from 1 to {MaxLimit}.");
        }

        // The cursor is the sequence number of the last message of the previous page, so it stays
        // valid after that message was dropped: the listing goes on with the next one held.
        var cursorText = query["cursor"].ToString();
        long after = 0;
        if (cursorText.Length > 0 && !long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw EmulatorApiException.Validation("Invalid cursor: pass the cursor of a Link rel=\"next\" header as it was.");
        }

        var page = _outbox.Page(after, number.Length > 0 ? number : null, method, limit, out var more);
        if (more)
        {
            var next = $"{context.Request.PathBase}{Prefix}?limit={limit}&cursor={page[^1].Sequence.ToString(CultureInfo.InvariantCulture)}"
                + (number.Length > 0 ? "&number=" + Uri.EscapeDataString(number) : string.Empty)
                + (method is not null ? "&method=" + method.Value : string.Empty);
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return new JArray(page.Select(ToJson));
    }

    // In a query string '+' means a space, so "?number=+4670..." arrives as " 4670...".
    private static string NormalizeNumber(string number)
    {
        number = number.Trim();
        return number.Length > 0 && char.IsAsciiDigit(number[0]) ? "+" + number : number;
    }

    private static JObject ToJson(OutboxMessage message)
    {
        var json = new JObject
        {
            ["verificationId"] = message.VerificationId,
            ["method"] = message.Method.Value,
            ["to"] = message.To,
        };
        if (message.From is not null)
        {
            json["from"] = message.From;
        }

        json["code"] = message.Code;
        json["text"] = message.Text;
        json["summary"] = message.Summary;
        json["sentAt"] = ApplicationSigner.FormatTimestamp(message.SentAt);
        return json;
    }
}
