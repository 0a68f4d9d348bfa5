using System.Linq;
using Sinch.Verification.Emulator.State.Methods;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The emulator plays every method the spec knows (<see cref="VerificationMethod.KnownValues"/>,
/// generated from <c>KnownVerificationMethod</c>), and only those: a method added to the spec
/// fails here by name until it has its <see cref="MethodBehaviour"/>.
/// </summary>
[TestClass]
public sealed class MethodCoverageTests
{
    private const string Where = "implement it as one MethodBehaviour subclass in src/Sinch.Verification.Emulator/State/Methods/ and list it in MethodBehaviours.All";

    [TestMethod]
    public void Every_method_of_the_spec_has_a_MethodBehaviour()
    {
        var played = MethodBehaviours.All.Select(b => b.Method).ToList();

        var missing = VerificationMethod.KnownValues.Where(m => !played.Contains(m)).Select(m => m.Value).ToList();

        Assert.IsEmpty(missing, $"the spec's method(s) {string.Join(", ", missing)} have no behaviour in the emulator: {Where}.");
    }

    [TestMethod]
    public void Every_MethodBehaviour_plays_a_method_of_the_spec_once_and_by_its_canonical_value()
    {
        var unknown = MethodBehaviours.All.Where(b => !VerificationMethod.KnownValues.Contains(b.Method)).Select(b => $"{b.Method.Value} ({b.GetType().Name})").ToList();
        var twice = MethodBehaviours.All.GroupBy(b => b.Method).Where(g => g.Count() > 1).Select(g => g.Key.Value).ToList();

        Assert.IsEmpty(unknown, $"MethodBehaviours.All plays {string.Join(", ", unknown)}, which the spec's KnownVerificationMethod does not list: add the method to the spec first (spec/sinch-verification.yaml, decision 9), or remove the behaviour.");
        Assert.IsEmpty(twice, $"MethodBehaviours.All lists more than one behaviour for {string.Join(", ", twice)}: {Where}, once.");
        foreach (var behaviour in MethodBehaviours.All)
        {
            // The value the emulator writes in responses and events: the spec's spelling, not another case.
            var canonical = VerificationMethod.KnownValues.Single(m => m == behaviour.Method).Value;
            Assert.AreEqual(canonical, behaviour.Method.Value, $"{behaviour.GetType().Name} names its method '{behaviour.Method.Value}'; the spec spells it '{canonical}'.");
        }
    }
}
