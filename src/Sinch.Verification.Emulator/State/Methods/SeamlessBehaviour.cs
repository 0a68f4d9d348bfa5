using System;
using System.Security.Cryptography;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary>
/// <c>seamless</c> (data verification): the start answers <c>seamless.targetUri</c>, served by the
/// emulator itself (<see cref="SeamlessHandler"/>); a GET on it completes the verification as the
/// mobile network would. A number whose last three digits are <c>403</c> stands for a destination
/// that cannot be verified so: its start is refused with 403/40300, as Sinch answers.
/// </summary>
internal sealed class SeamlessBehaviour : MethodBehaviour
{
    /// <summary>The ending of numbers that stand for destinations without data verification.</summary>
    public const string UnavailableSuffix = "403";

    public SeamlessBehaviour()
        : base(VerificationMethod.Seamless)
    {
    }

    // Sinch identifies the number from the network; nobody typed or intercepted anything.
    public override VerificationSource? SuccessSource => null;

    public override TimeSpan? CheckStart(StartVerificationRequest request) =>
        request.Identity.Endpoint.EndsWith(UnavailableSuffix, StringComparison.Ordinal)
            ? throw new EmulatorApiException(ErrorCodes.Forbidden, "Seamless verification not available for given destination.")
            : null;

    // The secret part of the target URI: only the phone that got it can complete the verification.
    public override string NewCode(StartVerificationRequest request) => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public override OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt)
    {
        var target = SeamlessHandler.TargetUri(start.HostBase, start.Record.Id, code);
        return new(start.Record.Id, Method, start.Record.Number, null, target, "Your app GETs " + target + " over mobile data.", "target URI to GET over mobile data", sentAt);
    }

    public override void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft) =>
        response.Seamless = new SeamlessStartDetails { TargetUri = new Uri(SeamlessHandler.TargetUri(start.HostBase, start.Record.Id, code)) };

    // The spec gives reports no seamless object, so the validator refuses a seamless report first.
    public override string Reported(ReportVerificationRequest report) =>
        throw EmulatorApiException.Validation("Invalid method: a seamless verification is completed by a GET on its seamless.targetUri, not by a report.");

    public override bool Matches(string reported, string code) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(reported), System.Text.Encoding.UTF8.GetBytes(code));
}
