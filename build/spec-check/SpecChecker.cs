using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;

namespace Sinch.Verification.SpecCheck;

/// <summary>
/// Validates an OpenAPI 3.0 YAML document against the OpenAPI 3.0 JSON Schema and names its first
/// problem at its line: the YAML is converted to JSON with each token annotated with the position
/// of the YAML node it came from, so a validation error's token leads back to the spec's line.
/// Compiled into the SpecCheck tool and, as a linked file, into the tests.
/// </summary>
internal static class SpecChecker
{
    /// <summary>One problem in the spec: 1-based position and a message that names it.</summary>
    public sealed record Problem(int Line, int Column, string Message)
    {
        public string ToMSBuildError(string file) =>
            $"{file}({Line},{Column}): error SINCHSPEC: {Message}";
    }

    public static async Task<Problem?> CheckAsync(string specPath, string schemaPath)
    {
        var schema = await JsonSchema.FromFileAsync(schemaPath);
        JToken document;
        try
        {
            document = YamlToJson.Load(specPath);
        }
        catch (YamlException e)
        {
            return new Problem(checked((int)e.Start.Line), checked((int)e.Start.Column), "the spec is not valid YAML: " + e.Message);
        }

        var errors = schema.Validate(document);
        if (errors.Count == 0)
        {
            return null;
        }

        // Names of the schema's definitions ("Schema", "Response", ...), to say what kind of object is wrong.
        var definitions = schema.Definitions.ToDictionary(d => d.Value.ActualSchema, d => d.Key);
        var error = Innermost(errors.OrderBy(e => Position(e).Line).ThenBy(e => Position(e).Column).First());
        var (line, column) = Position(error);
        return new Problem(line, column, "the spec is not valid OpenAPI 3.0: " + Describe(error, definitions));
    }

    // A oneOf/anyOf error holds every branch's errors; the branch the spec meant is the one that
    // fails least: not "Reference" when the object has no $ref, then the fewest errors, then the
    // deepest one (an error inside the object says more than one about the object).
    private static ValidationError Innermost(ValidationError error)
    {
        if (error is not ChildSchemaValidationError child || child.Errors.Count == 0)
        {
            return error;
        }

        var branch = child.Errors.Values
            .Where(b => b.Count > 0)
            .OrderBy(b => b.All(e => e.Kind == ValidationErrorKind.PropertyRequired && e.Property == "$ref") ? 1 : 0)
            .ThenBy(b => b.Count)
            .ThenByDescending(b => b.Max(e => Depth(e.Token)))
            .FirstOrDefault();
        return branch is null ? error : Innermost(branch.OrderBy(e => Position(e).Line).First());
    }

    private static string Describe(ValidationError error, Dictionary<JsonSchema, string> definitions)
    {
        var token = error.Token;
        var where = definitions.TryGetValue(error.Schema.ActualSchema, out var name) ? " in " + Words(name) : string.Empty;
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                // The token is the unknown property's value; its parent is the property, whose parent is the object.
                return $"unknown property '{error.Property}'{where} at {PathOf(ObjectOf(token, error.Property))}";
            case ValidationErrorKind.PropertyRequired:
                return $"missing required property '{error.Property}'{where} at {PathOf(token)}";
            case ValidationErrorKind.NotInEnumeration:
                var allowed = string.Join(", ", error.Schema.ActualSchema.Enumeration.Select(v => v?.ToString()));
                return $"'{Text(token)}' is not one of {allowed} (at {PathOf(token)})";
            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf:
                return $"{PathOf(token)} matches none or more than one of its alternatives";
            default:
                var kind = error.Kind.ToString();
                if (kind.EndsWith("Expected", StringComparison.Ordinal))
                {
                    var expected = Words(kind[..^"Expected".Length]);
                    return $"'{error.Property ?? PropertyName(token)}' must be {Article(expected)} {expected}, not {Text(token)} (at {PathOf(token)})";
                }

                return $"{Words(kind)}: {Text(token)} (at {PathOf(token)})";
        }
    }

    // --- positions -------------------------------------------------------------------------------

    private static (int Line, int Column) Position(ValidationError error)
    {
        // For an unknown property, the line of its key; otherwise the line of the offending value.
        var token = error.Token;
        if (error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && ObjectOf(token, error.Property) is JObject o
            && o.Property(error.Property!, StringComparison.Ordinal) is { } p)
        {
            token = p;
        }

        for (; token is not null; token = token.Parent)
        {
            if (token.Annotation<YamlToJson.Position>() is { } at)
            {
                return (at.Line, at.Column);
            }
        }

        return (1, 1);
    }

    private static JToken? ObjectOf(JToken? token, string? property) =>
        token is JObject o && property is not null && o.ContainsKey(property) ? o : token?.Parent?.Parent ?? token;

    private static int Depth(JToken? token)
    {
        var depth = 0;
        for (; token is not null; token = token.Parent)
        {
            depth++;
        }

        return depth;
    }

    // components.schemas.X.properties.y, paths['/verifications'].post: where the token is in the document.
    private static string PathOf(JToken? token)
    {
        var parts = new List<string>();
        for (; token?.Parent is not null; token = token.Parent)
        {
            if (token is JProperty p)
            {
                parts.Add(Regex.IsMatch(p.Name, @"^[A-Za-z_][\w-]*$") ? "." + p.Name : $"['{p.Name}']");
            }
            else if (token.Parent is JArray a)
            {
                parts.Add($"[{a.IndexOf(token)}]");
            }
        }

        parts.Reverse();
        var path = string.Concat(parts).TrimStart('.');
        return path.Length == 0 ? "the top level" : path;
    }

    private static string PropertyName(JToken? token) => token?.Parent is JProperty p ? p.Name : PathOf(token);

    private static string Text(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } v => (string)v!,
        JValue { Type: JTokenType.Null } => "null",
        JValue { Type: JTokenType.Boolean } v => (bool)v ? "true" : "false",
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        JObject => "an object",
        JArray => "an array",
        _ => "nothing",
    };

    // "PathItem" -> "path item", "Array" -> "array".
    private static string Words(string name) => Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
