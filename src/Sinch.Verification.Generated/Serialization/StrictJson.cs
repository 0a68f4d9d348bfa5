using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Newtonsoft.Json.Linq;
using JsonException = System.Text.Json.JsonException;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// Strict reading of untrusted JSON: the emulator's request bodies and callback replies, and the
/// callbacks the SDK receives (<see cref="Callbacks.CallbackParser"/>). One source file, compiled
/// into the SDK and linked into the emulator, so both refuse the same bytes.
/// System.Text.Json's reader does the syntax: exactly RFC 8259 (no comments, single quotes,
/// unquoted keys, trailing commas, leading zeros, NaN, hexadecimal numbers, raw control
/// characters or trailing garbage). The tree is built as a <see cref="JToken"/> because NJsonSchema
/// and the generated DTOs read Newtonsoft's model. On top of the syntax: UTF-8 only, bounded
/// depth, numbers that can be held exactly (a 64-bit integer or a finite double), no member twice
/// in one object in any spelling (<c>a</c> and <c>A</c> included), and a null member is an absent one.
/// </summary>
internal static class StrictJson
{
    /// <summary>
    /// Parses one JSON value; throws <see cref="StrictJsonException"/>, whose message names
    /// <paramref name="what"/> ("request body", "callback body"), for anything else.
    /// </summary>
    /// <param name="utf8">The bytes as received; a leading byte order mark is skipped.</param>
    /// <param name="what">What the bytes are, for messages.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    public static JToken Parse(ReadOnlySpan<byte> utf8, string what, int maxDepth)
    {
        var bytes = SkipBom(utf8);
        if (bytes.IsEmpty)
        {
            throw new StrictJsonException($"The {what} is empty; expected a JSON object.", null);
        }

        // The reader checks UTF-8 only inside the tokens it decodes; check all of it up front.
        if (!Utf8.IsValid(bytes))
        {
            throw new StrictJsonException($"The {what} is not valid UTF-8.", null);
        }

        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = maxDepth };
        var reader = new Utf8JsonReader(bytes, options);
        var path = new List<string>();
        try
        {
            reader.Read();
            var token = ReadValue(ref reader, path);

            // With isFinalBlock the reader throws on anything but whitespace after the value.
            if (reader.Read())
            {
                throw new StrictJsonException($"The {what} holds more than one JSON value.", null);
            }

            return token;
        }
        catch (JsonException e)
        {
            // The reader's message names a line and a byte position, never the text it read.
            throw new StrictJsonException($"The {what} is not valid JSON: " + e.Message, null);
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate ("\ud800"): not text any member can hold.
            throw new StrictJsonException($"Invalid parameter {Path(path)}: it is not valid Unicode text.", Path(path));
        }
    }

    /// <summary>A member path as NJsonSchema writes it without its <c>#/</c>: <c>identity.endpoint</c>, <c>sms.acceptLanguage[0]</c>; names shown as <see cref="Shown"/> shows them.</summary>
    internal static string Path(IReadOnlyList<string> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0 && !segment.StartsWith("[", StringComparison.Ordinal))
            {
                text.Append('.');
            }

            text.Append(Shown(segment));
        }

        return text.Length == 0 ? "(the body)" : text.ToString();
    }

    /// <summary>
    /// A member name as an error message may show it: whatever the sender put there (a phone
    /// number, tens of kilobytes), at most 40 characters, with digit runs masked. Escaping is
    /// left to whoever writes the message to a log (<see cref="LogText"/>): a message that goes
    /// back to the sender says what was sent.
    /// </summary>
    internal static string Shown(string? name)
    {
        var text = name ?? string.Empty;
        return PhoneNumbers.MaskAll(text.Length <= 40 ? text : text.Substring(0, 40) + "…");
    }

    // The reader stands on the value's first token; returns with it on the value's last token.
    private static JToken ReadValue(ref Utf8JsonReader reader, List<string> path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, path);

            case JsonTokenType.StartArray:
                var array = new JArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    path.Add("[" + array.Count + "]");
                    array.Add(ReadValue(ref reader, path));
                    path.RemoveAt(path.Count - 1);
                }

                return array;

            case JsonTokenType.String:
                return new JValue(reader.GetString());

            case JsonTokenType.Number:
                // Nothing in the spec holds more than these; a bigger number is out of range
                // wherever it stands (an unknown member included) rather than silently rounded.
                if (reader.TryGetInt64(out var integer))
                {
                    return new JValue(integer);
                }

                if (!IsInteger(reader.ValueSpan) && reader.TryGetDouble(out var number) && !double.IsNaN(number) && !double.IsInfinity(number))
                {
                    return new JValue(number);
                }

                throw new StrictJsonException($"Invalid parameter {Path(path)}: {Shown(Text(reader.ValueSpan))} is out of range.", Path(path));

            case JsonTokenType.True:
                return new JValue(true);

            case JsonTokenType.False:
                return new JValue(false);

            case JsonTokenType.Null:
                return JValue.CreateNull();

            default:
                // A value token the reader has no other kind of; never taken as null (absent).
                throw new StrictJsonException($"Invalid parameter {Path(path)}: unexpected JSON token {reader.TokenType}.", Path(path));
        }
    }

    private static JObject ReadObject(ref Utf8JsonReader reader, List<string> path)
    {
        var result = new JObject();

        // Every name seen (its first spelling, in any case), nulls included, so "a" and "A" are
        // caught whatever their values.
        Dictionary<string, string>? seen = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            seen ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (seen.TryGetValue(name, out var first))
            {
                // Members match the spec's names exactly, so a second spelling would otherwise be
                // ignored by one reader and read by a case-insensitive one: refuse both.
                var where = path.Count == 0 ? "the body" : Path(path);
                path.Add(name);
                throw new StrictJsonException(
                    string.Equals(first, name, StringComparison.Ordinal)
                        ? $"Invalid parameter {Shown(name)}: it appears twice in {where}."
                        : $"Invalid parameter {Shown(name)}: {where} also has '{Shown(first)}'; member names are case-sensitive and each may appear once.",
                    Path(path));
            }

            seen.Add(name, name);
            reader.Read();
            path.Add(name);
            var value = ReadValue(ref reader, path);
            path.RemoveAt(path.Count - 1);

            // null means absent (Sinch's SDKs serialize unset members as null).
            if (value.Type != JTokenType.Null)
            {
                result.Add(new JProperty(name, value));
            }
        }

        return result;
    }

    // An exponent or fraction makes a JSON number a float even when its value is whole.
    private static bool IsInteger(ReadOnlySpan<byte> number) => number.IndexOfAny("eE."u8) < 0;

    // A number's text as sent (ASCII: the reader has checked its syntax), at most 40 characters.
    private static string Text(ReadOnlySpan<byte> number)
    {
        var shown = number.Length > 40 ? number.Slice(0, 40) : number;
        var chars = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            chars[i] = (char)shown[i];
        }

        return new string(chars);
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes.Slice(3) : bytes;
}

/// <summary>What <see cref="StrictJson"/> refuses: a message for the sender and the member path, when one is known.</summary>
internal sealed class StrictJsonException : Exception
{
    public StrictJsonException(string message, string? path)
        : base(message)
    {
        JsonPath = path;
    }

    /// <summary>The member that is wrong (<c>identity.endpoint</c>), masked and cut as messages show it; null for the body as a whole.</summary>
    public string? JsonPath { get; }
}
