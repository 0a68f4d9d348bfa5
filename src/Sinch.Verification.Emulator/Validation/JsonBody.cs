using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>Strict JSON reading of untrusted bodies: UTF-8 only, bounded depth, one value, no duplicate members.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializer Serializer = VerificationJson.CreateSerializer();
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    /// <summary>Parses a body; throws 400/40001 for anything that is not exactly one JSON value.</summary>
    public static JToken Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw EmulatorApiException.Validation("The request body is empty; expected a JSON object.");
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(StrictUtf8.GetString(SkipBom(body.Span))))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 32,
            };
            var token = JToken.ReadFrom(reader, LoadSettings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw EmulatorApiException.Validation("The request body holds more than one JSON value.");
                }
            }

            return token;
        }
        catch (JsonException e)
        {
            throw EmulatorApiException.Validation("The request body is not valid JSON: " + e.Message);
        }
        catch (DecoderFallbackException)
        {
            throw EmulatorApiException.Validation("The request body is not valid UTF-8.");
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
        catch (JsonException e)
        {
            throw EmulatorApiException.Validation("The request body does not match the expected shape: " + e.Message);
        }
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes.Slice(3) : bytes;
}
