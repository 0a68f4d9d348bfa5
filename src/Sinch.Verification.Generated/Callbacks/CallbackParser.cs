using System;
using System.IO;
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
/// </remarks>
public static class CallbackParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a body from its raw UTF-8 bytes (a leading byte order mark is skipped).</summary>
    /// <param name="utf8Json">The body exactly as received.</param>
    /// <exception cref="CallbackParseException">The body is not UTF-8, not JSON, or not a callback.</exception>
    public static VerificationCallback Parse(ReadOnlySpan<byte> utf8Json)
    {
        ReadOnlySpan<byte> preamble = new byte[] { 0xEF, 0xBB, 0xBF };
        if (utf8Json.StartsWith(preamble))
        {
            utf8Json = utf8Json.Slice(preamble.Length);
        }

        string json;
        try
        {
#if NET
            json = StrictUtf8.GetString(utf8Json);
#else
            json = StrictUtf8.GetString(utf8Json.ToArray());
#endif
        }
        catch (DecoderFallbackException)
        {
            throw new CallbackParseException("The callback body is not valid UTF-8.");
        }

        return Parse(json);
    }

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

        var root = ReadObject(json);
        var eventToken = root.GetValue("event", StringComparison.OrdinalIgnoreCase);
        if (eventToken is null || eventToken.Type == JTokenType.Null)
        {
            throw new CallbackParseException("The callback has no 'event' member.", "event");
        }

        if (eventToken.Type != JTokenType.String)
        {
            throw new CallbackParseException($"The callback's 'event' member must be a string, found {eventToken.Type}.", eventToken.Path);
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

        return new UnknownVerificationCallback(eventType, json);
    }

    private static JObject ReadObject(string json)
    {
        // Our own reader: JToken.Parse would turn date-like strings into DateTime and has no
        // depth limit; these settings match VerificationJson.Settings.
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            MaxDepth = VerificationJson.Settings.MaxDepth,
        };

        JToken root;
        try
        {
            root = JToken.ReadFrom(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new CallbackParseException("The callback body has content after its JSON value.", reader.Path);
                }
            }
        }
        catch (JsonException e)
        {
            throw new CallbackParseException($"The callback body is not valid JSON ({Where(e)}).", PathOf(e));
        }

        return root as JObject
            ?? throw new CallbackParseException($"The callback body must be a JSON object, found {root.Type}.");
    }

    private static T ToEvent<T>(JObject root)
    {
        foreach (var name in RequiredMembers<T>.Names)
        {
            if (root.GetValue(name, StringComparison.OrdinalIgnoreCase) is null)
            {
                throw new CallbackParseException($"The {typeof(T).Name} has no '{name}' member, which the spec requires.", name);
            }
        }

        try
        {
            return root.ToObject<T>(VerificationJson.Serializer)
                ?? throw new CallbackParseException($"The {typeof(T).Name} is empty.");
        }
        catch (JsonException e)
        {
            // The JSON library wraps every conversion failure (wrong token, wrong type) in a
            // JsonException; the fuzz test holds it to that.
            throw new CallbackParseException($"The {typeof(T).Name} does not match its schema ({Where(e)}).", PathOf(e));
        }
    }

    private static string? PathOf(JsonException e) => e switch
    {
        JsonReaderException r => r.Path,
        JsonSerializationException s => s.Path,
        _ => null,
    };

    private static string Where(JsonException e) => e switch
    {
        JsonReaderException r => $"at '{r.Path}', line {r.LineNumber}, position {r.LinePosition}",
        JsonSerializationException s => $"at '{s.Path}', line {s.LineNumber}, position {s.LinePosition}",
        _ => "a member has the wrong type",
    };

    private static class RequiredMembers<T>
    {
        // nswag.json generates the spec's required members as Required.DisallowNull
        // (requiredPropertiesMustBeDefined: false), and the serializer does not check presence
        // for those; reading the contract keeps this check in step with the spec.
        public static readonly string[] Names =
            ((JsonObjectContract)VerificationJson.Serializer.ContractResolver.ResolveContract(typeof(T))).Properties
            .Where(p => p.Required is Required.DisallowNull or Required.Always && p.PropertyName is not null)
            .Select(p => p.PropertyName!)
            .ToArray();
    }
}
