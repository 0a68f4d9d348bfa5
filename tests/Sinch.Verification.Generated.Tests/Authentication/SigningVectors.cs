using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Authentication;

/// <summary>
/// The vectors of spec/signing-vectors.json: request vectors ("vectors") every signer must
/// reproduce, and callback vectors ("callbacks") every validator must accept or reject.
/// </summary>
internal static class SigningVectors
{
    // DateParseHandling.None: the timestamps must stay the exact strings that were signed.
    private static readonly JObject Document = Load(TestPaths.SigningVectors);

    public static JObject Load(string path)
    {
        using var reader = new JsonTextReader(new StringReader(File.ReadAllText(path))) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    public static IEnumerable<object[]> All => Document["vectors"]!.Select(v => new object[] { (string)v["name"]! });

    public static JObject Vector(string name) => (JObject)Document["vectors"]!.Single(v => (string)v["name"]! == name);

    public static JObject CallbackExample => Vector("callback signing docs example");

    public static IEnumerable<object[]> Callbacks => Document["callbacks"]!.Select(c => new object[] { (string)c["name"]! });

    public static JObject Callback(string name) => (JObject)Document["callbacks"]!.Single(c => (string)c["name"]! == name);
}
