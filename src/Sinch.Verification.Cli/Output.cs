using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Cli;

/// <summary>
/// Prints API responses, outbox messages and events: readable <c>key: value</c> lines, or JSON
/// with <c>--json</c>. Phone numbers are masked in both (console output is a log too), and nothing
/// printed carries a control character: what a server or a sender chose (a template's text, a
/// member name) is escaped as <c>\uXXXX</c> (<see cref="LogText"/>).
/// </summary>
internal static class Output
{
    private static readonly JsonSerializer Serializer = VerificationJson.CreateSerializer();

    // Members that are a phone number (masked whole) and free text that may hold one (digit runs masked).
    private static readonly HashSet<string> Numbers = new() { "endpoint", "to", "from" };
    private static readonly HashSet<string> FreeText = new() { "reference", "custom", "text", "message" };

    // Ids the user copies into status and report: a GUID (Sinch's and the emulator's form) holds no
    // phone number, though one in four has 6 digits in a row, so it is shown whole; any other id
    // is masked like every field of an event line.
    private static readonly HashSet<string> Ids = new() { "id", "verificationId" };

    // What completes a verification: the outbox shows it (that is what it is for); an event line never does.
    private const string Code = "code";
    private const string Redacted = "****";

    /// <summary>
    /// A masked copy of <paramref name="value"/>. Numbers are masked by member (<c>endpoint</c>,
    /// <c>to</c>, <c>from</c> whole; free text by digit runs); with <paramref name="everyField"/>
    /// (event lines) every string, number and member name has its digit runs masked, ids included,
    /// and a <c>code</c> member in any case is not shown at all.
    /// </summary>
    public static JToken Masked(object value, bool everyField = false)
    {
        var token = value as JToken ?? JToken.FromObject(value, Serializer);
        return Mask(token, string.Empty, everyField);
    }

    public static void Print(TextWriter writer, object value, bool json)
    {
        var token = Masked(value);
        if (json)
        {
            writer.WriteLine(Json(token, indented: true));
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
                writer.WriteLine($"{LogText.Escape(path)}: {LogText.Escape(Text(leaf))}");
            }
        }
    }

    /// <summary>One line of JSON (for event streams): every field and member name masked, codes left out, no raw control character.</summary>
    public static string Line(object value) => Json(Masked(value, everyField: true), indented: false);

    /// <summary>
    /// <paramref name="token"/> as JSON, every name and string written by <see cref="LogText.JsonString"/>:
    /// the same JSON a serializer writes, without a raw control, format or separator character
    /// (JSON reads the escapes back as the same text).
    /// </summary>
    private static string Json(JToken token, bool indented)
    {
        var json = new StringBuilder();
        Write(json, token, indented, 0);
        return json.ToString();
    }

    private static void Write(StringBuilder json, JToken token, bool indented, int depth)
    {
        switch (token)
        {
            case JObject obj:
                WriteAll(json, '{', '}', obj.Properties().ToList(), indented, depth, (property, d) =>
                {
                    json.Append(LogText.JsonString(property.Name)).Append(indented ? ": " : ":");
                    Write(json, property.Value, indented, d);
                });
                break;

            case JArray array:
                WriteAll(json, '[', ']', array.ToList(), indented, depth, (item, d) => Write(json, item, indented, d));
                break;

            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                json.Append("null");
                break;

            case JValue { Type: JTokenType.Boolean or JTokenType.Integer or JTokenType.Float } value:
                json.Append(value.ToString(Formatting.None));
                break;

            case JValue value:
                json.Append(LogText.JsonString(value.Type == JTokenType.String ? (string?)value.Value : value.ToString(Formatting.None).Trim('"')));
                break;

            default:
                json.Append(LogText.JsonString(token.ToString(Formatting.None)));
                break;
        }
    }

    private static void WriteAll<T>(StringBuilder json, char open, char close, List<T> items, bool indented, int depth, Action<T, int> write)
    {
        json.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",");
            if (indented)
            {
                json.Append(Environment.NewLine).Append(' ', 2 * (depth + 1));
            }

            write(items[i], depth + 1);
        }

        if (indented && items.Count > 0)
        {
            json.Append(Environment.NewLine).Append(' ', 2 * depth);
        }

        json.Append(close);
    }

    // name: the member that holds the token (a string in an array is named by the member that holds the array).
    private static JToken Mask(JToken token, string name, bool everyField)
    {
        switch (token)
        {
            case JObject obj:
                var masked = new JObject();
                foreach (var property in obj.Properties())
                {
                    masked.Add(new JProperty(Unique(masked, PhoneNumbers.MaskAll(property.Name)), Mask(property.Value, property.Name, everyField)));
                }

                return masked;

            case JArray array:
                return new JArray(array.Select(item => Mask(item, name, everyField)));

            case JValue { Type: JTokenType.String } text:
                var value = (string?)text.Value;
                if (everyField && string.Equals(name, Code, StringComparison.OrdinalIgnoreCase))
                {
                    return new JValue(Redacted);
                }

                if (Ids.Contains(name) && Guid.TryParseExact(value, "D", out _))
                {
                    return new JValue(value);
                }

                return new JValue(Numbers.Contains(name) ? PhoneNumbers.MaskAll(PhoneNumbers.Mask(value))
                    : FreeText.Contains(name) || everyField ? PhoneNumbers.MaskAll(value)
                    : value);

            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                if (everyField && string.Equals(name, Code, StringComparison.OrdinalIgnoreCase))
                {
                    return new JValue(Redacted);
                }

                // A number long enough to be a phone number is shown masked, as text.
                var digits = number.ToString(Formatting.None);
                var shown = PhoneNumbers.MaskAll(digits);
                return ReferenceEquals(shown, digits) ? number.DeepClone() : new JValue(shown);

            default:
                return token.DeepClone();
        }
    }

    // Two names that mask alike ("46700000001" and "46711111101") stay two members.
    private static string Unique(JObject obj, string name)
    {
        var unique = name;
        for (var n = 2; obj.ContainsKey(unique); n++)
        {
            unique = name + "~" + n;
        }

        return unique;
    }

    // The API's own spelling: true/false and numbers as JSON writes them, strings and dates unquoted.
    private static string Text(JValue leaf) => leaf.Type == JTokenType.String ? (string)leaf! : leaf.ToString(Formatting.None).Trim('"');
}
