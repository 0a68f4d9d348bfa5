using Newtonsoft.Json;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// The one set of JSON settings for everything this SDK reads and writes (the generated client,
/// callbacks, the emulator). Built once; never create settings per call.
/// </summary>
public static class VerificationJson
{
    /// <summary>Shared, read-only-by-convention settings.</summary>
    public static JsonSerializerSettings Settings { get; } = Apply(new JsonSerializerSettings());

    /// <summary>A serializer over <see cref="Settings"/>.</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>Applies this SDK's rules to <paramref name="settings"/> and returns it.</summary>
    public static JsonSerializerSettings Apply(JsonSerializerSettings settings)
    {
        // Keep date-like strings as strings: Sinch's timestamps lack offsets, and unknown
        // members kept in AdditionalProperties must round-trip unchanged.
        settings.DateParseHandling = DateParseHandling.None;
        settings.NullValueHandling = NullValueHandling.Ignore;
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
        settings.MaxDepth = 64;
        return settings;
    }

    /// <summary>Serializes with <see cref="Settings"/>.</summary>
    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>Deserializes with <see cref="Settings"/>.</summary>
    public static T? Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);
}
