using Sinch.Verification.SpecCheck;
using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// Object schemas are named components (the spec's header, decision 6): NSwag turns an inline
/// object into a public class named after its position (<c>Anonymous</c>, <c>Response2</c>,
/// <c>Sms2</c>...), which then ships in the API. Every place a schema can sit is walked and an
/// object schema anywhere but directly under <c>#/components/schemas</c> fails, by JSON pointer.
/// </summary>
[TestClass]
public sealed class NamedSchemaTests
{
    private static readonly string[] Verbs = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    [TestMethod]
    public void Every_object_schema_of_the_spec_is_a_named_component()
    {
        var walk = Schemas((JObject)YamlToJson.Load(TestPaths.Spec));

        // The walk reaches operations, shared responses, callbacks and properties of named schemas.
        foreach (var schema in new[]
        {
            "#/paths/~1verifications/post/requestBody/content/application~1json/schema",
            "#/components/responses/Status/content/application~1json/schema",
            "#/paths/~1verifications/post/callbacks/verificationEvents/https:~1~1your-backend.example.com~1sinch~1verification/post/requestBody/content/application~1json/schema/anyOf/0",
            "#/components/schemas/StartVerificationResponse/properties/_links/items",
        })
        {
            CollectionAssert.Contains(walk.Visited, schema);
        }

        var inline = walk.Inline;
        Assert.IsEmpty(inline, "Object schemas declared inline, which NSwag would make classes named after their position; " +
            "move each to #/components/schemas under a name and $ref it:\n" + string.Join("\n", inline));
    }

    [TestMethod]
    public void The_walk_finds_inline_objects_in_properties_items_bodies_answers_parameters_and_callbacks()
    {
        var spec = JObject.Parse("""
            {
              "paths": {
                "/a/{x}": {
                  "parameters": [ { "name": "x", "in": "path", "schema": { "type": "object" } } ],
                  "post": {
                    "parameters": [ { "name": "q", "in": "query", "content": { "application/json": { "schema": { "properties": { "n": { "type": "string" } } } } } } ],
                    "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "p": { "type": "string" } } } } } },
                    "responses": {
                      "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object" } } } } },
                      "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Named" } } } }
                    },
                    "callbacks": { "c": { "https://x/y": { "post": {
                      "requestBody": { "content": { "application/json": { "schema": {
                        "anyOf": [ { "$ref": "#/components/schemas/Named" }, { "properties": { "z": { "type": "string" } } } ],
                        "discriminator": { "propertyName": "event" } } } } } } } } }
                  }
                }
              },
              "components": {
                "schemas": {
                  "Named": { "type": "object", "properties": { "inner": { "type": "object", "properties": { "deep": { "type": "object" } } }, "ok": { "$ref": "#/components/schemas/Other" } } },
                  "Other": { "type": "object", "additionalProperties": { "type": "object" } },
                  "Open": { "anyOf": [ { "$ref": "#/components/schemas/Other" }, { "type": "string" } ] }
                },
                "responses": { "R": { "content": { "application/json": { "schema": { "properties": { "r": { "type": "string" } } } } } } },
                "parameters": { "P": { "name": "p", "in": "query", "schema": { "type": "object" } } },
                "headers": { "H": { "schema": { "type": "object" } } }
              }
            }
            """);

        var inline = InlineObjectSchemas(spec);

        CollectionAssert.AreEquivalent(
            new[]
            {
                "#/paths/~1a~1{x}/parameters/0/schema",
                "#/paths/~1a~1{x}/post/parameters/0/content/application~1json/schema",
                "#/paths/~1a~1{x}/post/requestBody/content/application~1json/schema",
                "#/paths/~1a~1{x}/post/responses/200/content/application~1json/schema/items",
                "#/paths/~1a~1{x}/post/callbacks/c/https:~1~1x~1y/post/requestBody/content/application~1json/schema/anyOf/1",
                "#/components/schemas/Named/properties/inner",
                "#/components/schemas/Named/properties/inner/properties/deep",
                "#/components/schemas/Other/additionalProperties",
                "#/components/responses/R/content/application~1json/schema",
                "#/components/parameters/P/schema",
                "#/components/headers/H/schema",
            },
            inline.ToList(),
            string.Join("\n", inline));
    }

    /// <summary>JSON pointers of the object schemas (with <c>properties</c>, or <c>type: object</c>) that are not a named component.</summary>
    private static IReadOnlyList<string> InlineObjectSchemas(JObject spec) => Schemas(spec).Inline;

    /// <summary>Every schema the walk visited (references included) and the inline object schemas among them.</summary>
    private static Walk Schemas(JObject spec)
    {
        var found = new Walk();
        foreach (var (name, path) in Members(spec["paths"]))
        {
            PathItem(path, "#/paths/" + Escape(name), found);
        }

        var components = spec["components"];
        foreach (var (name, schema) in Members(components?["schemas"]))
        {
            // Named: itself fine, what it declares inline is not.
            Inner(schema, "#/components/schemas/" + Escape(name), found);
        }

        foreach (var (name, parameter) in Members(components?["parameters"]))
        {
            Parameter(parameter, "#/components/parameters/" + Escape(name), found);
        }

        foreach (var (name, response) in Members(components?["responses"]))
        {
            Response(response, "#/components/responses/" + Escape(name), found);
        }

        foreach (var (name, body) in Members(components?["requestBodies"]))
        {
            Content(body["content"], "#/components/requestBodies/" + Escape(name) + "/content", found);
        }

        foreach (var (name, header) in Members(components?["headers"]))
        {
            Parameter(header, "#/components/headers/" + Escape(name), found);
        }

        foreach (var (name, callback) in Members(components?["callbacks"]))
        {
            foreach (var (url, item) in Members(callback))
            {
                PathItem(item, $"#/components/callbacks/{Escape(name)}/{Escape(url)}", found);
            }
        }

        return found;
    }

    private sealed class Walk
    {
        public List<string> Visited { get; } = new();

        public List<string> Inline { get; } = new();
    }

    private static void PathItem(JToken item, string at, Walk found)
    {
        foreach (var (index, parameter) in Items(item["parameters"]))
        {
            Parameter(parameter, $"{at}/parameters/{index}", found);
        }

        foreach (var verb in Verbs)
        {
            if (item[verb] is JObject operation)
            {
                Operation(operation, $"{at}/{verb}", found);
            }
        }
    }

    private static void Operation(JObject operation, string at, Walk found)
    {
        foreach (var (index, parameter) in Items(operation["parameters"]))
        {
            Parameter(parameter, $"{at}/parameters/{index}", found);
        }

        Content(operation["requestBody"]?["content"], at + "/requestBody/content", found);
        foreach (var (status, response) in Members(operation["responses"]))
        {
            Response(response, $"{at}/responses/{Escape(status)}", found);
        }

        foreach (var (name, callback) in Members(operation["callbacks"]))
        {
            foreach (var (url, item) in Members(callback))
            {
                PathItem(item, $"{at}/callbacks/{Escape(name)}/{Escape(url)}", found);
            }
        }
    }

    // A parameter or a header: a schema, or content.
    private static void Parameter(JToken parameter, string at, Walk found)
    {
        Schema(parameter["schema"], at + "/schema", found);
        Content(parameter["content"], at + "/content", found);
    }

    private static void Response(JToken response, string at, Walk found)
    {
        foreach (var (name, header) in Members(response["headers"]))
        {
            Parameter(header, $"{at}/headers/{Escape(name)}", found);
        }

        Content(response["content"], at + "/content", found);
    }

    private static void Content(JToken? content, string at, Walk found)
    {
        foreach (var (mediaType, media) in Members(content))
        {
            Schema(media["schema"], $"{at}/{Escape(mediaType)}/schema", found);
        }
    }

    private static void Schema(JToken? schema, string at, Walk found)
    {
        if (schema is not JObject s)
        {
            return;
        }

        found.Visited.Add(at);
        if (s["$ref"] is not null)
        {
            return; // a reference names its schema
        }

        if (s["properties"] is JObject || (s["type"] is JValue { Type: JTokenType.String } type && (string)type! == "object"))
        {
            found.Inline.Add(at);
        }

        Inner(s, at, found);
    }

    // The schemas a schema declares: properties, items, additionalProperties, allOf/anyOf/oneOf, not.
    private static void Inner(JToken schema, string at, Walk found)
    {
        if (schema is not JObject)
        {
            return;
        }

        foreach (var (name, property) in Members(schema["properties"]))
        {
            Schema(property, $"{at}/properties/{Escape(name)}", found);
        }

        Schema(schema["items"], at + "/items", found);
        Schema(schema["additionalProperties"], at + "/additionalProperties", found);
        Schema(schema["not"], at + "/not", found);
        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var (index, sub) in Items(schema[keyword]))
            {
                Schema(sub, $"{at}/{keyword}/{index}", found);
            }
        }
    }

    private static IEnumerable<(string Name, JToken Value)> Members(JToken? map) =>
        map is JObject o ? o.Properties().Select(p => (p.Name, p.Value)) : Enumerable.Empty<(string, JToken)>();

    private static IEnumerable<(int Index, JToken Value)> Items(JToken? list) =>
        list is JArray a ? a.Select((v, i) => (i, v)) : Enumerable.Empty<(int, JToken)>();

    // RFC 6901: '~' is written ~0 and '/' ~1.
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
