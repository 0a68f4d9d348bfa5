using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Generated.Tests.Models;

/// <summary>
/// The hand-written open value sets and the spec agree: same names, same known values, and
/// every DTO property whose schema is an open set uses the tolerant type.
/// </summary>
[TestClass]
public sealed class OpenValueSetTests
{
    private static readonly Type[] OpenSetTypes = typeof(ExtensibleEnum).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && typeof(ExtensibleEnum).IsAssignableFrom(t))
        .ToArray();

    [TestMethod]
    public async Task Every_open_set_of_the_spec_has_a_type_with_the_same_known_values()
    {
        var document = await SpecDocument.LoadAsync();
        var specSets = document.Components.Schemas
            .Where(s => s.Value.AnyOf.Count == 2 && s.Value.AnyOf.Any(a => a.Enumeration.Count > 0))
            .ToDictionary(s => s.Key, s => s.Value.AnyOf.Single(a => a.Enumeration.Count > 0).Enumeration.Select(e => (string)e!).ToList());

        CollectionAssert.AreEquivalent(specSets.Keys.ToList(), OpenSetTypes.Select(t => t.Name).ToList(), "open sets in the spec vs ExtensibleEnum types");
        foreach (var type in OpenSetTypes)
        {
            var known = ((IEnumerable<ExtensibleEnum>)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!.GetValue(null)!)
                .Select(v => v.Value).ToList();
            CollectionAssert.AreEqual(specSets[type.Name], known, type.Name);
        }
    }

    [TestMethod]
    public void No_generated_dto_uses_a_closed_enum_for_an_open_set()
    {
        // VerificationAction (allow/deny) is the one closed set, on purpose: anything else is an invalid callback answer.
        var generatedEnums = typeof(ExtensibleEnum).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>() is not null)
            .Select(t => t.Name)
            .ToList();
        CollectionAssert.AreEquivalent(new[] { "VerificationAction" }, generatedEnums);
    }

    [TestMethod]
    [DynamicData(nameof(OpenSets))]
    public void Every_open_set_reads_an_unknown_value_without_throwing(Type type)
    {
        var value = (ExtensibleEnum)Newtonsoft.Json.JsonConvert.DeserializeObject("\"NEVER_SEEN_" + type.Name + "\"", type)!;
        Assert.AreEqual("NEVER_SEEN_" + type.Name, value.Value);
        Assert.IsFalse(value.IsKnown);
    }

    public static IEnumerable<object[]> OpenSets => OpenSetTypes.Select(t => new object[] { t });
}
