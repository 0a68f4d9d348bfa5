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

    /// <summary>
    /// Reads API responses in the generated client: <see cref="Serializer"/>'s rules, with the
    /// "required member must not be null" rule checked by the member's setter instead of by
    /// Newtonsoft's presence tracking, which builds a dictionary of every member for every object
    /// read (the benchmarks found it on the hot path). Same verdicts: a required member sent as
    /// null is an error; a missing one is tolerated, as before.
    /// </summary>
    internal static JsonSerializer ResponseSerializer { get; } = JsonSerializer.Create(Apply(new JsonSerializerSettings(), new ResponseContractResolver()));

    /// <summary>Applies this SDK's rules to <paramref name="settings"/> and returns it.</summary>
    public static JsonSerializerSettings Apply(JsonSerializerSettings settings) => Apply(settings, ContractResolver);

    private static JsonSerializerSettings Apply(JsonSerializerSettings settings, IContractResolver resolver)
    {
        // Keep date-like strings as strings: Sinch's timestamps lack offsets, and unknown
        // members kept in AdditionalProperties must round-trip unchanged.
        settings.DateParseHandling = DateParseHandling.None;
        settings.NullValueHandling = NullValueHandling.Ignore;
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
        settings.MaxDepth = 64;
        settings.ContractResolver = resolver;
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
internal class VerificationContractResolver : DefaultContractResolver
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

/// <summary>The resolver of <see cref="VerificationJson.ResponseSerializer"/>.</summary>
internal sealed class ResponseContractResolver : VerificationContractResolver
{
    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.Required == Required.DisallowNull && property.ValueProvider is { } inner && property.PropertyName is { } name)
        {
            property.Required = Required.Default;
            property.NullValueHandling = NullValueHandling.Include; // a null must reach the setter to be refused
            property.ValueProvider = new NonNullValueProvider(inner, name);
        }

        return property;
    }

    private sealed class NonNullValueProvider(IValueProvider inner, string name) : IValueProvider
    {
        public void SetValue(object target, object? value)
        {
            if (value is null)
            {
                throw new JsonSerializationException($"Required property '{name}' expects a non-null value.", name, 0, 0, null);
            }

            inner.SetValue(target, value);
        }

        public object? GetValue(object target) => inner.GetValue(target);
    }
}
