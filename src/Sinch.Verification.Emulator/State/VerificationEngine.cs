using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Callbacks;
using Sinch.Verification.Emulator.Diagnostics;
using Sinch.Verification.Emulator.State.Methods;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// What Sinch does with a verification, on already validated DTOs: start (ask the callback,
/// "send" to the outbox, abort the number's previous verification), report, read, expire. Knows
/// nothing about HTTP; errors are <see cref="EmulatorApiException"/>s.
/// </summary>
internal sealed class VerificationEngine
{
    private readonly VerificationStore _store;
    private readonly Retention _retention;
    private readonly EmulatorOutbox _outbox;
    private readonly CallbackSender? _callbacks;
    private readonly TimeProvider _time;
    private readonly TimeSpan _expiry;
    private readonly bool _terminationDebiting;
    private readonly bool _smsDeliveredEvents;
    private readonly ILogger _logger;

    public VerificationEngine(VerificationStore store, Retention retention, EmulatorOutbox outbox, CallbackSender? callbacks, TimeProvider time, TimeSpan expiry, ILogger logger, bool terminationDebiting = false, bool smsDeliveredEvents = false)
    {
        _store = store;
        _retention = retention;
        _smsDeliveredEvents = smsDeliveredEvents;
        _outbox = outbox;
        _callbacks = callbacks;
        _time = time;
        _expiry = expiry;
        _logger = logger;
        _terminationDebiting = terminationDebiting;
    }

    /// <param name="request">A validated start request.</param>
    /// <param name="hostBase">The scheme, host and path base the client used (<c>http://127.0.0.1:5080</c>), for <c>_links</c> and seamless target URIs; null when unknown.</param>
    /// <param name="acceptLanguage">The start's <c>Accept-Language</c> header, or null without one.</param>
    public async Task<StartVerificationResponse> StartAsync(StartVerificationRequest request, string? hostBase, string? acceptLanguage = null)
    {
        var behaviour = MethodBehaviours.Of(request.Method);
        var number = request.Identity.Endpoint;
        var now = _time.GetUtcNow();

        // Values the schema lets through but the method cannot honour are refused, not replaced.
        var expiry = behaviour.CheckStart(request) ?? _expiry;
        var record = new VerificationRecord(Guid.NewGuid().ToString("D"), behaviour, number, request.Reference, request.Custom, behaviour.NewCode(request), now + expiry);
        if (!_store.TryAdd(record, out var replaced))
        {
            throw new EmulatorApiException(ErrorCodes.ReferenceAlreadyDefined, "Reference already defined.");
        }

        Log.Started(_logger, behaviour.Method.Value, record.Id, PhoneNumbers.Mask(number));

        // Sinch keeps one live verification per number: a new start aborts the previous one.
        if (replaced is not null && replaced.TryComplete(VerificationStatus.Aborted, null, now, out var aborted))
        {
            OnEnded(replaced, aborted);
        }

        var decision = _callbacks is null
            ? new CallbackDecision(CallbackVerdict.Allow, null, "no callback URL")
            : await _callbacks.AskAsync(RequestEvent(record, acceptLanguage)).ConfigureAwait(false);

        var start = new StartContext(record, request, hostBase ?? "http://localhost", acceptLanguage);
        if (decision.Verdict != CallbackVerdict.Allow)
        {
            var reason = decision.Verdict == CallbackVerdict.Deny ? VerificationReason.DeniedByCallback : VerificationReason.InvalidCallback;
            if (record.TryComplete(VerificationStatus.Denied, reason, _time.GetUtcNow(), out var denied))
            {
                // Nothing was sent and the backend already knows its own answer: no result event.
                Ended(record);
                Log.Ended(_logger, record.Id, denied.Status.Value, denied.Reason?.Value);
            }

            return StartResponse(start, hostBase, code: null, secondsLeft: 0);
        }

        // Only the object of the verification's own method in the reply counts.
        var (chosenCode, chosenExpiry) = decision.Reply is { } reply ? behaviour.Chosen(reply) : (null, null);
        start = start with { Reply = decision.Reply };
        // A blank code in the reply chooses nothing: the emulator's own code goes out.
        var delivered = record.TryDeliver(string.IsNullOrWhiteSpace(chosenCode) ? null : chosenCode.Trim(), chosenExpiry is { } e ? now + e : null,
            code => _outbox.Add(behaviour.Message(start, code, _time.GetUtcNow())), out var sent, out var expiresAt);
        if (delivered)
        {
            if (behaviour.SendsSms && _smsDeliveredEvents)
            {
                _callbacks?.Announce(SmsDeliveredEvent(record));
            }
        }

        var seconds = (int)Math.Clamp((expiresAt - now).TotalSeconds, 0, int.MaxValue);
        return StartResponse(start, hostBase, sent, seconds);
    }

    /// <summary>
    /// A GET on a seamless verification's target URI: the phone presents <paramref name="token"/>
    /// over its data connection, and the verification ends SUCCESSFUL. A wrong token, or an id
    /// of another method, is 404/40400 and changes nothing; a later GET answers the final state.
    /// </summary>
    public ReportVerificationResponse ConfirmSeamless(string id, string token)
    {
        var record = _store.FindById(id);
        if (record is null || record.Method != VerificationMethod.Seamless || !record.TryConfirm(token, _time.GetUtcNow(), out var changed, out var snapshot))
        {
            throw EmulatorApiException.NotFound("Seamless verification");
        }

        if (changed)
        {
            OnEnded(record, snapshot);
        }

        return ReportResponse(snapshot);
    }

    public ReportVerificationResponse ReportById(string id, ReportVerificationRequest report) =>
        Report(_store.FindById(id) ?? throw EmulatorApiException.NotFound("Verification"), report);

    public ReportVerificationResponse ReportByIdentity(string number, ReportVerificationRequest report) =>
        Report(_store.FindByIdentity(MethodBehaviours.Of(report.Method).Method, number) ?? throw EmulatorApiException.NotFound("Verification"), report);

    public VerificationStatusResponse GetById(string id) =>
        Status(_store.FindById(id) ?? throw EmulatorApiException.NotFound("Verification"));

    public VerificationStatusResponse GetByReference(string reference) =>
        Status(_store.FindByReference(reference) ?? throw EmulatorApiException.NotFound("Verification"));

    public VerificationStatusResponse GetByIdentity(VerificationMethod method, string number) =>
        Status(_store.FindByIdentity(method, number) ?? throw EmulatorApiException.NotFound("Verification"));

    /// <summary>
    /// Ends every pending verification whose time is up and drops what retention says is due;
    /// called by the sweep timer, so result events go out and memory is released without a request.
    /// </summary>
    public void ExpireDue()
    {
        var now = _time.GetUtcNow();
        foreach (var record in _store.Pending)
        {
            Expire(record, now);
        }

        _retention.DropDue();
    }

    private ReportVerificationResponse Report(VerificationRecord record, ReportVerificationRequest report)
    {
        var behaviour = MethodBehaviours.Of(report.Method);
        if (behaviour != record.Behaviour)
        {
            throw EmulatorApiException.Validation($"Invalid method: this verification uses {record.Method.Value}.");
        }

        if (record.Report(behaviour.Reported(report), _time.GetUtcNow(), out var snapshot))
        {
            OnEnded(record, snapshot);
        }

        return ReportResponse(snapshot);
    }

    private static ReportVerificationResponse ReportResponse(VerificationSnapshot snapshot) => new()
    {
        Id = snapshot.Id,
        Method = snapshot.Method,
        Status = snapshot.Status,
        Reason = snapshot.Reason,
        Reference = snapshot.Reference,
        Source = snapshot.Source,
        CallComplete = snapshot.CallComplete,
    };

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

    private void Ended(VerificationRecord record)
    {
        _store.Ended(record);
        _retention.Ended(record);
    }

    private void OnEnded(VerificationRecord record, VerificationSnapshot snapshot)
    {
        Ended(record);
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

    private static VerificationSmsDeliveredEvent SmsDeliveredEvent(VerificationRecord record) => new()
    {
        Id = record.Id,
        Event = VerificationEventType.VerificationSmsDeliveredEvent,
        Method = record.Method,
        Identity = NumberIdentity(record.Number),
        Reference = record.Reference,
        Custom = record.Custom,
        SmsResult = SmsDeliveryResult.Successful,
    };

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

    private static StartVerificationResponse StartResponse(StartContext start, string? hostBase, string? code, int secondsLeft)
    {
        var record = start.Record;
        var response = new StartVerificationResponse { Id = record.Id, Method = record.Method };
        if (hostBase is not null && Uri.TryCreate(hostBase + ApiHandler.Prefix + "/verifications/id/" + record.Id, UriKind.Absolute, out var href))
        {
            response.Links = new List<Link>
            {
                new() { Rel = "status", Href = href, Method = "GET" },
                new() { Rel = "report", Href = href, Method = "PUT" },
            };
        }

        // A denied start has sent nothing, and says nothing about it.
        if (code is not null)
        {
            record.Behaviour.Describe(response, start, code, secondsLeft);
        }

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

}
