using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Generated.Tests.Diagnostics;

[TestClass]
public sealed class VerificationOperationTests
{
    // The table is generated; this guards the generation step (template and x-sinch-retry-safe), not a hand copy.
    [TestMethod]
    public async Task The_operation_table_has_one_row_per_operation_of_the_spec_with_its_verb_path_and_retry_safety()
    {
        var document = await SpecDocument.LoadAsync();
        var spec = (from path in document.Paths
                    from operation in path.Value
                    select (Id: operation.Value.OperationId, Verb: operation.Key.ToUpperInvariant(), Path: path.Key,
                            RetrySafe: operation.Value.ExtensionData?.TryGetValue("x-sinch-retry-safe", out var flag) == true ? flag : null)).ToList();

        CollectionAssert.AreEquivalent(spec.Select(o => o.Id).ToList(), VerificationOperation.All.Select(o => o.Name).ToList());
        foreach (var (id, verb, path, retrySafe) in spec)
        {
            Assert.IsInstanceOfType<bool>(retrySafe, $"{id}: the spec must say x-sinch-retry-safe: true or false");
            var row = VerificationOperation.All.Single(o => o.Name == id);
            Assert.AreEqual(verb, row.Method.Method, id);
            Assert.AreEqual(path, row.PathTemplate, id);
            Assert.AreEqual((bool)retrySafe!, row.RetrySafe, id);
            Assert.AreEqual("Sinch Verification " + id, row.ActivityName, id);

            // Independent of the flag: a write repeated after a 5xx may send a second SMS or count a
            // second attempt. Marking one retry-safe needs an argument, and this line changed with it.
            Assert.IsTrue(verb is "GET" or "HEAD" || !row.RetrySafe, $"{id} is a {verb}: x-sinch-retry-safe must be false");
        }
    }

    [TestMethod]
    public void A_request_not_made_by_a_generated_method_is_unknown()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://host/verification/v1/verifications/id/abc");
        Assert.AreSame(VerificationOperation.Unknown, VerificationOperation.Of(request));

        using var generated = new VerificationRequestMessage(VerificationOperation.GetVerificationById);
        Assert.AreSame(VerificationOperation.GetVerificationById, VerificationOperation.Of(generated));
    }
}
