using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary><c>whatsapp</c>: a 4-character code in a WhatsApp message (<c>whatsappOptions.codeType</c>, or the callback's <c>whatsapp.codeType</c>).</summary>
internal sealed class WhatsAppBehaviour : MethodBehaviour
{
    public WhatsAppBehaviour()
        : base(VerificationMethod.WhatsApp)
    {
    }

    public override string NewCode(StartVerificationRequest request) => Codes.Pin(request.WhatsAppOptions?.CodeType);

    // The reply cannot choose the code itself, only its characters.
    public override (string? Code, TimeSpan? Expiry) Chosen(VerificationRequestEventResponse reply) =>
        (reply.WhatsApp?.CodeType is { } codeType ? Codes.Pin(codeType) : null, null);

    public override OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt) =>
        new(start.Record.Id, Method, start.Record.Number, null, code, $"Your verification code is {code}. Do not share it.", $"WhatsApp message with a {code.Length}-character code", sentAt);

    public override void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft) =>
        response.WhatsApp = new WhatsAppStartDetails { CodeType = start.Reply?.WhatsApp?.CodeType ?? start.Request.WhatsAppOptions?.CodeType ?? SmsCodeType.Numeric };

    public override string Reported(ReportVerificationRequest report) => report.WhatsApp!.Code;
}
