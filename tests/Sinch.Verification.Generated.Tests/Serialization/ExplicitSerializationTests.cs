using System;
using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Serialization;

/// <summary>
/// Serializing is only serializing: requests are checked as an explicit step before their body
/// is built, and unknown members are read through what the generated classes expose on purpose
/// (IExtensionData), not through a private field found by reflection.
/// </summary>
[TestClass]
public sealed class ExplicitSerializationTests
{
    [TestMethod]
    public async Task A_request_is_checked_before_its_body_is_built_and_serializing_alone_checks_nothing()
    {
        var invalid = StartVerificationRequest.ForSms("0700000000");
        var api = new RecordingApi();

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => api.Client.StartVerificationAsync(invalid));
        Assert.IsEmpty(api.Requests);
        StringAssert.Contains(VerificationJson.Serialize(invalid), "\"endpoint\":\"0700000000\"", "VerificationJson.Serialize has no side effect");
    }

    [TestMethod]
    public void Every_generated_class_that_keeps_unknown_members_exposes_them_through_IExtensionData()
    {
        var keeping = typeof(VerificationClient).Assembly.GetExportedTypes()
            .Where(t => t.GetProperty("AdditionalProperties") is not null)
            .ToList();

        Assert.IsGreaterThan(20, keeping.Count);
        var missing = keeping.Where(t => !typeof(IExtensionData).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.IsEmpty(missing, "build/templates/Class.liquid SINCH (5) must implement IExtensionData on: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void Serializing_a_generated_object_without_unknown_members_creates_no_dictionary_and_one_with_them_writes_them()
    {
        var request = StartVerificationRequest.ForSms("+46700000000");

        VerificationJson.Serialize(request);
        Assert.IsNull(((IExtensionData)request).ExtensionDataOrNull, "writing must not create the AdditionalProperties dictionary");
        Assert.IsNull(((IExtensionData)request.Identity).ExtensionDataOrNull);

        request.AdditionalProperties["locale"] = "sv-SE";
        StringAssert.Contains(VerificationJson.Serialize(request), "\"locale\":\"sv-SE\"");
    }
}
