using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
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
            return new VerificationRequestCallback(ToEvent<VerificationRequestEvent>(root, VerificationRequestEvent.SpecShape));
        }

        if (eventType == VerificationEventType.VerificationResultEvent)
        {
            return new VerificationResultCallback(ToEvent<VerificationResultEvent>(root, VerificationResultEvent.SpecShape));
        }

        if (eventType == VerificationEventType.VerificationSmsDeliveredEvent)
        {
            return new VerificationSmsDeliveredCallback(ToEvent<VerificationSmsDeliveredEvent>(root, VerificationSmsDeliveredEvent.SpecShape));
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
    private static T ToEvent<T>(JObject root, JsonShape shape)
    {
        // Every member the spec names has the spec's type before the serializer sees it, which
        // would otherwise coerce (12345 into "12345", "0.5" into 0.5, "true" into true).
        shape.Check(root, typeof(T).Name);

        // nswag.json generates required members as Required.DisallowNull, whose presence the
        // serializer does not check.
        foreach (var name in shape.Required)
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
}
