using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NJsonSchema;
using NSwag;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>
/// The schemas of the embedded <c>spec/sinch-verification.yaml</c> that the emulator validates
/// against. The spec is the same file the SDK is generated from, so the client and the emulator
/// cannot disagree about what a valid request is.
/// </summary>
internal sealed class SpecSchemas
{
    private const string ResourceName = "sinch-verification.yaml";

    // Parsing the spec takes a few hundred milliseconds and the result never changes: load it
    // once per process and share it between emulator instances. The loaded schemas are only
    // read afterwards, which is safe from any number of threads.
    private static readonly Lazy<Task<SpecSchemas>> Shared = new(LoadAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<JsonSchema, SpecStringRule> _stringRules = new(ReferenceEqualityComparer.Instance);

    private SpecSchemas(OpenApiDocument document)
    {
        foreach (var schema in document.Components.Schemas.Values)
        {
            SimplifyOpenValueSet(schema);
        }

        var visited = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components.Schemas.Values)
        {
            TakeStringRules(schema, visited);
        }

        // RequestValidator checks the rules where its walk goes, which is not into anyOf/oneOf
        // branches: a branch naming a schema whose rules moved out would lose them silently.
        foreach (var schema in visited)
        {
            if (schema.AnyOf.Concat(schema.OneOf).FirstOrDefault(branch => _stringRules.ContainsKey(branch.ActualSchema)) is not null)
            {
                throw new InvalidOperationException("The spec refers to a schema with pattern/minLength/maxLength from an anyOf/oneOf branch; the emulator's validation does not support that yet.");
            }
        }

        StartVerificationRequest = Get(document, nameof(StartVerificationRequest));
        ReportVerificationRequest = Get(document, nameof(ReportVerificationRequest));
        VerificationRequestEventResponse = Get(document, nameof(VerificationRequestEventResponse));
    }

    /// <summary>Body of <c>POST /verifications</c>.</summary>
    public JsonSchema StartVerificationRequest { get; }

    /// <summary>Body of both report operations.</summary>
    public JsonSchema ReportVerificationRequest { get; }

    /// <summary>A callback's reply to a <c>VerificationRequestEvent</c>.</summary>
    public JsonSchema VerificationRequestEventResponse { get; }

    /// <summary>
    /// The length and pattern limits of a string schema (its own, not those of a <c>$ref</c>
    /// target), or null. NJsonSchema no longer sees them: <see cref="RequestValidator"/> checks
    /// them as JSON Schema means them.
    /// </summary>
    public SpecStringRule? StringRuleOf(JsonSchema schema) => _stringRules.GetValueOrDefault(schema);

    /// <summary>The shared instance, loaded on first use.</summary>
    public static Task<SpecSchemas> GetAsync(CancellationToken cancellationToken) => Shared.Value.WaitAsync(cancellationToken);

    private static async Task<SpecSchemas> LoadAsync()
    {
        using var stream = typeof(SpecSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; the emulator project must embed the spec.");
        using var reader = new StreamReader(stream);
        var yaml = await reader.ReadToEndAsync().ConfigureAwait(false);
        var document = await OpenApiYamlDocument.FromYamlAsync(yaml).ConfigureAwait(false);
        return new SpecSchemas(document);
    }

    // An open value set is `anyOf: [{$ref: KnownX}, {type: string}]` (KnownX: a string enum), which accepts
    // exactly what `{type: string}` accepts. NJsonSchema validates every branch of an anyOf and
    // collects their errors, on every request; the equivalent plain string schema gives the same
    // verdict for a fraction of the work (the emulator's load test spent a quarter of its time
    // validating bodies). The known values stay in the spec; the engine checks what it supports.
    private static void SimplifyOpenValueSet(JsonSchema schema)
    {
        var branches = schema.AnyOf;
        if (branches.Count == 0 || !branches.All(b => b.ActualSchema.Type == JsonObjectType.String))
        {
            return;
        }

        var unconstrained = branches.Any(b => b.Enumeration.Count == 0 && b.Pattern is null && b.Format is null
            && b.MinLength is null && b.MaxLength is null && b.AnyOf.Count == 0 && b.OneOf.Count == 0 && b.AllOf.Count == 0);
        if (unconstrained)
        {
            branches.Clear();
            schema.Type = JsonObjectType.String;
        }
    }

    // NJsonSchema counts lengths in UTF-16 units and matches patterns with .NET's regex (where
    // `$` also matches before a final newline); JSON Schema counts code points and means
    // ECMA-262. So the limits move out of the schemas into StringRules, read from the spec at
    // load. Branches of anyOf/oneOf keep theirs: moving them out would widen the branch.
    private void TakeStringRules(JsonSchema schema, HashSet<JsonSchema> visited)
    {
        if (!visited.Add(schema))
        {
            return;
        }

        if (schema.Pattern is not null || schema.MinLength is not null || schema.MaxLength is not null)
        {
            _stringRules[schema] = new SpecStringRule(schema.MinLength, schema.MaxLength, schema.Pattern);
            schema.Pattern = null;
            schema.MinLength = null;
            schema.MaxLength = null;
        }

        foreach (var child in schema.Properties.Values.Cast<JsonSchema>().Concat(schema.AllOf))
        {
            TakeStringRules(child, visited);
        }

        if (schema.Item is { } item)
        {
            TakeStringRules(item, visited);
        }

        if (schema.AdditionalPropertiesSchema is { } additional)
        {
            TakeStringRules(additional, visited);
        }
    }

    private static JsonSchema Get(OpenApiDocument document, string name) =>
        document.Components.Schemas.TryGetValue(name, out var schema)
            ? schema
            : throw new InvalidOperationException($"The spec has no schema {name}.");
}
