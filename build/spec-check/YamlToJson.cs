using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sinch.Verification.SpecCheck;

/// <summary>
/// YAML to JSON with typed scalars, the one converter of the build's spec check and the tests.
/// NSwag.Core.Yaml turns every scalar into a string, which makes example values like
/// <c>dialTimeout: 10</c> fail an integer schema; here plain scalars follow the YAML 1.2 core
/// schema (true, 10, null) and quoted ones stay strings. Each token, and each property at its key,
/// carries its YAML <see cref="Position"/>, so a validation error leads back to the spec's line.
/// </summary>
internal static class YamlToJson
{
    /// <summary>Where a token stood in the YAML, 1-based.</summary>
    public sealed record Position(int Line, int Column);

    /// <summary>The first document of <paramref name="path"/> as JSON.</summary>
    /// <exception cref="YamlException">The file is not valid YAML (its Start says where).</exception>
    public static JToken Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>The first document of <paramref name="reader"/> as JSON.</summary>
    public static JToken Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return Convert(stream.Documents[0].RootNode);
    }

    public static JToken Convert(YamlNode node)
    {
        JToken token = node switch
        {
            YamlMappingNode map => new JObject(map.Children.Select(c =>
            {
                var property = new JProperty(c.Key is YamlScalarNode k ? k.Value ?? string.Empty : c.Key.ToString(), Convert(c.Value));
                property.AddAnnotation(At(c.Key));
                return property;
            })),
            YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
            YamlScalarNode scalar => Scalar(scalar),
            // The representation model resolves aliases; anything else is not what a spec holds.
            _ => throw new InvalidDataException($"a YAML {node.NodeType} node at line {node.Start.Line} is not supported"),
        };
        token.AddAnnotation(At(node));
        return token;
    }

    private static Position At(YamlNode node) => new(checked((int)node.Start.Line), checked((int)node.Start.Column));

    private static JToken Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return new JValue(text);
        }

        return text switch
        {
            "null" or "~" or "" => JValue.CreateNull(),
            "true" => new JValue(true),
            "false" => new JValue(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => new JValue(n),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && !text.Contains(':') => new JValue(d), // NaN and Infinity are text in YAML's core schema
            _ => new JValue(text),
        };
    }
}
