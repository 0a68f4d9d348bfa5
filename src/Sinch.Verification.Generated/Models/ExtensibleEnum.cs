using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;

namespace Sinch.Verification.Generated;

/// <summary>
/// A value of an open set (status, reason, method, ...): a string the server may extend at any
/// time. Unknown values are kept exactly as received; equality ignores case, so <c>flashCall</c>
/// equals <c>flashcall</c>. <see cref="ToString"/> returns the wire value.
/// </summary>
/// <remarks>
/// The spec declares these sets as <c>anyOf: [enum, string]</c>; nswag.json excludes their names
/// so the generated DTOs use these hand-written types instead of C# enums, which would make a
/// whole call fail on a value this SDK version does not know.
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter))]
public abstract class ExtensibleEnum : IEquatable<ExtensibleEnum>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    protected ExtensibleEnum(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value exactly as sent or received.</summary>
    public string Value { get; }

    /// <summary>Whether this SDK version knows the value (compared case-insensitively).</summary>
    public abstract bool IsKnown { get; }

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => Value;

    /// <summary>Same set and same value, ignoring case.</summary>
    public bool Equals(ExtensibleEnum? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExtensibleEnum);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Same set and same value, ignoring case.</summary>
    public static bool operator ==(ExtensibleEnum? left, ExtensibleEnum? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different set or different value.</summary>
    public static bool operator !=(ExtensibleEnum? left, ExtensibleEnum? right) => !(left == right);
}

/// <summary>Base of one open value set; <typeparamref name="TSelf"/> is the set itself.</summary>
/// <typeparam name="TSelf">The derived type.</typeparam>
public abstract class ExtensibleEnum<TSelf> : ExtensibleEnum where TSelf : ExtensibleEnum<TSelf>
{
    // Written only while TSelf's static fields initialise (the runtime runs that once, on one
    // thread), read-only afterwards: safe to read from any thread without locks.
    private static readonly Dictionary<string, TSelf> KnownByValue = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<TSelf> KnownInOrder = new();

    static ExtensibleEnum()
    {
        // Parse may be the first member touched; make sure TSelf has registered its values.
        RuntimeHelpers.RunClassConstructor(typeof(TSelf).TypeHandle);
    }

    /// <summary>Creates a value from its wire string.</summary>
    protected ExtensibleEnum(string value) : base(value)
    {
    }

    /// <summary>The values this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<TSelf> KnownValues => KnownInOrder;

    /// <inheritdoc />
    public override bool IsKnown => KnownByValue.ContainsKey(Value);

    /// <summary>
    /// Returns the value for a wire string: the shared instance when it is a known value spelled
    /// the same way, otherwise a new instance that keeps the string as given.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static TSelf Parse(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        return KnownByValue.TryGetValue(value, out var known) && string.Equals(known.Value, value, StringComparison.Ordinal)
            ? known
            : Create(value);
    }

    /// <summary>Declares a known value; call it from the derived type's static initialisers only.</summary>
    protected static TSelf Known(string value)
    {
        var instance = Create(value);
        KnownByValue.Add(value, instance);
        KnownInOrder.Add(instance);
        return instance;
    }

    private static TSelf Create(string value) =>
        (TSelf)Activator.CreateInstance(typeof(TSelf), BindingFlags.Instance | BindingFlags.Public, null, new object[] { value }, CultureInfo.InvariantCulture)!;
}

/// <summary>Reads and writes every <see cref="ExtensibleEnum"/> as its wire string.</summary>
public sealed class ExtensibleEnumJsonConverter : JsonConverter
{
    private static readonly ConcurrentDictionary<Type, Func<string, ExtensibleEnum>> Parsers = new();
    private LastParser? _last; // one immutable object, so a racing reader never pairs a type with another's parser

    /// <inheritdoc />
    public override bool CanConvert(Type objectType) => typeof(ExtensibleEnum).IsAssignableFrom(objectType);

    /// <inheritdoc />
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.String:
            case JsonToken.Integer:
            case JsonToken.Float:
            case JsonToken.Boolean:
                // Tolerant: a scalar of another type is still a value of the set, kept as text.
                var text = Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                return ParserFor(objectType)(text);
            default:
                throw new JsonSerializationException(
                    $"Expected a string for {objectType.Name} at '{reader.Path}', found {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(((ExtensibleEnum)value).Value);
        }
    }

    // Newtonsoft creates one converter per contract, so the last type is almost always the one
    // asked for: remembering it saves a dictionary lookup per value read.
    private Func<string, ExtensibleEnum> ParserFor(Type type)
    {
        var last = _last;
        if (last is not null && last.Type == type)
        {
            return last.Parse;
        }

        var parse = Parsers.GetOrAdd(type, CreateParser);
        _last = new LastParser(type, parse);
        return parse;
    }

    private static Func<string, ExtensibleEnum> CreateParser(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ExtensibleEnum<>))
            {
                var parse = t.GetMethod(nameof(ExtensibleEnum<DummyValue>.Parse), BindingFlags.Public | BindingFlags.Static)!;
                return (Func<string, ExtensibleEnum>)parse.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(string), type));
            }
        }

        throw new JsonSerializationException($"{type.Name} does not derive from ExtensibleEnum<T>.");
    }

    private sealed record LastParser(Type Type, Func<string, ExtensibleEnum> Parse);

    private sealed class DummyValue : ExtensibleEnum<DummyValue>
    {
        public DummyValue(string value) : base(value)
        {
        }
    }
}
