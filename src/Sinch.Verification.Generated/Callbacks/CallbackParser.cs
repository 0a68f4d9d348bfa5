using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// Turns a callback body into the generated event types, dispatching on its <c>event</c> member.
/// Parse only after <see cref="CallbackValidator"/> has accepted the same bytes.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. For any received input it either returns a
/// <see cref="VerificationCallback"/> or throws <see cref="CallbackParseException"/>; an event kind
/// it does not know is an <see cref="UnknownVerificationCallback"/>, not an error.
/// Read as strictly as the emulator reads requests (one reader, <see cref="StrictJson"/>): RFC 8259
/// JSON only, no member twice in one object in any spelling, no member named like one of the
/// spec's in another case, and no type coercion (a number is not read as a string, nor a string as
/// a number or a boolean). Members the spec does not name are kept, whatever their value.
/// </remarks>
public static class CallbackParser
{
    // VerificationJson.Settings.MaxDepth, as the SDK's other readers.
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a body from its raw UTF-8 bytes (a leading byte order mark is skipped).</summary>
    /// <param name="utf8Json">The body exactly as received.</param>
    /// <exception cref="CallbackParseException">The body is not UTF-8, not JSON, or not a callback.</exception>
    public static VerificationCallback Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, text: null);

    /// <summary>Parses a body from its text.</summary>
    /// <param name="json">The body.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="CallbackParseException">The body is not JSON, or not a callback.</exception>
    public static VerificationCallback Parse(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new CallbackParseException("The callback body is empty; expected a JSON object.");
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException)
        {
            throw new CallbackParseException("The callback body is not valid Unicode text (a lone surrogate).");
        }

        return Parse(bytes, json);
    }

    private static VerificationCallback Parse(ReadOnlySpan<byte> utf8Json, string? text)
    {
        JToken token;
        try
        {
            token = StrictJson.Parse(utf8Json, "callback body", MaxDepth);
        }
        catch (StrictJsonException e)
        {
            throw new CallbackParseException(e.Message, e.JsonPath);
        }

        var root = token as JObject
            ?? throw new CallbackParseException($"The callback body must be a JSON object, found {token.Type}.");

        // Exactly "event": a member in another case is not it (and next to it, is refused above).
        var eventToken = root.Property("event")?.Value;
        if (eventToken is null)
        {
            throw new CallbackParseException("The callback has no 'event' member.", "event");
        }

        if (eventToken.Type != JTokenType.String)
        {
            throw new CallbackParseException($"The callback's 'event' member must be a string, found {eventToken.Type}.", "event");
        }

        var eventType = VerificationEventType.Parse((string)eventToken!);
        if (eventType == VerificationEventType.VerificationRequestEvent)
        {
            return new VerificationRequestCallback(ToEvent<VerificationRequestEvent>(root));
        }

        if (eventType == VerificationEventType.VerificationResultEvent)
        {
            return new VerificationResultCallback(ToEvent<VerificationResultEvent>(root));
        }

        if (eventType == VerificationEventType.VerificationSmsDeliveredEvent)
        {
            return new VerificationSmsDeliveredCallback(ToEvent<VerificationSmsDeliveredEvent>(root));
        }

        return new UnknownVerificationCallback(eventType, text ?? Decode(utf8Json));
    }

    private static string Decode(ReadOnlySpan<byte> utf8Json)
    {
        // StrictJson has checked the bytes; only the byte order mark is left to skip.
        var bytes = utf8Json.StartsWith("\uFEFF"u8) ? utf8Json.Slice(3) : utf8Json;
#if NET
        return StrictUtf8.GetString(bytes);
#else
        return StrictUtf8.GetString(bytes.ToArray());
#endif
    }

    // T is one of the spec's event DTOs, which keep what Newtonsoft reads (Serialization/ILLink.Descriptors.xml).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "T is a generated event DTO: its constructors and properties are kept.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "T is a generated event DTO (reference types only); Newtonsoft.Json falls back to reflection when dynamic code is not supported.")]
    private static T ToEvent<T>(JObject root)
    {
        // Every member the spec names has the spec's type before the serializer sees it, which
        // would otherwise coerce (12345 into "12345", "0.5" into 0.5, "true" into true).
        Shape.Of<T>().Check(root, typeof(T).Name);

        foreach (var name in Shape.Of<T>().Required)
        {
            if (root.Property(name) is null)
            {
                throw new CallbackParseException($"The {typeof(T).Name} has no '{name}' member, which the spec requires.", name);
            }
        }

        try
        {
            return root.ToObject<T>(VerificationJson.Serializer)
                ?? throw new CallbackParseException($"The {typeof(T).Name} is empty.");
        }
        catch (Exception e) when (e is JsonException or OverflowException or FormatException or InvalidCastException or ArgumentException)
        {
            // The shape check leaves the serializer nothing to object to; should it still, the
            // message names no value (the JSON library's messages quote values).
            throw new CallbackParseException($"The {typeof(T).Name} does not match its schema ({e.GetType().Name}).");
        }
    }

    /// <summary>
    /// What JSON a DTO's members accept, read from the serializer's own contracts (so it follows the
    /// generated code): a string member takes a string, a boolean a boolean, an integer an integer,
    /// a number any number, an object or array its own shape; unknown members take anything.
    /// </summary>
    private sealed class Shape
    {
        private static readonly Dictionary<Type, Shape> Built = new();

        private Kind _kind;
        private Dictionary<string, Shape>? _members;
        private Dictionary<string, string>? _spellings;
        private Shape? _items;

        private Shape(Kind kind) => _kind = kind;

        private enum Kind
        {
            Any,
            String,
            Boolean,
            Integer,
            Number,
            Object,
            Array,
        }

        /// <summary>The members the spec requires (generated as <see cref="Required.DisallowNull"/>).</summary>
        public string[] Required { get; private set; } = Array.Empty<string>();

        public static Shape Of<T>() => Cache<T>.Shape;

        public void Check(JToken token, string what)
        {
            if (!Accepts(token.Type))
            {
                throw new CallbackParseException(
                    $"The {what} does not match its schema: '{StrictJson.Shown(token.Path)}' must be {Describe(_kind)}, found {Describe(token.Type)}.",
                    StrictJson.Shown(token.Path));
            }

            if (_members is not null && token is JObject obj)
            {
                foreach (var property in obj.Properties())
                {
                    if (_members.TryGetValue(property.Name, out var member))
                    {
                        member.Check(property.Value, what);
                    }
                    else if (_spellings!.TryGetValue(property.Name, out var spelling))
                    {
                        // A reader that matches names ignoring case would take it for the spec's member.
                        throw new CallbackParseException(
                            $"The {what} does not match its schema: '{StrictJson.Shown(property.Path)}' is not '{spelling}'; member names are case-sensitive.",
                            StrictJson.Shown(property.Path));
                    }
                }
            }
            else if (_items is not null && token is JArray array)
            {
                foreach (var item in array)
                {
                    _items.Check(item, what);
                }
            }
        }

        private bool Accepts(JTokenType type) => _kind switch
        {
            Kind.String => type == JTokenType.String,
            Kind.Boolean => type == JTokenType.Boolean,
            Kind.Integer => type == JTokenType.Integer,
            Kind.Number => type is JTokenType.Integer or JTokenType.Float,
            Kind.Object => type == JTokenType.Object,
            Kind.Array => type == JTokenType.Array,
            Kind.Any => true,
            _ => throw new ArgumentOutOfRangeException(nameof(type), _kind, "A kind of member this check does not know."),
        };

        private static string Describe(Kind kind) => kind switch
        {
            Kind.String => "a string",
            Kind.Boolean => "true or false",
            Kind.Integer => "an integer",
            Kind.Number => "a number",
            Kind.Object => "an object",
            Kind.Array => "an array",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A kind of member that is never refused."),
        };

        private static string Describe(JTokenType type) => type switch
        {
            JTokenType.String => "a string",
            JTokenType.Boolean => "a boolean",
            JTokenType.Integer or JTokenType.Float => "a number",
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            _ => type.ToString(),
        };

        private static Shape Build(Type type)
        {
            if (Built.TryGetValue(type, out var known))
            {
                return known;
            }

            var shape = new Shape(Kind.Any);
            Built[type] = shape; // before the members: a type that holds itself ends here
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(object) || typeof(JToken).IsAssignableFrom(underlying))
            {
                return shape;
            }

            if (typeof(ExtensibleEnum).IsAssignableFrom(underlying) || underlying.IsEnum)
            {
                shape._kind = Kind.String;
                return shape;
            }

            switch (VerificationJson.Serializer.ContractResolver.ResolveContract(underlying))
            {
                case JsonStringContract:
                    shape._kind = Kind.String;
                    break;

                case JsonPrimitiveContract:
                    shape._kind = PrimitiveKind(underlying);
                    break;

                case JsonArrayContract array:
                    shape._kind = Kind.Array;
                    shape._items = array.CollectionItemType is { } item ? Build(item) : new Shape(Kind.Any);
                    break;

                case JsonObjectContract contract:
                    shape._kind = Kind.Object;
                    shape._members = new Dictionary<string, Shape>(StringComparer.Ordinal);
                    shape._spellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in contract.Properties.Where(p => !p.Ignored && p.PropertyName is not null && p.PropertyType is not null))
                    {
                        shape._members[property.PropertyName!] = Build(property.PropertyType!);
                        shape._spellings[property.PropertyName!] = property.PropertyName!;
                    }

                    // nswag.json generates the spec's required members as Required.DisallowNull
                    // (requiredPropertiesMustBeDefined: false), and the serializer does not check
                    // presence for those; reading the contract keeps this check in step with the spec.
                    shape.Required = contract.Properties
                        .Where(p => p.Required is Newtonsoft.Json.Required.DisallowNull or Newtonsoft.Json.Required.Always && p.PropertyName is not null)
                        .Select(p => p.PropertyName!)
                        .ToArray();
                    break;
            }

            return shape;
        }

        private static Kind PrimitiveKind(Type type)
        {
            if (type == typeof(bool))
            {
                return Kind.Boolean;
            }

            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            {
                return Kind.Number;
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
                || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
            {
                return Kind.Integer;
            }

            // Strings, and what is written as one: dates, GUIDs, URIs, characters.
            return Kind.String;
        }

        private static class Cache<T>
        {
            public static readonly Shape Shape = BuildLocked(typeof(T));

            private static Shape BuildLocked(Type type)
            {
                lock (Built)
                {
                    return Build(type);
                }
            }
        }
    }
}
