using System;
using System.Collections.Generic;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// The one set of JSON settings for everything this SDK reads and writes (the generated client,
/// callbacks, the emulator). Built once; never create settings per call.
/// </summary>
public static class VerificationJson
{
    // One shared resolver: Newtonsoft caches contracts per resolver instance. Declared first:
    // static initialisers run in text order and Settings below needs it.
    private static readonly VerificationContractResolver ContractResolver = new();

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
        settings.ContractResolver = ContractResolver;
        return settings;
    }

    /// <summary>Serializes with <see cref="Settings"/>.</summary>
    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>Deserializes with <see cref="Settings"/>.</summary>
    public static T? Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);
}

/// <summary>A request DTO that checks itself before it is sent.</summary>
internal interface IValidatedRequest
{
    /// <summary>Throws <see cref="ArgumentException"/> when the request cannot be valid.</summary>
    void Validate();
}

/// <summary>
/// Runs <see cref="IValidatedRequest.Validate"/> as the first step of serializing such a DTO. A
/// delegate callback, unlike an [OnSerializing] method (invoked by reflection), lets the
/// ArgumentException reach the caller unwrapped.
/// </summary>
internal sealed class VerificationContractResolver : DefaultContractResolver
{
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (typeof(IValidatedRequest).IsAssignableFrom(objectType))
        {
            contract.OnSerializingCallbacks.Add((value, _) => ((IValidatedRequest)value).Validate());
        }

        // Generated DTOs create their AdditionalProperties dictionary on first read, so writing
        // one would allocate an empty dictionary per object; read the backing field instead.
        var field = objectType.GetField("_additionalProperties", BindingFlags.Instance | BindingFlags.NonPublic);
        if (contract.ExtensionDataGetter is not null && field is not null && typeof(IDictionary<string, object>).IsAssignableFrom(field.FieldType))
        {
            contract.ExtensionDataGetter = value => (IEnumerable<KeyValuePair<object, object>>?)ToPairs((IDictionary<string, object>?)field.GetValue(value));
        }

        return contract;
    }

    private static IEnumerable<KeyValuePair<object, object>>? ToPairs(IDictionary<string, object>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        return Enumerate(values);

        static IEnumerable<KeyValuePair<object, object>> Enumerate(IDictionary<string, object> values)
        {
            foreach (var pair in values)
            {
                yield return new KeyValuePair<object, object>(pair.Key, pair.Value);
            }
        }
    }
}
