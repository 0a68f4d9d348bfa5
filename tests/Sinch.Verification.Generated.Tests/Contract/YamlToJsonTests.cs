using System.IO;
using Newtonsoft.Json.Linq;
using Sinch.Verification.SpecCheck;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>The YAML reader every spec test and the build-time spec check share (build/spec-check/YamlToJson.cs).</summary>
[TestClass]
public sealed class YamlToJsonTests
{
    [TestMethod]
    public void Plain_scalars_read_as_YAML_core_schema_reads_them_and_not_a_number_or_infinity_stay_text()
    {
        var json = (JObject)YamlToJson.Parse(new StringReader("a: NaN\nb: Infinity\nc: 1.5\nd: 12\ne: true\nf: 10:30\ng: '12'\n"));

        Assert.AreEqual(JTokenType.String, json["a"]!.Type);
        Assert.AreEqual(JTokenType.String, json["b"]!.Type);
        Assert.AreEqual(1.5, (double)json["c"]!);
        Assert.AreEqual(12L, (long)json["d"]!);
        Assert.AreEqual(true, (bool)json["e"]!);
        Assert.AreEqual("10:30", (string)json["f"]!);
        Assert.AreEqual(JTokenType.String, json["g"]!.Type);
    }
}
