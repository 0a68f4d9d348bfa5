using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// The one set of JSON rules for everything this SDK reads and writes (the generated client,
/// callbacks, the emulator, the CLI). The SDK's own settings and serializer are internal, so no
/// code outside can change its wire format; <see cref="CreateSerializer"/> gives you a copy.
/// </summary>
/// <remarks>
/// Trimming and NativeAOT: Newtonsoft.Json reads types by reflection. The SDK's own DTOs keep
/// what it reads (Serialization/ILLink.Descriptors.xml), so the SDK's internal
/// serializers are safe; the public members here also take your types, which the trimmer cannot
/// see, so they carry <c>[RequiresUnreferencedCode]</c>.
/// </remarks>
public static class VerificationJson
{
    // One shared resolver: Newtonsoft caches contracts per resolver instance. Declared first:
    // static initialisers run in text order and Settings below needs it.
    private static readonly VerificationContractResolver ContractResolver = new();

    /// <summary>The SDK's settings; internal because settings objects are mutable.</summary>
    internal static JsonSerializerSettings Settings { get; } = ApplyForSdkTypes(new JsonSerializerSettings());

    /// <summary>The SDK's serializer over <see cref="Settings"/>, shared by every reader and writer in this assembly.</summary>
    internal static JsonSerializer Serializer { get; } = CreateForSdkTypes(Settings);

    /// <summary>
    /// Reads API responses in the generated client: <see cref="Serializer"/>'s rules, with the
    /// "required member must not be null" rule checked by the member's setter instead of by
    /// Newtonsoft's presence tracking, which builds a dictionary of every member for every object
    /// read (the benchmarks found it on the hot path). Same verdicts: a required member sent as
    /// null (or, for an open value set, as "") is an error; a missing one is tolerated, as before.
    /// </summary>
    internal static JsonSerializer ResponseSerializer { get; } = CreateForSdkTypes(Apply(new JsonSerializerSettings(), new ResponseContractResolver()));

    internal const string RequiresUnreferencedCodeMessage =
        "Newtonsoft.Json reads the members of the types it is given by reflection; the trimmer keeps them for this SDK's DTOs only. Keep your own types' members (e.g. [DynamicallyAccessedMembers]) or do not trim them.";

    internal const string RequiresDynamicCodeMessage =
        "Newtonsoft.Json may create generic types at run time for the types it is given; with NativeAOT, test your own types.";

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Newtonsoft.Json falls back to reflection when dynamic code is not supported; the SDK's DTOs are reference types (checked by build/trim-check/run.sh).")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The SDK's serializers read and write the SDK's DTOs, which keep their constructors and properties (Serialization/ILLink.Descriptors.xml); the public members that take other types carry [RequiresUnreferencedCode].")]
    private static JsonSerializer CreateForSdkTypes(JsonSerializerSettings settings) => JsonSerializer.Create(settings);

    /// <summary>
    /// A new serializer with this SDK's rules, for code that reads or writes its DTOs (the
    /// emulator, the CLI, your tests). Create it once and keep it: building one per call is what
    /// this SDK avoids. Changing it changes nothing in the SDK.
    /// </summary>
    [RequiresUnreferencedCode(RequiresUnreferencedCodeMessage)]
    [RequiresDynamicCode(RequiresDynamicCodeMessage)]
    public static JsonSerializer CreateSerializer() => JsonSerializer.Create(Apply(new JsonSerializerSettings()));

    /// <summary>Applies this SDK's rules to <paramref name="settings"/> and returns it.</summary>
    [RequiresUnreferencedCode(RequiresUnreferencedCodeMessage)]
    [RequiresDynamicCode(RequiresDynamicCodeMessage)]
    public static JsonSerializerSettings Apply(JsonSerializerSettings settings) => Apply(settings, ContractResolver);

    /// <summary><see cref="Apply(JsonSerializerSettings)"/> for the generated client's own settings (SDK types only).</summary>
    internal static JsonSerializerSettings ApplyForSdkTypes(JsonSerializerSettings settings) => Apply(settings, ContractResolver);

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

    // JsonConvert's helpers would build a serializer per call and merge in the process-wide
    // JsonConvert.DefaultSettings, which could change this SDK's wire format; these use the SDK's own.

    /// <summary>Serializes <paramref name="value"/> with this SDK's rules.</summary>
    [RequiresUnreferencedCode(RequiresUnreferencedCodeMessage)]
    [RequiresDynamicCode(RequiresDynamicCodeMessage)]
    public static string Serialize(object value) => SerializeSdkType(value);

    /// <summary><see cref="Serialize"/> for the SDK's own DTOs, whose members the trimmer keeps.</summary>
    internal static string SerializeSdkType(object value)
    {
        var text = new StringBuilder(256);
        Write(text, value);
        return text.ToString();
    }

    /// <summary>Deserializes <paramref name="json"/> with this SDK's rules.</summary>
    [RequiresUnreferencedCode(RequiresUnreferencedCodeMessage)]
    [RequiresDynamicCode(RequiresDynamicCodeMessage)]
    public static T? Deserialize<T>(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        using var reader = new JsonTextReader(new StringReader(json)) { ArrayPool = JsonCharPool.Instance };
        return Serializer.Deserialize<T>(reader);
    }

    /// <summary>Writes <paramref name="value"/> as JSON into <paramref name="text"/>.</summary>
    internal static void Write(StringBuilder text, object value)
    {
        using var writer = new JsonTextWriter(new StringWriter(text, CultureInfo.InvariantCulture)) { ArrayPool = JsonCharPool.Instance };
        Serializer.Serialize(writer, value);
    }
}

/// <summary>
/// A request DTO that checks itself before it is sent. The generated client checks its body
/// (<see cref="VerificationJsonContent.Create"/>) and <c>VerificationCallbackReply.ToJson</c> a
/// reply, as an explicit step before serializing; serializing itself checks nothing.
/// </summary>
internal interface IValidatedRequest
{
    /// <summary>Throws <see cref="ArgumentException"/> when the request cannot be valid.</summary>
    void Validate();
}

/// <summary>
/// A generated DTO's unknown members, without creating its dictionary (build/templates/Class.liquid,
/// SINCH (5)): the public <c>AdditionalProperties</c> creates one on first read.
/// </summary>
internal interface IExtensionData
{
    /// <summary>The unknown members, or null when none was ever set.</summary>
    IDictionary<string, object>? ExtensionDataOrNull { get; }
}

/// <summary>The SDK's contracts: unknown members of generated DTOs are written from <see cref="IExtensionData"/>.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2109", Justification = "Resolves the contracts of the SDK's DTOs, which keep their constructors and properties (Serialization/ILLink.Descriptors.xml).")]
internal class VerificationContractResolver : DefaultContractResolver
{
#if NET
    // The DTOs' [JsonExtensionData] member (AdditionalProperties, an IDictionary<string, object>):
    // Newtonsoft finds its indexer and creates a Dictionary<string, object> by reflection, which
    // NativeAOT keeps only when told to.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicMethods, typeof(IDictionary<string, object>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicMethods, typeof(Dictionary<string, object>))]
#endif
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Newtonsoft.Json falls back to reflection when dynamic code is not supported.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Resolves the contracts of the SDK's DTOs, which keep their constructors and properties (Serialization/ILLink.Descriptors.xml).")]
    public VerificationContractResolver()
    {
    }

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);

        // Writing AdditionalProperties would allocate an empty dictionary per object.
        if (contract.ExtensionDataGetter is not null && typeof(IExtensionData).IsAssignableFrom(objectType))
        {
            contract.ExtensionDataGetter = value => (IEnumerable<KeyValuePair<object, object>>?)ToPairs(((IExtensionData)value).ExtensionDataOrNull);
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
            // Newtonsoft's own check also counts "" as null for members that are not strings; for
            // this SDK's DTOs that is an open value set read from "".
            if (value is null or ExtensibleEnum { Value.Length: 0 })
            {
                throw new JsonSerializationException($"Required property '{name}' expects a non-null value.", name, 0, 0, null);
            }

            inner.SetValue(target, value);
        }

        public object? GetValue(object target) => inner.GetValue(target);
    }
}

/// <summary>Lends Newtonsoft's readers and writers their character buffers from <see cref="ArrayPool{T}.Shared"/>.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
