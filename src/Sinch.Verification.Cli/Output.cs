using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Cli;

/// <summary>
/// Prints API responses, outbox messages and events: readable <c>key: value</c> lines, or JSON
/// with <c>--json</c>. Phone numbers are masked in both: console output is a log too.
/// </summary>
internal static class Output
{
    private static readonly JsonSerializer Serializer = VerificationJson.CreateSerializer();

    // Members that are a phone number (masked whole) and free text that may hold one (digit runs masked).
    private static readonly HashSet<string> Numbers = new() { "endpoint", "to", "from" };
    private static readonly HashSet<string> FreeText = new() { "reference", "custom", "text", "message" };

    // Identifiers and codes a user must be able to copy: never masked, even in event lines.
    private static readonly HashSet<string> Verbatim = new() { "id", "verificationId", "event", "code" };

    public static JToken Masked(object value, bool everyField = false)
    {
        var token = value as JToken ?? JToken.FromObject(value, Serializer);
        token = token.DeepClone();
        foreach (var leaf in token.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
        {
            // A string in an array is named by the member that holds the array.
            var name = leaf.Parent is JProperty property ? property.Name : (leaf.Parent?.Parent as JProperty)?.Name ?? "";
            leaf.Value = Numbers.Contains(name) ? PhoneNumbers.Mask((string?)leaf.Value)
                : FreeText.Contains(name) || (everyField && !Verbatim.Contains(name)) ? PhoneNumbers.MaskAll((string?)leaf.Value)
                : leaf.Value;
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

        // A list prints as blocks, one per item, separated by a blank line.
        var items = token is JArray array ? array.ToList() : new List<JToken> { token };
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteLine();
            }

            var prefix = items[i].Path.Length;
            foreach (var leaf in items[i].SelectTokens("$..*").OfType<JValue>())
            {
                var path = leaf.Path.Substring(prefix).TrimStart('.').Replace("['", ".").Replace("']", string.Empty);
                writer.WriteLine($"{path}: {Text(leaf)}");
            }
        }
    }

    /// <summary>One line of JSON (for event streams); every text field that may hold a number is masked.</summary>
    public static string Line(object value) => Masked(value, everyField: true).ToString(Formatting.None);

    // The API's own spelling: true/false and numbers as JSON writes them, strings and dates unquoted.
    private static string Text(JValue leaf) => leaf.Type == JTokenType.String ? (string)leaf! : leaf.ToString(Formatting.None).Trim('"');
}
