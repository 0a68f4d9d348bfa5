using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Cli;

/// <summary>
/// Prints API responses and events: readable <c>key: value</c> lines, or JSON with <c>--json</c>.
/// Phone numbers (<c>endpoint</c> members) are masked in both: console output is a log too.
/// </summary>
internal static class Output
{
    private static readonly JsonSerializer Serializer = VerificationJson.CreateSerializer();

    public static JToken Masked(object value)
    {
        var token = value as JToken ?? JToken.FromObject(value, Serializer);
        token = token.DeepClone();
        foreach (var endpoint in token.SelectTokens("$..endpoint").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
        {
            endpoint.Value = PhoneNumbers.Mask((string?)endpoint.Value);
        }

        return token;
    }

    public static void Print(TextWriter writer, object value, bool json)
    {
        var token = Masked(value);
        if (json)
        {
            writer.WriteLine(token.ToString(Formatting.Indented));
            return;
        }

        foreach (var leaf in token.SelectTokens("$..*").Where(t => t is JValue))
        {
            writer.WriteLine($"{leaf.Path.Replace("['", ".").Replace("']", string.Empty)}: {((JValue)leaf).Value}");
        }
    }

    /// <summary>One line of JSON (for event streams).</summary>
    public static string Line(object value) => Masked(value).ToString(Formatting.None);
}
