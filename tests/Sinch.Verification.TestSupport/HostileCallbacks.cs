using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// Generated hostile callback bodies for the fuzz runs of the callback parser and of
/// <c>callbacks listen</c> (issue #20, item 10), and an independent judge of what a strict reader
/// must refuse. Every body derives from (seed, index) alone, so a failure names both and the
/// same pair replays it. Mutations: members of another type, duplicates and case variants,
/// unknown members with hostile names and values (control, bidi and format characters, numbers in
/// several scripts), syntax outside RFC 8259 (comments, single quotes, trailing commas, NaN, hex,
/// leading zeros, raw control characters), numbers beyond any range, invalid UTF-8, truncation.
/// Depends on nothing of the SDK (System.Text.Json only), so it judges the SDK from outside.
/// </summary>
public static class HostileCallbacks
{
    /// <summary>The members the spec gives callback events, at any depth: a name in another case is not one of them.</summary>
    public static readonly string[] KnownNames =
    [
        "id", "event", "method", "identity", "type", "endpoint", "verified", "price", "amount", "currencyId", "rate", "reference",
        "custom", "acceptLanguage", "status", "reason", "source", "smsResult", "callid", "callComplete",
    ];

    private static readonly string[] Bases =
    [
        """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationRequestEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000","verified":false},"price":{"amount":0.0453,"currencyId":"EUR"},"rate":{"amount":0.0453,"currencyId":"EUR"},"reference":"order-1234","custom":"my data","acceptLanguage":["es-ES"]}""",
        """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationResultEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"status":"SUCCESSFUL","reference":"order-1234","source":"intercepted","custom":"my data"}""",
        """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","event":"VerificationSmsDeliveredEvent","method":"sms","identity":{"type":"number","endpoint":"+46700000000"},"reference":"order-1234","custom":"my data","smsResult":"Successful"}""",
        """{"id":"2","event":"VerificationResultEvent","method":"flashcall","identity":{"type":"number","endpoint":"+46700000001"},"status":"FAIL","reason":"Invalid code"}""",
        """{"id":"3","event":"VerificationSeamlessEvent","method":"seamless","identity":{"type":"number","endpoint":"+46700000002"}}""",
    ];

    // Pieces of hostile text: numbers in several scripts, controls, bidi and format characters, forged log lines.
    private static readonly string[] Pieces =
    [
        "46700000000", "+46700000000", "\u0664\u0666\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", "\uFF0B\uFF14\uFF16\uFF17\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10",
        "\u096A\u096C\u096D\u0966\u0966\u0966\u0966\u0966\u0966", "\U0001D7D2\U0001D7D4\U0001D7D5\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE", "467\u200b00000000", "1234", "918273",
        "\n", "\r\n", "\u001b[31m", "\u001b]0;title\u0007", "\u0007", "\u0000", "\u0085", "\u009b2J", "\u007f", "\u2028", "\u2029",
        "\u202e", "\u2066", "\u2069", "\u200f", "\u061c", "\ufeff", "\u00ad", "warning: fake", "info: Sinch[7] forged", " ", "\"", "\\", "'",
        "Åsa", "中文", "\ud83d\ude00", "x", "sms", "SUCCESSFUL", "VerificationRequestEvent", "verificationresultevent",
    ];

    // What a member may be set to, of every JSON type, some beyond any range.
    private static readonly string[] NumberTexts =
    [
        "0", "-0", "1", "-1", "12345", "46700000000", "0.0453", "1e2", "1E-7", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1e400", "-1e400", "46700000000.5e400", "1.7976931348623157e308", "5e-324",
    ];

    private static readonly string[] Syntax =
    [
        "/*c*/", "//c\n", ",", ",,", "NaN", "Infinity", "-Infinity", "0x10", "010", "+1", ".5", "1.", "'x'", "undefined", "True",
        "\"\\ud800\"", "\"\\udc00x\"", "\"\\u12\"", "\"\\x41\"", "\"\u0001\"", "\"a\nb\"", "\"\t\"", "{", "}", "[", "]", ":",
    ];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One generated body and what it is.</summary>
    /// <param name="Body">The bytes to send (a signature is made over them afterwards).</param>
    /// <param name="ValidCallback">True when only valid mutations were applied: a strict reader must accept it.</param>
    /// <param name="Description">The mutations, for a failure message.</param>
    public sealed record Input(byte[] Body, bool ValidCallback, string Description);

    /// <summary>The body for (seed, index): the same pair always gives the same bytes.</summary>
    public static Input Generate(ulong seed, int index)
    {
        var random = new Random(unchecked((int)(Mix(seed * 0x9E3779B97F4A7C15UL + (ulong)index) & 0x7FFFFFFF)));
        var root = JsonNode.Parse(Bases[random.Next(Bases.Length)])!.AsObject();
        var valid = true;
        var steps = new List<string>();

        // Tree mutations: one in four inputs keeps to valid ones only.
        var validOnly = random.Next(4) == 0;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var (step, keepsValid) = validOnly ? MutateValidly(random, root) : MutateTree(random, root);
            steps.Add(step);
            valid &= keepsValid;
        }

        var text = root.ToJsonString(Relaxed);
        if (!validOnly && random.Next(2) == 0)
        {
            var (mutated, step, keepsValid) = MutateText(random, text);
            text = mutated;
            steps.Add(step);
            valid &= keepsValid;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (!validOnly && random.Next(8) == 0)
        {
            var (mutated, step, keepsValid) = MutateBytes(random, bytes);
            bytes = mutated;
            steps.Add(step);
            valid &= keepsValid;
        }
        else if (random.Next(10) == 0)
        {
            bytes = [.. "\uFEFF"u8, .. bytes];
            steps.Add("byte order mark");
        }

        return new Input(bytes, valid, string.Join("; ", steps));
    }

    /// <summary>
    /// True when <paramref name="utf8"/> is a strict reader's JSON (a leading byte order mark
    /// skipped): RFC 8259 exactly (System.Text.Json's JsonDocument with its defaults, depth 64), text
    /// that is valid Unicode, numbers a 64-bit integer or a finite double holds, and no object with
    /// a member twice in any spelling.
    /// </summary>
    public static bool IsStrictJson(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return Strict(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The body's <c>event</c> member (exactly that name, at the top), or null.</summary>
    public static string? EventOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        using var document = JsonDocument.Parse(utf8.ToArray());
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("event", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    private static bool Strict(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || !Strict(property.Value))
                    {
                        return false;
                    }
                }

                return true;

            case JsonValueKind.Array:
                return element.EnumerateArray().All(Strict);

            case JsonValueKind.String:
                _ = element.GetString(); // throws on an escaped lone surrogate
                return true;

            case JsonValueKind.Number:
                var raw = element.GetRawText();
                return raw.IndexOfAny(['.', 'e', 'E']) < 0
                    ? element.TryGetInt64(out _)
                    : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);

            default:
                return true;
        }
    }

    private static (string Step, bool KeepsValid) MutateValidly(Random random, JsonObject root)
    {
        switch (random.Next(5))
        {
            case 0:
                var name = "x-" + Hostile(random, 3);
                root[name] = Value(random, depth: 0);
                return ("an unknown member", true);

            case 1:
                var text = Hostile(random, random.Next(1, 6));
                var member = new[] { "id", "custom", "reference", "method" }[random.Next(4)];
                root[member] = text;
                return ($"{member} as hostile text", true);

            case 2:
                if (root["identity"] is JsonObject identity)
                {
                    identity["endpoint"] = Hostile(random, 2);
                }

                return ("identity.endpoint as hostile text", true);

            case 3:
                if (root["event"] is JsonValue value && value.TryGetValue<string>(out var eventName))
                {
                    root["event"] = random.Next(2) == 0 ? eventName.ToUpperInvariant() : eventName.ToLowerInvariant();
                }

                return ("event in another case", true);

            default:
                if (root["identity"] is JsonObject nested)
                {
                    nested["x-" + Hostile(random, 2)] = new JsonObject { ["code"] = Hostile(random, 2), ["n"] = JsonValue.Create(46700000000L) };
                }

                return ("a nested unknown member with a code", true);
        }
    }

    private static (string Step, bool KeepsValid) MutateTree(Random random, JsonObject root)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                // A member of the spec set to a value of any type.
                var (parent, name) = AnyMember(random, root);
                var value = Value(random, depth: 0);
                parent[name] = value;
                return ($"{name} set to {Describe(value)}", false);
            }

            case 1:
                root[Hostile(random, random.Next(1, 4))] = Value(random, depth: 0);
                return ("a member with a hostile name", false);

            case 2:
            {
                var (parent, name) = AnyMember(random, root);
                parent.Remove(name);
                return ($"{name} removed", false);
            }

            case 3:
                root["event"] = random.Next(3) == 0 ? Hostile(random, 2) : new[] { "VerificationRequestEvent", "VerificationResultEvent", "VerificationSmsDeliveredEvent", "Unknown" }[random.Next(4)];
                return ("another event", false);

            case 4:
            {
                // A member of the spec in another case, beside it or instead of it.
                var (parent, name) = AnyMember(random, root);
                var variant = name.ToUpperInvariant() == name ? name.ToLowerInvariant() : name.ToUpperInvariant();
                var value = parent[name]?.DeepClone();
                if (random.Next(2) == 0)
                {
                    parent.Remove(name);
                }

                parent[variant] = value;
                return ($"{variant} for {name}", false);
            }

            default:
                return MutateValidly(random, root);
        }
    }

    private static (string Text, string Step, bool KeepsValid) MutateText(Random random, string text)
    {
        switch (random.Next(5))
        {
            case 0:
            {
                // A member twice (or in two spellings) in the body or a nested object.
                var braces = OpeningBraces(text);
                var at = braces[random.Next(braces.Count)];
                var name = KnownNames[random.Next(KnownNames.Length)];
                name = random.Next(3) == 0 ? name.ToUpperInvariant() : name;
                var duplicate = $"\"{name}\":{(random.Next(2) == 0 ? "\"x\"" : "1")},\"{name}\":{(random.Next(2) == 0 ? "\"x\"" : "1")},";
                return (text.Insert(at + 1, duplicate), $"{name} twice", false);
            }

            case 1:
            {
                var fragment = Syntax[random.Next(Syntax.Length)];
                var at = Structural(random, text);
                return (text.Insert(at, fragment), $"'{Escape(fragment)}' at {at}", false);
            }

            case 2:
            {
                // A value replaced by a number text.
                var at = text.IndexOf(':', random.Next(text.Length));
                if (at < 0)
                {
                    return (text, "no change", true);
                }

                var number = NumberTexts[random.Next(NumberTexts.Length)];
                return (text.Insert(at + 1, number + (random.Next(2) == 0 ? "," + "\"x-n\":" : string.Empty) + "0,\"x-m\":"), $"number {number}", false);
            }

            case 3:
            {
                // A raw control character inside a string.
                var quote = text.IndexOf('"', random.Next(text.Length));
                if (quote < 0)
                {
                    return (text, "no change", true);
                }

                var raw = (char)random.Next(0, 0x20);
                return (text.Insert(quote + 1, raw.ToString()), $"raw U+{(int)raw:X4}", false);
            }

            default:
            {
                // White space where JSON allows it: still valid.
                var at = Structural(random, text);
                return (text.Insert(at, new[] { " ", "\t", "\r\n", "\n  " }[random.Next(4)]), "white space", IsStructuralGap(text, at));
            }
        }
    }

    private static (byte[] Bytes, string Step, bool KeepsValid) MutateBytes(Random random, byte[] bytes)
    {
        switch (random.Next(4))
        {
            case 0:
                bytes = (byte[])bytes.Clone();
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return (bytes, "a bit flipped", false);

            case 1:
                return (bytes[..random.Next(bytes.Length)], "truncated", false);

            case 2:
            {
                var at = random.Next(bytes.Length + 1);
                byte[] invalid = new[] { new byte[] { 0xFF }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82] }[random.Next(4)];
                return ([.. bytes[..at], .. invalid, .. bytes[at..]], "invalid UTF-8", false);
            }

            default:
            {
                var depth = random.Next(60, 80);
                var text = Encoding.UTF8.GetString(bytes);
                var deep = new string('[', depth) + new string(']', depth);
                return (Encoding.UTF8.GetBytes(text.Insert(text.Length - 1, ",\"x-deep\":" + deep)), $"nested {depth} deep", false);
            }
        }
    }

    private static JsonNode? Value(Random random, int depth) => random.Next(depth > 1 ? 6 : 8) switch
    {
        0 => JsonValue.Create(Hostile(random, random.Next(1, 5))),
        1 => JsonValue.Create(random.Next(2) == 0 ? 46700000000L : random.Next(-5, 100_000)),
        2 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-5, 12))),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => null,
        5 => JsonValue.Create(new[] { "sms", "SUCCESSFUL", "number", "EUR", "0.0453", "true", "12345", "" }[random.Next(8)]),
        6 => new JsonObject { [Hostile(random, 1)] = Value(random, depth + 1), ["code"] = Value(random, depth + 1) },
        _ => new JsonArray(Value(random, depth + 1), Value(random, depth + 1)),
    };

    private static string Hostile(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        if (random.Next(50) == 0)
        {
            text.Append('9', 2000);
        }

        return text.ToString();
    }

    // A member of the spec somewhere in the tree (the body's own, or one of identity's or price's).
    private static (JsonObject Parent, string Name) AnyMember(Random random, JsonObject root)
    {
        var parent = root;
        if (random.Next(3) == 0 && root["identity"] is JsonObject identity && identity.Count > 0)
        {
            parent = identity;
        }
        else if (random.Next(4) == 0 && root["price"] is JsonObject price && price.Count > 0)
        {
            parent = price;
        }

        var names = parent.Select(p => p.Key).ToList();
        return names.Count == 0 ? (root, "id") : (parent, names[random.Next(names.Count)]);
    }

    private static List<int> OpeningBraces(string text)
    {
        var braces = OutsideStrings(text, c => c == '{', (c, i) => i);
        return braces.Count == 0 ? [0] : braces;
    }

    // A position just after a structural character ({ [ , :), or at a closing one, outside strings.
    private static int Structural(Random random, string text)
    {
        var positions = OutsideStrings(text, c => c is '{' or '[' or ',' or ':' or '}' or ']', (c, i) => c is '}' or ']' ? i : i + 1);
        return positions.Count == 0 ? 0 : positions[random.Next(positions.Count)];
    }

    // The positions of the characters that match, outside JSON strings (escapes skipped).
    private static List<int> OutsideStrings(string text, Func<char, bool> match, Func<char, int, int> position)
    {
        var positions = new List<int>();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (inString)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    inString = false;
                }
            }
            else if (text[i] == '"')
            {
                inString = true;
            }
            else if (match(text[i]))
            {
                positions.Add(position(text[i], i));
            }
        }

        return positions;
    }

    private static bool IsStructuralGap(string text, int at) => at > 0 && text[at - 1] is '{' or '[' or ',' or ':' || at < text.Length && text[at] is '}' or ']';

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString();

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

    // SplitMix64: neighbouring (seed, index) pairs share no inputs.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
