using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Authentication;

/// <summary>
/// The spec's <c>x-sinch-signature</c> (the signing scheme as data, for other languages) says
/// what this SDK does: the C# constants and the spec cannot drift apart unnoticed.
/// </summary>
[TestClass]
public sealed class SignatureExtensionTests
{
    private static readonly JToken Extension =
        YamlJson.Load(TestPaths.Spec)["components"]!["securitySchemes"]!["ApplicationSigned"]!["x-sinch-signature"]!;

    [TestMethod]
    public void The_header_timestamp_and_skew_are_the_sdks()
    {
        Assert.AreEqual("Authorization", (string)Extension["header"]!["name"]!);
        Assert.AreEqual(CallbackValidator.AuthorizationHeader, (string)Extension["header"]!["name"]!);
        Assert.AreEqual(ApplicationSigner.Scheme, (string)Extension["header"]!["scheme"]!);
        Assert.AreEqual(ApplicationSigner.CallbackScheme, (string)Extension["header"]!["callbackScheme"]!);
        Assert.AreEqual("case-insensitive", (string)Extension["header"]!["schemeComparison"]!);
        Assert.AreEqual(ApplicationSigner.TimestampHeader, (string)Extension["timestamp"]!["header"]!);
        Assert.AreEqual((int)CallbackValidatorOptions.DefaultFreshnessWindow.TotalSeconds, (int)Extension["receiver"]!["maxClockSkewSeconds"]!);
        Assert.AreEqual("HMAC-SHA256", (string)Extension["hmac"]!["algorithm"]!);
    }

    [TestMethod]
    public void The_string_to_sign_has_the_five_fields_in_the_signers_order()
    {
        var fields = Extension["stringToSign"]!["fields"]!.Select(f => (string)f["name"]!).ToArray();

        CollectionAssert.AreEqual(new[] { "verb", "contentMd5", "contentType", "timestamp", "path" }, fields);
        Assert.AreEqual("\n", (string)Extension["stringToSign"]!["joiner"]!);
        Assert.AreEqual("x-timestamp:", (string)Extension["stringToSign"]!["fields"]![3]!["prefix"]!);
    }

    [TestMethod]
    public void The_vectors_it_names_are_beside_the_spec()
    {
        var vectors = (string)Extension["vectors"]!;

        Assert.AreEqual("signing-vectors.json", vectors);
        Assert.IsTrue(File.Exists(Path.Combine(TestPaths.RepoRoot, "spec", vectors)), "spec/" + vectors);
    }
}
