using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary><c>callout</c>: a call that speaks a 4-digit code.</summary>
internal sealed class CalloutBehaviour : MethodBehaviour
{
    // An emulated callout has no real call to time: one that was answered lasts this long.
    private const int AnsweredCalloutSeconds = 20;

    public CalloutBehaviour()
        : base(VerificationMethod.Callout)
    {
    }

    public override bool IsCall => true;

    public override string NewCode(StartVerificationRequest request) => Codes.Pin(null);

    public override (string? Code, TimeSpan? Expiry) Chosen(VerificationRequestEventResponse reply) => (reply.Callout?.Code, null);

    // What the call would say, digit by digit.
    public override OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt) =>
        new(start.Record.Id, Method, start.Record.Number, null, code, "Your verification code is " + string.Join(' ', code.ToCharArray()) + ".", $"call speaking a {code.Length}-digit code", sentAt);

    // Newer Sinch responses carry no callout object, and neither does this one.
    public override void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft)
    {
    }

    public override string Reported(ReportVerificationRequest report) => report.Callout!.Code;

    // Someone picked up and keyed in a code, right or wrong.
    public override int BillableSeconds(VerificationSnapshot snapshot) =>
        snapshot.Status == VerificationStatus.Successful || snapshot.Reason == VerificationReason.InvalidCode ? AnsweredCalloutSeconds : 0;
}
