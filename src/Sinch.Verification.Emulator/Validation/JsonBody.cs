using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated.Serialization;
using JsonException = System.Text.Json.JsonException;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>
/// Strict reading of untrusted bodies (requests and callback replies). System.Text.Json's reader
/// does the syntax: exactly RFC 8259 (no comments, single quotes, unquoted keys, trailing commas,
/// leading zeros, NaN, raw control characters or trailing garbage). The tree is built as a
/// <see cref="JToken"/> because NJsonSchema and the generated DTOs read Newtonsoft's model.
/// On top of the syntax: UTF-8 only, bounded depth, numbers the emulator can hold exactly (a
/// 64-bit integer or a finite double), no member twice in any spelling, and a null member is
/// an absent one.
/// </summary>
internal static class JsonBody
{
    private const int MaxDepth = 32;

    private static readonly Newtonsoft.Json.JsonSerializer Serializer = VerificationJson.CreateSerializer();

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>Parses a body; throws 400/40001 for anything that is not exactly one valid JSON value.</summary>
    public static JToken Parse(ReadOnlyMemory<byte> body)
    {
        var bytes = SkipBom(body.Span);
        if (bytes.IsEmpty)
        {
            throw EmulatorApiException.Validation("The request body is empty; expected a JSON object.");
        }

        // The reader checks UTF-8 only inside the tokens it decodes; check all of it up front.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw EmulatorApiException.Validation("The request body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var path = new List<string>();
        try
        {
            reader.Read();
            var token = ReadValue(ref reader, path);

            // With isFinalBlock the reader throws on anything but whitespace after the value.
            if (reader.Read())
            {
                throw EmulatorApiException.Validation("The request body holds more than one JSON value.");
            }

            return token;
        }
        catch (JsonException e)
        {
            throw EmulatorApiException.Validation("The request body is not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate ("\ud800"): not text any member can hold.
            throw EmulatorApiException.Validation($"Invalid parameter {Path(path)}: it is not valid Unicode text.");
        }
    }

    /// <summary>Converts a validated token to a DTO with the SDK's settings; a mismatch the schema let through is still a 400.</summary>
    public static T ToObject<T>(JToken token)
        where T : class
    {
        try
        {
            return token.ToObject<T>(Serializer)
                ?? throw EmulatorApiException.Validation("The request body must be a JSON object.");
        }
        catch (Exception e) when (e is JsonSerializationException or JsonReaderException or OverflowException or FormatException or InvalidCastException or ArgumentException)
        {
            throw EmulatorApiException.Validation("The request body does not match the expected shape: " + e.Message);
        }
    }

    /// <summary>A member path as NJsonSchema writes it without its <c>#/</c>: <c>identity.endpoint</c>, <c>sms.acceptLanguage[0]</c>.</summary>
    internal static string Path(IReadOnlyList<string> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0 && !segment.StartsWith('['))
            {
                text.Append('.');
            }

            text.Append(Shown(segment));
        }

        return text.Length == 0 ? "(the body)" : text.ToString();
    }

    // A member name as an error message may show it: whatever the client sent there (a phone
    // number, tens of kilobytes), at most 40 characters, with digit runs masked.
    private static string Shown(string? name)
    {
        var text = name ?? string.Empty;
        return Sinch.Verification.Generated.PhoneNumbers.MaskAll(text.Length <= 40 ? text : text.Substring(0, 40) + "…");
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

                if (!IsInteger(reader.ValueSpan) && reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return new JValue(number);
                }

                throw EmulatorApiException.Validation($"Invalid parameter {Path(path)}: {Encoding.UTF8.GetString(Truncate(reader.ValueSpan))} is out of range.");

            case JsonTokenType.True:
                return new JValue(true);

            case JsonTokenType.False:
                return new JValue(false);

            default:
                return JValue.CreateNull();
        }
    }

    private static JObject ReadObject(ref Utf8JsonReader reader, List<string> path)
    {
        var result = new JObject();

        // Every name seen, nulls included, so "a" and "A" are caught whatever their values.
        HashSet<string>? seen = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!seen.Add(name))
            {
                // Members match the spec's names exactly, so a second spelling would otherwise be
                // ignored by the schema and read by a case-insensitive reader: refuse both.
                seen.TryGetValue(name, out var first);
                var where = path.Count == 0 ? "the body" : Path(path);
                throw EmulatorApiException.Validation(string.Equals(first, name, StringComparison.Ordinal)
                    ? $"Invalid parameter {Shown(name)}: it appears twice in {where}."
                    : $"Invalid parameter {Shown(name)}: {where} also has '{Shown(first)}'; member names are case-sensitive and each may appear once.");
            }

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

    private static ReadOnlySpan<byte> Truncate(ReadOnlySpan<byte> number) => number.Length > 40 ? number.Slice(0, 40) : number;

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes.Slice(3) : bytes;
}
