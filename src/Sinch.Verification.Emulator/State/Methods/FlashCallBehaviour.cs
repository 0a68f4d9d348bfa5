using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary><c>flashcall</c>: a missed call whose calling number is the code; the report carries that full number.</summary>
internal sealed class FlashCallBehaviour : MethodBehaviour
{
    public FlashCallBehaviour()
        : base(VerificationMethod.FlashCall)
    {
    }

    public override bool IsCall => true;

    public override VerificationReason WrongAnswerReason => VerificationReason.InvalidCli;

    public override string NewCode(StartVerificationRequest request) => Codes.FlashCallCli();

    public override (string? Code, TimeSpan? Expiry) Chosen(VerificationRequestEventResponse reply) => (reply.FlashCall?.Cli, null);

    public override OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt) =>
        new(start.Record.Id, Method, start.Record.Number, code, code, "Missed call from " + code, "missed call from " + PhoneNumbers.Mask(code), sentAt);

    public override void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft) =>
        response.FlashCall = new FlashCallStartDetails
        {
            CliFilter = Codes.CliFilter(code),
            InterceptionTimeout = secondsLeft,
            ReportTimeout = secondsLeft,
            DenyCallAfter = 0,
            CallId = Guid.NewGuid().ToString("D"),
        };

    public override string Reported(ReportVerificationRequest report) => report.FlashCall!.Cli;

    // Verified by the exact calling number.
    public override bool Matches(string reported, string code) => string.Equals(reported.Trim(), code, StringComparison.Ordinal);
}
