using System;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary>
/// How the emulator plays one verification method: what it sends, what the start answers, what
/// a report must carry, what it costs. Everything method-specific lives in the subclass of that
/// method, and <see cref="MethodBehaviours"/> lists them; the engine, the validator, pricing and
/// the callbacks ask the behaviour instead of comparing methods, so a method can never fall into
/// another's branch. Which member of a request or reply belongs to a method comes from the spec
/// (the generated <c>MethodMembers</c> tables); a subclass reads its own members by name.
/// </summary>
internal abstract class MethodBehaviour
{
    protected MethodBehaviour(VerificationMethod method) => Method = method;

    /// <summary>The canonical value (lower case, one of <see cref="VerificationMethod.KnownValues"/>).</summary>
    public VerificationMethod Method { get; }

    /// <summary>Whether the method places a call (call completion, termination debiting).</summary>
    public virtual bool IsCall => false;

    /// <summary>Whether the method sends an SMS (Content-Language, <c>VerificationSmsDeliveredEvent</c>).</summary>
    public virtual bool SendsSms => false;

    /// <summary>The reason of a wrong report.</summary>
    public virtual VerificationReason WrongAnswerReason => VerificationReason.InvalidCode;

    /// <summary>The source of a successful verification.</summary>
    public virtual VerificationSource? SuccessSource => VerificationSource.Manual;

    /// <summary>Refuses what the schema lets through but this method cannot honour (EmulatorApiException), and says how long the code lives when the start chose that.</summary>
    public virtual TimeSpan? CheckStart(StartVerificationRequest request) => null;

    /// <summary>A new code: what the user will report (or, for seamless, what the phone will present).</summary>
    public abstract string NewCode(StartVerificationRequest request);

    /// <summary>What an allowing callback reply chose for this method: a code (null to keep the emulator's) and an expiry.</summary>
    public virtual (string? Code, TimeSpan? Expiry) Chosen(VerificationRequestEventResponse reply) => (null, null);

    /// <summary>What reaches the phone.</summary>
    public abstract OutboxMessage Message(StartContext start, string code, DateTimeOffset sentAt);

    /// <summary>Sets this method's object of the start response.</summary>
    public abstract void Describe(StartVerificationResponse response, StartContext start, string code, int secondsLeft);

    /// <summary>The value a report of this method carries (its object was checked to be present by the validator).</summary>
    public abstract string Reported(ReportVerificationRequest report);

    /// <summary>Whether <paramref name="reported"/> verifies the code.</summary>
    public virtual bool Matches(string reported, string code) =>

        // Codes may be alphabetic, and Sinch does not make users care about letter case.
        string.Equals(reported.Trim(), code, StringComparison.OrdinalIgnoreCase);

    /// <summary>Billed seconds of the call of a verification in this state (termination debiting); 0 for no call.</summary>
    public virtual int BillableSeconds(VerificationSnapshot snapshot) => 0;
}

/// <summary>What a start knows besides the request: the verification, the base URL the client used, the start's Accept-Language, the callback's allowing reply.</summary>
internal sealed record StartContext(VerificationRecord Record, StartVerificationRequest Request, string HostBase, string? AcceptLanguage, VerificationRequestEventResponse? Reply = null);
