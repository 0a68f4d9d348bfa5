using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>
/// Strict reading of untrusted bodies (requests and callback replies) with the SDK's strict reader
/// (<see cref="StrictJson"/>, linked source: the SDK reads the callbacks it receives with the same
/// rules): exactly RFC 8259, UTF-8 only, bounded depth, numbers the emulator can hold exactly, no
/// member twice in any spelling, and a null member is an absent one. Every refusal is 400/40001.
/// </summary>
internal static class JsonBody
{
    private const int MaxDepth = 32;

    private static readonly Newtonsoft.Json.JsonSerializer Serializer = VerificationJson.CreateSerializer();

    /// <summary>Parses a body; throws 400/40001 for anything that is not exactly one valid JSON value.</summary>
    public static JToken Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return StrictJson.Parse(body.Span, "request body", MaxDepth);
        }
        catch (StrictJsonException e)
        {
            throw EmulatorApiException.Validation(e.Message);
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
}
