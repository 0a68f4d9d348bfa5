using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Generated.Tests.Models;

/// <summary>
/// The open value sets are generated from the spec (KnownX schemas, build/templates/Enum.liquid):
/// these tests guard the generation step and the shape of the spec it relies on, and the
/// behaviour every set shares.
/// </summary>
[TestClass]
public sealed class OpenValueSetTests
{
    private static readonly Type[] OpenSetTypes = typeof(ExtensibleEnum).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && typeof(ExtensibleEnum).IsAssignableFrom(t))
        .ToArray();

    [TestMethod]
    public async Task Every_open_set_of_the_spec_is_generated_with_its_values_names_and_descriptions_in_order()
    {
        var schemas = (await SpecDocument.LoadAsync()).Components.Schemas;
        var known = schemas.Where(s => s.Key.StartsWith("Known", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(known.Select(s => s.Key.Substring("Known".Length)).ToList(), OpenSetTypes.Select(t => t.Name).ToList(), "KnownX schemas vs generated open sets");

        foreach (var (name, schema) in known)
        {
            var values = schema.Enumeration.Select(e => (string)e!).ToList();
            // NJsonSchema reads x-enumNames and x-enum-descriptions into these properties, as the generator does.
            var names = schema.EnumerationNames.ToList();
            var descriptions = schema.EnumerationDescriptions.ToList();
            Assert.HasCount(values.Count, names, $"{name}: x-enumNames must name every value, in the order of enum");
            Assert.HasCount(values.Count, descriptions, $"{name}: x-enum-descriptions must describe every value, in the order of enum");

            var type = OpenSetTypes.Single(t => "Known" + t.Name == name);
            var generated = ((IEnumerable<ExtensibleEnum>)type.GetProperty("KnownValues")!.GetValue(null)!).Select(v => v.Value).ToList();
            CollectionAssert.AreEqual(values, generated, type.Name);
            for (var i = 0; i < values.Count; i++)
            {
                var member = (ExtensibleEnum?)type.GetProperty(names[i], BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
                Assert.AreEqual(values[i], member?.Value, $"{type.Name}.{names[i]}");
            }

            // The wrapper X accepts any string besides the known ones.
            var wrapper = schemas[type.Name];
            Assert.HasCount(2, wrapper.AnyOf, type.Name);
            Assert.IsTrue(wrapper.AnyOf.Any(a => a.HasReference && a.Reference == schema), $"{type.Name} must be anyOf [Known{type.Name}, string]");
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
        var value = (ExtensibleEnum)JsonConvert.DeserializeObject("\"NEVER_SEEN_" + type.Name + "\"", type)!;
        Assert.AreEqual("NEVER_SEEN_" + type.Name, value.Value);
        Assert.IsFalse(value.IsKnown);
        Assert.AreEqual("\"NEVER_SEEN_" + type.Name + "\"", JsonConvert.SerializeObject(value));
    }

    [TestMethod]
    public void Known_values_read_as_their_shared_instance_and_compare_ignoring_case()
    {
        Assert.AreSame(VerificationMethod.FlashCall, JsonConvert.DeserializeObject<VerificationMethod>("\"flashcall\""));
        Assert.IsTrue(OpenSetTypes.All(t => ((IEnumerable<ExtensibleEnum>)t.GetProperty("KnownValues")!.GetValue(null)!).All(v => v.IsKnown)));
        var older = JsonConvert.DeserializeObject<VerificationMethod>("\"flashCall\"")!;
        Assert.AreEqual("flashCall", older.Value, "kept as sent");
        Assert.AreNotSame(VerificationMethod.FlashCall, older, "only the exact spelling is the shared instance");
        Assert.IsTrue(older == VerificationMethod.FlashCall);
        Assert.IsTrue(older.IsKnown);
        Assert.AreEqual(VerificationMethod.FlashCall.GetHashCode(), older.GetHashCode());
        Assert.IsFalse(VerificationStatus.Fail.Equals(SmsDeliveryResult.Failed), "different sets never compare equal");

        var status = VerificationStatus.Parse("successful");
        Assert.IsTrue(status == "SUCCESSFUL", "compares with a string, ignoring case");
        Assert.IsTrue(status != "FAIL");
        VerificationStatus? none = null;
        Assert.IsTrue(none == null);
        Assert.IsFalse(none == VerificationStatus.Pending);

        VerificationStatus fromString = "SUCCESSFUL";
        Assert.AreSame(VerificationStatus.Successful, fromString);
        Assert.ThrowsExactly<ArgumentNullException>(() => VerificationStatus.Parse(null!));
    }

    [TestMethod]
    public void A_value_of_another_json_type_is_kept_as_text_and_an_object_is_a_clear_error()
    {
        Assert.AreEqual("42", JsonConvert.DeserializeObject<VerificationStatus>("42")!.Value);
        var error = Assert.ThrowsExactly<JsonSerializationException>(() => JsonConvert.DeserializeObject<VerificationStatus>("{}"));
        StringAssert.Contains(error.Message, "Expected a string for VerificationStatus");
    }

    public static IEnumerable<object[]> OpenSets => OpenSetTypes.Select(t => new object[] { t });
}
