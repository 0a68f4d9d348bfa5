using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// What JSON a schema of the spec accepts: a string member takes a string, a boolean a boolean,
/// an integer an integer, a number any number, an object or array its own shape; members the
/// spec does not name take anything. The tables are generated from the spec, not read from the
/// serializer: every class has its <c>SpecShape</c> (build/templates/Class.liquid, SINCH (7)),
/// every open set too (Enum.liquid: a string).
/// </summary>
/// <remarks>
/// Strict readers check a body against it before the serializer sees it, which would otherwise
/// coerce (12345 into "12345", "0.5" into 0.5, "true" into true).
/// </remarks>
internal sealed class JsonShape
{
    private readonly JTokenType[] _accepts;
    private readonly Lazy<Dictionary<string, JsonShape>>? _members;
    private readonly Lazy<Dictionary<string, string>>? _spellings;

    private JsonShape(string? expected, params JTokenType[] accepts)
    {
        Expected = expected;
        _accepts = accepts;
    }

    // The member table is built on first use, so a class that holds itself (or a cycle of
    // classes) does not read a SpecShape that its static initializer has not set yet.
    private JsonShape(IReadOnlyList<string> required, Func<Dictionary<string, JsonShape>> members)
        : this("an object", JTokenType.Object)
    {
        Required = required;
        _members = new Lazy<Dictionary<string, JsonShape>>(members);
        _spellings = new Lazy<Dictionary<string, string>>(
            () => _members.Value.Keys.ToDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A member the spec gives no type: any JSON.</summary>
    public static JsonShape Any { get; } = new(expected: null);

    /// <summary>A string, an open set's value, a closed enum's value, a date or a URI.</summary>
    public static JsonShape String { get; } = new("a string", JTokenType.String);

    /// <summary>A boolean.</summary>
    public static JsonShape Boolean { get; } = new("true or false", JTokenType.Boolean);

    /// <summary>A number without a fraction.</summary>
    public static JsonShape Integer { get; } = new("an integer", JTokenType.Integer);

    /// <summary>Any number.</summary>
    public static JsonShape Number { get; } = new("a number", JTokenType.Integer, JTokenType.Float);

    /// <summary>What the value must be, as the refusal says it ("a string"); null for any JSON.</summary>
    public string? Expected { get; }

    /// <summary>The shape of an array's items.</summary>
    public JsonShape? Items { get; private set; }

    /// <summary>The members an object schema declares, by their exact JSON names; null for other shapes.</summary>
    public IReadOnlyDictionary<string, JsonShape>? Members => _members?.Value;

    /// <summary>The members the spec requires (an object schema's <c>required</c>).</summary>
    public IReadOnlyList<string> Required { get; } = Array.Empty<string>();

    /// <summary>An array whose items have <paramref name="items"/>.</summary>
    public static JsonShape ArrayOf(JsonShape items) => new("an array", JTokenType.Array) { Items = items };

    /// <summary>An object schema: its required members and the shape of each declared member.</summary>
    public static JsonShape Object(IReadOnlyList<string> required, Func<Dictionary<string, JsonShape>> members) => new(required, members);

    /// <summary>
    /// Checks <paramref name="token"/> and everything in it; a member named like a declared one in
    /// another case is refused too (a reader that ignores case would take it for the spec's member).
    /// </summary>
    /// <param name="token">The value.</param>
    /// <param name="what">What the value is, for the message (the schema's name).</param>
    /// <exception cref="CallbackParseException">The first place that does not match, by its JSON path; the message names no value.</exception>
    public void Check(JToken token, string what)
    {
        if (_accepts.Length > 0 && Array.IndexOf(_accepts, token.Type) < 0)
        {
            throw new CallbackParseException(
                $"The {what} does not match its schema: '{StrictJson.Shown(token.Path)}' must be {Expected}, found {Describe(token.Type)}.",
                StrictJson.Shown(token.Path));
        }

        if (token is JObject obj && _members is not null)
        {
            foreach (var property in obj.Properties())
            {
                if (_members.Value.TryGetValue(property.Name, out var member))
                {
                    member.Check(property.Value, what);
                }
                else if (_spellings!.Value.TryGetValue(property.Name, out var spelling))
                {
                    throw new CallbackParseException(
                        $"The {what} does not match its schema: '{StrictJson.Shown(property.Path)}' is not '{spelling}'; member names are case-sensitive.",
                        StrictJson.Shown(property.Path));
                }
            }
        }
        else if (token is JArray array && Items is not null)
        {
            foreach (var item in array)
            {
                Items.Check(item, what);
            }
        }
    }

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => type.ToString(),
    };
}
