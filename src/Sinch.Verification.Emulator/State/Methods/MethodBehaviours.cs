using System.Collections.Generic;
using System.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State.Methods;

/// <summary>
/// The methods the emulator plays, one <see cref="MethodBehaviour"/> each. A method the spec
/// knows but this list lacks fails a test that names it (MethodCoverageTests); a method nobody
/// knows is refused with 400/40001 listing these.
/// </summary>
internal static class MethodBehaviours
{
    public static IReadOnlyList<MethodBehaviour> All { get; } = new MethodBehaviour[]
    {
        new SmsBehaviour(),
        new FlashCallBehaviour(),
        new CalloutBehaviour(),
        new WhatsAppBehaviour(),
        new SeamlessBehaviour(),
    };

    /// <summary>The supported methods, for messages: <c>sms, flashcall, …</c>.</summary>
    public static string Names { get; } = string.Join(", ", All.Select(b => b.Method.Value));

    /// <summary>The behaviour of <paramref name="method"/>; any other is 400/40001 naming the supported ones.</summary>
    public static MethodBehaviour Of(VerificationMethod? method) =>
        All.FirstOrDefault(b => b.Method == method)
        ?? throw EmulatorApiException.Validation($"Invalid method: the emulator supports {Names}.");
}
