using Sinch.Verification.SpecCheck;
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
        YamlToJson.Load(TestPaths.Spec)["components"]!["securitySchemes"]!["ApplicationSigned"]!["x-sinch-signature"]!;

    [TestMethod]
    public void The_header_timestamp_and_skew_are_the_sdks()
    {
        Assert.AreEqual("Authorization", (string)Extension["header"]!["name"]!);
        Assert.AreEqual(CallbackValidator.AuthorizationHeader, (string)Extension["header"]!["name"]!);
        Assert.AreEqual(ApplicationSigner.Scheme, (string)Extension["header"]!["scheme"]!);
        Assert.AreEqual(ApplicationSigner.CallbackScheme, (string)Extension["header"]!["callbackScheme"]!);
        Assert.AreEqual("ASCII case-insensitive", (string)Extension["header"]!["schemeComparison"]!);
        StringAssert.StartsWith((string)Extension["header"]!["keyComparison"]!, "exact");
        Assert.AreEqual(100, (int)Extension["receiver"]!["skewPrecisionNanoseconds"]!, "ApplicationSigner keeps 7 fractional digits: 100 ns");
        CollectionAssert.AreEqual(new[] { " ", "\t" }, Extension["headerValues"]!["trim"]!.Select(t => (string)t!).ToArray());
        Assert.AreEqual(ApplicationSigner.TimestampHeader, (string)Extension["timestamp"]!["header"]!);
        Assert.AreEqual((int)CallbackValidatorOptions.DefaultFreshnessWindow.TotalSeconds, (int)Extension["receiver"]!["maxClockSkewSeconds"]!);
        Assert.AreEqual("HMAC-SHA256", (string)Extension["hmac"]!["algorithm"]!);
    }

    [TestMethod]
    public void The_signer_reads_timestamps_by_the_spec_pattern()
    {
        Assert.AreEqual(ApplicationSigner.TimestampPattern, (string)Extension["timestamp"]!["pattern"]!);
    }

    // The spec's pattern is what another language implements; the SDK's one parser must agree with
    // it on every shape (field ranges aside, which a pattern cannot state: month 13 is refused too).
    [TestMethod]
    [DataRow("2014-06-04T13:41:58Z")]
    [DataRow("2014-06-04T13:41:58")]
    [DataRow("2014-06-04T13:41:58.1Z")]
    [DataRow("2014-06-04T13:41:58.123456789Z")]
    [DataRow("2014-06-04T13:41:58.1234567890Z")]
    [DataRow("2014-06-04T13:41:58.Z")]
    [DataRow("2014-06-04T13:41:58+02:00")]
    [DataRow("2014-06-04T13:41:58.5-05:30")]
    [DataRow("2014-06-04t13:41:58Z")]
    [DataRow("2014-06-04T13:41:58z")]
    [DataRow("2014-06-04 13:41:58Z")]
    [DataRow("2014-06-04T13:41Z")]
    [DataRow("2014-6-04T13:41:58Z")]
    [DataRow("2014-06-04T13:41:58+0200")]
    [DataRow(" 2014-06-04T13:41:58Z\t")]
    [DataRow("2014-06-04T13:41:58Z\n")]
    [DataRow("\u00A02014-06-04T13:41:58Z")]
    public void The_timestamp_parser_accepts_exactly_what_the_spec_pattern_accepts(string escaped)
    {
        var value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var trimmed = value.Trim(Extension["headerValues"]!["trim"]!.Select(t => ((string)t!)[0]).ToArray());
        var pattern = new System.Text.RegularExpressions.Regex((string)Extension["timestamp"]!["pattern"]!, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        // The whole value, as the spec's patternNote says: .NET's (and Python's) '$' also matches before a final line feed.
        var match = pattern.Match(trimmed);
        Assert.AreEqual(match.Success && match.Length == trimmed.Length, ApplicationSigner.TryParseTimestamp(value, out _), value);
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
    public void Every_name_the_string_to_sign_uses_is_in_its_vocabulary()
    {
        var recipe = Extension["stringToSign"]!;
        var vocabulary = ((JObject)recipe["vocabulary"]!).Properties().Select(p => p.Name).ToHashSet();
        var used = recipe["fields"]!.SelectMany(f => new[] { "source", "transform", "whenAbsent", "excludes" }
            .Select(k => (string?)f[k]).OfType<string>()).ToList();

        Assert.IsTrue(used.Count >= 10, string.Join(", ", used));
        CollectionAssert.IsSubsetOf(used.Distinct().ToList(), vocabulary.ToList(), "a name the fields use has no meaning in x-sinch-signature.stringToSign.vocabulary");
    }

    [TestMethod]
    public void The_vectors_it_names_are_beside_the_spec()
    {
        var vectors = (string)Extension["vectors"]!;

        Assert.AreEqual("signing-vectors.json", vectors);
        Assert.IsTrue(File.Exists(Path.Combine(TestPaths.RepoRoot, "spec", vectors)), "spec/" + vectors);
    }
}
