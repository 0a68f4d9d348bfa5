using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NJsonSchema;
using NSwag;

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

    private SpecSchemas(OpenApiDocument document)
    {
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

    private static JsonSchema Get(OpenApiDocument document, string name) =>
        document.Components.Schemas.TryGetValue(name, out var schema)
            ? schema
            : throw new InvalidOperationException($"The spec has no schema {name}.");
}
