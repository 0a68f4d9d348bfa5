using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Callbacks;
using Sinch.Verification.Emulator.Diagnostics;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// What Sinch does with a verification, on already validated DTOs: start (ask the callback,
/// "send" to the outbox, abort the number's previous verification), report, read, expire. Knows
/// nothing about HTTP; errors are <see cref="EmulatorApiException"/>s.
/// </summary>
internal sealed class VerificationEngine
{
    private const string CodePlaceholder = SmsLanguages.CodePlaceholder;

    private readonly VerificationStore _store = new();
    private readonly EmulatorOutbox _outbox;
    private readonly CallbackSender? _callbacks;
    private readonly TimeProvider _time;
    private readonly TimeSpan _expiry;
    private readonly bool _terminationDebiting;
    private readonly ILogger _logger;

    public VerificationEngine(EmulatorOutbox outbox, CallbackSender? callbacks, TimeProvider time, TimeSpan expiry, ILogger logger, bool terminationDebiting = false)
    {
        _outbox = outbox;
        _callbacks = callbacks;
        _time = time;
        _expiry = expiry;
        _logger = logger;
        _terminationDebiting = terminationDebiting;
    }

    /// <param name="request">A validated start request with a supported method.</param>
    /// <param name="linkBase">The API base URL as the client reached it, for <c>_links</c>; null to omit them.</param>
    /// <param name="acceptLanguage">The start's <c>Accept-Language</c> header, or null without one.</param>
    public async Task<StartVerificationResponse> StartAsync(StartVerificationRequest request, string? linkBase, string? acceptLanguage = null)
    {
        var method = Validation.RequestValidator.RequireSupportedMethod(request.Method);
        var number = request.Identity.Endpoint;
        var now = _time.GetUtcNow();
        var smsCodeType = method == VerificationMethod.Sms ? request.SmsOptions?.CodeType : null;
        var expiry = _expiry;
        if (method == VerificationMethod.Sms && request.SmsOptions is { } smsOptions)
        {
            // Values the schema lets through but no SMS could honour are refused, not replaced.
            if (smsOptions.Expiry is { } text)
            {
                expiry = TryParseExpiry(text, out var chosen) ? chosen
                    : throw EmulatorApiException.Validation("Invalid parameter smsOptions.expiry: it must be HH:MM:SS and longer than zero.");
            }

            if (smsOptions.Template is { } template && !template.Contains(CodePlaceholder, StringComparison.Ordinal))
            {
                throw EmulatorApiException.Validation($"Invalid parameter smsOptions.template: it must contain {CodePlaceholder}.");
            }
        }

        var code = method == VerificationMethod.FlashCall ? Codes.FlashCallCli() : Codes.Pin(smsCodeType);

        var record = new VerificationRecord(Guid.NewGuid().ToString("D"), method, number, request.Reference, request.Custom, code, now + expiry);
        if (!_store.TryAdd(record, out var replaced))
        {
            throw new EmulatorApiException(ErrorCodes.ReferenceAlreadyDefined, "Reference already defined.");
        }

        Log.Started(_logger, method.Value, record.Id, PhoneNumbers.Mask(number));

        // Sinch keeps one live verification per number: a new start aborts the previous one.
        if (replaced is not null && replaced.TryComplete(VerificationStatus.Aborted, null, now, out var aborted))
        {
            OnEnded(replaced, aborted);
        }

        var decision = _callbacks is null
            ? new CallbackDecision(CallbackVerdict.Allow, null, null, "no callback URL")
            : await _callbacks.AskAsync(RequestEvent(record, acceptLanguage)).ConfigureAwait(false);

        if (decision.Verdict != CallbackVerdict.Allow)
        {
            var reason = decision.Verdict == CallbackVerdict.Deny ? VerificationReason.DeniedByCallback : VerificationReason.InvalidCallback;
            if (record.TryComplete(VerificationStatus.Denied, reason, _time.GetUtcNow(), out var denied))
            {
                // Nothing was sent and the backend already knows its own answer: no result event.
                _store.Ended(record);
                Log.Ended(_logger, record.Id, denied.Status.Value, denied.Reason?.Value);
            }

            return StartResponse(record, method, linkBase, details: null);
        }

        var chosenExpiry = decision.ChosenExpiry is { } e ? now + e : (DateTimeOffset?)null;
        var smsTemplate = SmsTemplate(request, acceptLanguage);
        if (record.TryDeliver(decision.ChosenCode, chosenExpiry, out var sent, out var expiresAt))
        {
            _outbox.Add(OutboxEntry(record, smsTemplate, sent));
        }

        var seconds = (int)Math.Clamp((expiresAt - now).TotalSeconds, 0, int.MaxValue);
        return StartResponse(record, method, linkBase, new Details(sent, seconds, smsCodeType ?? SmsCodeType.Numeric, smsTemplate));
    }

    public ReportVerificationResponse ReportById(string id, ReportVerificationRequest report) =>
        Report(_store.FindById(id) ?? throw EmulatorApiException.NotFound("Verification"), report);

    public ReportVerificationResponse ReportByIdentity(string number, ReportVerificationRequest report)
    {
        var method = Validation.RequestValidator.RequireSupportedMethod(report.Method);
        return Report(_store.FindByIdentity(method, number) ?? throw EmulatorApiException.NotFound("Verification"), report);
    }

    public VerificationStatusResponse GetById(string id) =>
        Status(_store.FindById(id) ?? throw EmulatorApiException.NotFound("Verification"));

    public VerificationStatusResponse GetByReference(string reference) =>
        Status(_store.FindByReference(reference) ?? throw EmulatorApiException.NotFound("Verification"));

    public VerificationStatusResponse GetByIdentity(VerificationMethod method, string number) =>
        Status(_store.FindByIdentity(method, number) ?? throw EmulatorApiException.NotFound("Verification"));

    /// <summary>Ends every pending verification whose time is up; called by the sweep timer so result events go out without a request.</summary>
    public void ExpireDue()
    {
        var now = _time.GetUtcNow();
        foreach (var record in _store.Pending)
        {
            Expire(record, now);
        }
    }

    private ReportVerificationResponse Report(VerificationRecord record, ReportVerificationRequest report)
    {
        if (Validation.RequestValidator.RequireSupportedMethod(report.Method) != record.Method)
        {
            throw EmulatorApiException.Validation($"Invalid method: this verification uses {record.Method.Value}.");
        }

        var reported = record.Method == VerificationMethod.Sms ? report.Sms!.Code
            : record.Method == VerificationMethod.Callout ? report.Callout!.Code
            : report.FlashCall!.Cli;

        if (record.Report(reported, _time.GetUtcNow(), out var snapshot))
        {
            OnEnded(record, snapshot);
        }

        return new ReportVerificationResponse
        {
            Id = snapshot.Id,
            Method = snapshot.Method,
            Status = snapshot.Status,
            Reason = snapshot.Reason,
            Reference = snapshot.Reference,
            Source = snapshot.Source,
            CallComplete = snapshot.CallComplete,
        };
    }

    private VerificationStatusResponse Status(VerificationRecord record)
    {
        var snapshot = Expire(record, _time.GetUtcNow());
        return new VerificationStatusResponse
        {
            Id = snapshot.Id,
            Method = snapshot.Method,
            Status = snapshot.Status,
            Reason = snapshot.Reason,
            Reference = snapshot.Reference,
            Identity = NumberIdentity(snapshot.Number),
            CountryId = CountryIds.Of(snapshot.Number),
            Source = snapshot.Source,
            Custom = snapshot.Custom,
            CallComplete = snapshot.CallComplete,
            Price = Pricing.Of(snapshot, _terminationDebiting),

            // Sinch's own format: UTC, 7 fractional digits, no offset.
            VerificationTimestamp = snapshot.CompletedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        };
    }

    private VerificationSnapshot Expire(VerificationRecord record, DateTimeOffset now)
    {
        if (record.TryExpire(now, out var snapshot))
        {
            OnEnded(record, snapshot);
        }

        return snapshot;
    }

    private void OnEnded(VerificationRecord record, VerificationSnapshot snapshot)
    {
        _store.Ended(record);
        Log.Ended(_logger, snapshot.Id, snapshot.Status.Value, snapshot.Reason?.Value);
        _callbacks?.Announce(new VerificationResultEvent
        {
            Id = snapshot.Id,
            Event = VerificationEventType.VerificationResultEvent,
            Method = snapshot.Method,
            Identity = NumberIdentity(snapshot.Number),
            Status = snapshot.Status,
            Reason = snapshot.Reason,
            Reference = snapshot.Reference,
            Source = snapshot.Source,
            Custom = snapshot.Custom,
        });
    }

    private OutboxMessage OutboxEntry(VerificationRecord record, string smsTemplate, string code)
    {
        var sentAt = _time.GetUtcNow();
        if (record.Method == VerificationMethod.FlashCall)
        {
            return new OutboxMessage(record.Id, record.Method, record.Number, code, code, "Missed call from " + code, sentAt);
        }

        if (record.Method == VerificationMethod.Callout)
        {
            // What the call would say, digit by digit.
            return new OutboxMessage(record.Id, record.Method, record.Number, null, code, "Your verification code is " + string.Join(' ', code.ToCharArray()) + ".", sentAt);
        }

        return new OutboxMessage(record.Id, record.Method, record.Number, null, code, smsTemplate.Replace(CodePlaceholder, code, StringComparison.Ordinal), sentAt);
    }

    // The start's own template wins; otherwise the text of the language Accept-Language chose.
    private static string SmsTemplate(StartVerificationRequest request, string? acceptLanguage) =>
        request.SmsOptions?.Template ?? (SmsLanguages.Choose(acceptLanguage) ?? SmsLanguages.Default).Template;

    private static VerificationRequestEvent RequestEvent(VerificationRecord record, string? acceptLanguage)
    {
        var requestEvent = new VerificationRequestEvent
        {
            Id = record.Id,
            Event = VerificationEventType.VerificationRequestEvent,
            Method = record.Method,
            Identity = NumberIdentity(record.Number),
            Price = Pricing.VerificationPrice(),
            Rate = Pricing.VerificationPrice(),
            Reference = record.Reference,
            Custom = record.Custom,
        };

        // Deprecated in the spec, still sent by Sinch: the languages the start asked for, most preferred first.
        if (SmsLanguages.Requested(acceptLanguage) is { Count: > 0 } requested)
        {
#pragma warning disable CS0612
            requestEvent.AcceptLanguage = new List<string>(requested);
#pragma warning restore CS0612
        }

        return requestEvent;
    }

    private static StartVerificationResponse StartResponse(VerificationRecord record, VerificationMethod method, string? linkBase, Details? details)
    {
        var response = new StartVerificationResponse { Id = record.Id, Method = method };
        if (linkBase is not null && Uri.TryCreate(linkBase + "/verifications/id/" + record.Id, UriKind.Absolute, out var href))
        {
            response.Links = new List<Link>
            {
                new() { Rel = "status", Href = href, Method = "GET" },
                new() { Rel = "report", Href = href, Method = "PUT" },
            };
        }

        if (details is null)
        {
            return response;
        }

        if (method == VerificationMethod.Sms)
        {
            response.Sms = new SmsStartDetails { Template = details.SmsTemplate, InterceptionTimeout = details.Seconds, CodeType = details.CodeType };
        }
        else if (method == VerificationMethod.FlashCall)
        {
            response.FlashCall = new FlashCallStartDetails
            {
                CliFilter = Codes.CliFilter(details.Code),
                InterceptionTimeout = details.Seconds,
                ReportTimeout = details.Seconds,
                DenyCallAfter = 0,
                CallId = Guid.NewGuid().ToString("D"),
            };
        }

        // Callout: newer Sinch responses carry no callout object, and neither does this one.
        return response;
    }

    // A fresh object each time: the DTOs are mutable and go to different serializers and callers.
    private static Identity NumberIdentity(string number) => new() { Type = IdentityType.Number, Endpoint = number };

    /// <summary>Reads an <c>HH:MM:SS</c> expiry (start options and callback replies); hours may exceed 23.</summary>
    internal static bool TryParseExpiry(string? text, out TimeSpan expiry)
    {
        expiry = default;
        if (text is not { Length: 8 } || text[2] != ':' || text[5] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        expiry = new TimeSpan(hours, minutes, seconds);
        return expiry > TimeSpan.Zero;
    }

    private sealed record Details(string Code, int Seconds, SmsCodeType CodeType, string SmsTemplate);
}
