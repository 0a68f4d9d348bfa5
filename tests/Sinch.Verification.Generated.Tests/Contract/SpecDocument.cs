using Sinch.Verification.SpecCheck;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>The spec loaded once with NSwag.Core/NJsonSchema, and the examples it declares.</summary>
internal static class SpecDocument
{
    // Loaded from typed JSON (see YamlToJson) so that example values keep their numbers and booleans.
    private static readonly Lazy<Task<OpenApiDocument>> Loaded = new(() => OpenApiDocument.FromJsonAsync(YamlToJson.Load(TestPaths.Spec).ToString(), TestPaths.Spec));

    public static Task<OpenApiDocument> LoadAsync() => Loaded.Value;

    public static async Task<JsonSchema> SchemaAsync(string name) => (await LoadAsync()).Components.Schemas[name];

    /// <summary>One example of the spec: where it sits, the schema it must match and its value.</summary>
    public sealed record Example(string Location, JsonSchema Schema, JToken Value);

    public static async Task<IReadOnlyList<Example>> ExamplesAsync()
    {
        var document = await LoadAsync();
        var examples = new List<Example>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (verb, operation) in item)
            {
                CollectOperation($"{verb.ToUpperInvariant()} {path}", operation, examples);
                foreach (var (name, callback) in operation.Callbacks ?? new Dictionary<string, OpenApiCallback>())
                {
                    foreach (var (url, callbackItem) in callback)
                    {
                        foreach (var (callbackVerb, callbackOperation) in callbackItem)
                        {
                            CollectOperation($"callback {name} {callbackVerb} {url}", callbackOperation, examples);
                        }
                    }
                }
            }
        }

        foreach (var (name, schema) in document.Components.Schemas)
        {
            CollectSchema($"#/components/schemas/{name}", schema, examples);
        }

        return examples;
    }

    private static void CollectOperation(string where, OpenApiOperation operation, List<Example> examples)
    {
        foreach (var parameter in operation.ActualParameters)
        {
            if (parameter.Example is not null)
            {
                examples.Add(new Example($"{where} parameter {parameter.Name}", parameter.ActualSchema, ToToken(parameter.Example)));
            }
        }

        if (operation.RequestBody is { } body)
        {
            CollectMedia($"{where} request", body.Content, examples);
        }

        foreach (var (status, response) in operation.ActualResponses)
        {
            CollectMedia($"{where} response {status}", response.Content, examples);
        }
    }

    private static void CollectMedia(string where, IDictionary<string, OpenApiMediaType> content, List<Example> examples)
    {
        foreach (var (mediaType, media) in content)
        {
            if (media.Example is not null)
            {
                examples.Add(new Example($"{where} {mediaType} example", media.Schema.ActualSchema, ToToken(media.Example)));
            }

            foreach (var (name, example) in media.Examples)
            {
                examples.Add(new Example($"{where} {mediaType} examples.{name}", media.Schema.ActualSchema, ToToken(example.Value)));
            }
        }
    }

    private static void CollectSchema(string where, JsonSchema schema, List<Example> examples)
    {
        if (schema.Example is not null)
        {
            examples.Add(new Example(where, schema.ActualSchema, ToToken(schema.Example)));
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (property.Example is not null)
            {
                examples.Add(new Example($"{where}/properties/{name}", property.ActualSchema, ToToken(property.Example)));
            }
        }
    }

    private static JToken ToToken(object value) => value as JToken ?? JToken.FromObject(value);
}
