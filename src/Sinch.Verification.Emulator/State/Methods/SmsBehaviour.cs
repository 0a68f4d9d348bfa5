using System;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary><c>sms</c>: a 4-character PIN in an SMS, text by <c>smsOptions.template</c> or the language of <c>Accept-Language</c>.</summary>
internal sealed class SmsBehaviour : MethodBehaviour
{
    public SmsBehaviour()
        : base(VerificationMethod.Sms)
    {
    }

    public override bool SendsSms => true;

    public override TimeSpan? CheckStart(StartVerificationRequest request)
    {
        if (request.SmsOptions?.Template is { } template && !template.Contains(SmsLanguages.CodePlaceholder, StringComparison.Ordinal))
        {
            throw EmulatorApiException.Validation($"Invalid parameter smsOptions.template: it must contain {SmsLanguages.CodePlaceholder}.");
        }

        // The schema's pattern has checked the format (HH:MM:SS); a zero expiry passes it, but no SMS could honour it.
        return request.SmsOptions?.Expiry is not { } text ? null
            : VerificationEngine.TryParseExpiry(text, out var expiry) ? expiry
            : throw EmulatorApiException.Validation("Invalid parameter smsOptions.expiry: it must be HH:MM:SS and longer than zero.");
    }

    public override string NewCode(StartVerificationRequest request) => Codes.Pin(request.SmsOptions?.CodeType);

    // The reply's code wins; otherwise its codeType picks the characters of a new one.
    public override (string? Code, TimeSpan? Expiry) Chosen(VerificationRequestEventResponse reply) =>
        (reply.Sms?.Code ?? (reply.Sms?.CodeType is { } codeType ? Codes.Pin(codeType) : null),
         VerificationEngine.TryParseExpiry(reply.Sms?.Expiry, out var expiry) ? expiry : null);

    public override OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt) =>
        new(start.Record.Id, Method, start.Record.Number, null, code, Template(start).Replace(SmsLanguages.CodePlaceholder, code, StringComparison.Ordinal), $"SMS with a {code.Length}-character code", sentAt);

    public override void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft) =>
        response.Sms = new SmsStartDetails { Template = Template(start), InterceptionTimeout = secondsLeft, CodeType = start.Reply?.Sms?.CodeType ?? start.Request.SmsOptions?.CodeType ?? SmsCodeType.Numeric };

    public override string Reported(ReportVerificationRequest report) => report.Sms!.Code;

    // The start's own template wins; otherwise the text of the language Accept-Language chose.
    private static string Template(StartContext start) =>
        start.Request.SmsOptions?.Template ?? (SmsLanguages.Choose(start.AcceptLanguage) ?? SmsLanguages.Default).Template;
}
