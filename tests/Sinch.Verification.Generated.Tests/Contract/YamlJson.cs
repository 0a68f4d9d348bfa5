using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// YAML to JSON with typed scalars. NSwag.Core.Yaml (14.8 too) turns every scalar into a string, which
/// is harmless for schemas but makes example values like <c>dialTimeout: 10</c> fail an integer
/// schema; here plain scalars follow the YAML 1.2 core schema and quoted ones stay strings.
/// </summary>
internal static class YamlJson
{
    public static JToken Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    public static JToken Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JObject(map.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => JValue.CreateNull(),
    };

    private static JToken Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return new JValue(text);
        }

        return text switch
        {
            "null" or "~" or "" => JValue.CreateNull(),
            "true" => new JValue(true),
            "false" => new JValue(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => new JValue(n),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !text.Contains(':') => new JValue(d),
            _ => new JValue(text),
        };
    }
}
