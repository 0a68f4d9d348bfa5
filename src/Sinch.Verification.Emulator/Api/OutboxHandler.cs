using System;
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
/// tests, demos and other languages can read what would have reached the phone.
/// <list type="bullet">
/// <item><c>GET /emulator/outbox</c>: every message, oldest first; filter with
/// <c>?number=+46700000000</c> (the '+' may be sent as-is, as %2B or left out) and/or
/// <c>?method=</c> one of the methods (<c>sms</c>, <c>whatsapp</c>, …).</item>
/// <item><c>GET /emulator/outbox/{verificationId}</c>: the message of one verification, or
/// 404/40400 when nothing was sent for it.</item>
/// </list>
/// Each message: <c>{"verificationId","method","to","from"?,"code","text","sentAt"}</c>, where
/// <c>code</c> is what to report (PIN, spoken code, or the flash call's calling number).
/// </summary>
internal sealed class OutboxHandler
{
    /// <summary>Where the outbox lives; outside <see cref="ApiHandler.Prefix"/> on purpose.</summary>
    public const string Prefix = "/emulator/outbox";

    private readonly EmulatorOutbox _outbox;
    private readonly ILogger _logger;

    public OutboxHandler(EmulatorOutbox outbox, ILogger logger)
    {
        _outbox = outbox;
        _logger = logger;
    }

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, Execute);

    private Task<object> Execute(HttpContext context)
    {
        HttpExchange.SetOperation(context, "outbox");
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw EmulatorApiException.MethodNotAllowed(HttpMethods.Get);
        }

        object result = HttpExchange.RouteSegments(context) switch
        {
            [] => List(context.Request.Query),
            [var id] => ToJson(_outbox.GetByVerificationId(id) ?? throw EmulatorApiException.NotFound("Outbox message")),
            _ => throw EmulatorApiException.NotFound("Resource"),
        };
        return Task.FromResult(result);
    }

    private JArray List(IQueryCollection query)
    {
        var number = NormalizeNumber(query["number"].ToString());
        if (number.Length > 0 && !PhoneNumbers.IsE164(number))
        {
            throw EmulatorApiException.Validation("Invalid filter number: expected an E.164 number, '+' and 8 to 15 digits.");
        }

        // A filter that can never match is a mistake, not an empty outbox.
        var method = query["method"].ToString();
        if (method.Length > 0 && !State.Methods.MethodBehaviours.All.Any(b => b.Method == VerificationMethod.Parse(method)))
        {
            throw EmulatorApiException.Validation($"Invalid filter method: use one of {State.Methods.MethodBehaviours.Names}.");
        }

        var messages = number.Length > 0 ? _outbox.GetByNumber(number) : _outbox.GetAll();
        var selected = method.Length == 0 ? messages : messages.Where(m => m.Method == VerificationMethod.Parse(method));
        return new JArray(selected.Select(ToJson));
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
