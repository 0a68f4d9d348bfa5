using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Authentication;

/// <summary>The vectors of ../shared/reference/signing-vectors.json (a copy lives in TestData).</summary>
internal static class SigningVectors
{
    // DateParseHandling.None: the timestamps must stay the exact strings that were signed.
    private static readonly JObject Document = Load();

    private static JObject Load()
    {
        using var reader = new JsonTextReader(new StringReader(File.ReadAllText(TestPaths.TestData("signing-vectors.json")))) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    public static IEnumerable<object[]> All => Document["vectors"]!.Select(v => new object[] { (string)v["name"]! });

    public static JObject Vector(string name) => (JObject)Document["vectors"]!.Single(v => (string)v["name"]! == name);

    public static JObject CallbackExample => Vector("callback signing docs example");

    public static IEnumerable<object[]> MustNotValidate =>
        Document["mustNotValidate"]!["cases"]!.Select(c => new object[] { (string)c["change"]!, (string)c["value"]! });
}
