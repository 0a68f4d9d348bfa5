using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using PublicApiGenerator;

namespace Sinch.Verification.Generated.ApiTests.PublicApi;

/// <summary>
/// The public API of an assembly as PublicApiGenerator writes it (C#-like source: namespaces, types,
/// and their public and protected members with attributes and nullable annotations), and the
/// difference between two such texts, each changed line named with the type it belongs to.
/// </summary>
internal static partial class PublicApiSnapshot
{
    private const int MaxDifferenceLines = 60;

    private static readonly ApiGeneratorOptions Options = new()
    {
        // Every exported type of our own assemblies is API, whatever its namespace: the default would
        // leave out types in Microsoft.* and System.*, such as the IServiceCollection extensions that
        // live in Microsoft.Extensions.DependencyInjection on purpose.
        DenyNamespacePrefixes = [],

        // The generator's name and version on every generated type say which NSwag ran, not what a
        // user can call: without this, bumping NSwag would rewrite every DTO of the snapshot.
        ExcludeAttributes = ["System.CodeDom.Compiler.GeneratedCodeAttribute"],
    };

    /// <summary>The snapshot text of <paramref name="assembly"/>: a header line, then PublicApiGenerator's output, with \n line ends.</summary>
    public static string Render(Assembly assembly) =>
        $"// Public API of {assembly.GetName().Name}. Written by PublicApiTests with PublicApiGenerator; do not edit by hand.\n" +
        assembly.GeneratePublicApi(Options).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    /// <summary>
    /// The lines only in <paramref name="expected"/> (<c>-</c>) and only in <paramref name="actual"/> (<c>+</c>),
    /// grouped under the full name of the type each belongs to (a type's own declaration line, and the
    /// attributes above a declaration, belong to the type they declare or annotate). Braces are left out.
    /// </summary>
    public static string Difference(string expected, string actual)
    {
        // A line is compared together with its type, so a member removed from one type still shows
        // when another type has the same line (e.g. "public string Id { get; set; }").
        var before = Lines(expected);
        var after = Lines(actual);
        var removed = Subtract(before, after).Select(l => (l.Type, Text: "- " + l.Text));
        var added = Subtract(after, before).Select(l => (l.Type, Text: "+ " + l.Text));
        var changes = removed.Concat(added).ToList();
        if (changes.Count == 0)
        {
            return expected == actual ? string.Empty : "(no line was added or removed: only their order, indentation or braces differ)";
        }

        var output = new List<string>();
        foreach (var type in changes.GroupBy(c => c.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.Add(type.Key);
            output.AddRange(type.Select(c => "    " + c.Text));
        }

        return string.Join("\n", output.Take(MaxDifferenceLines)) +
            (output.Count > MaxDifferenceLines ? $"\n... and {output.Count - MaxDifferenceLines} more lines" : string.Empty);
    }

    /// <summary>
    /// Every meaningful line of a snapshot, trimmed (a generic constraint joined to its declaration), with the full
    /// name of the type it belongs to (outside types: the namespace, or "assembly" for assembly attributes).
    /// </summary>
    internal static List<(string Type, string Text)> Lines(string snapshot)
    {
        var result = new List<(string Type, string Text)>();
        var scopes = new Stack<string>();   // one entry per open brace: a namespace or type's full name, or its parent's for a member body
        var attributes = new List<string>(); // attribute lines waiting for the declaration they annotate
        string? declared = null;            // the namespace or type whose opening brace comes next

        foreach (var raw in snapshot.Split('\n'))
        {
            var line = raw.Trim();
            var current = scopes.Count > 0 ? scopes.Peek() : "assembly";
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "{")
            {
                scopes.Push(declared ?? current);
                declared = null;
                continue;
            }

            if (line is "}" or "};")
            {
                scopes.TryPop(out _);
                continue;
            }

            if (line.StartsWith("[assembly:", StringComparison.Ordinal))
            {
                result.Add(("assembly", line));
                continue;
            }

            if (line.StartsWith('['))
            {
                attributes.Add(line);
                continue;
            }

            // Generic constraints go on a line of their own: they belong to the declaration above.
            if (line.StartsWith("where ", StringComparison.Ordinal) && result.Count > 0)
            {
                result[^1] = (result[^1].Type, result[^1].Text + " " + line);
                continue;
            }

            var owner = current;
            if (line.StartsWith("namespace ", StringComparison.Ordinal))
            {
                declared = line["namespace ".Length..];
                owner = declared;
            }
            else if (TypeDeclaration().Match(line) is { Success: true } type)
            {
                owner = (current == "assembly" ? string.Empty : current + ".") + type.Groups["name"].Value;
                declared = line.EndsWith(';') ? null : owner; // a delegate has no body
            }

            result.AddRange(attributes.Select(a => (owner, a)));
            attributes.Clear();
            result.Add((owner, line));
        }

        return result;
    }

    // Multiset difference, keeping the order of the first list.
    private static IEnumerable<(string Type, string Text)> Subtract(List<(string Type, string Text)> from, List<(string Type, string Text)> lines)
    {
        var left = lines.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        foreach (var line in from)
        {
            if (left.TryGetValue(line, out var count) && count > 0)
            {
                left[line] = count - 1;
            }
            else
            {
                yield return line;
            }
        }
    }

    // "public sealed class Name<T> : Base", "public enum Name", "public readonly struct Name",
    // "public record Name(...)", "public delegate void Name(...)": the declared name, generic parameters included.
    [GeneratedRegex(@"^(?:(?:public|protected|internal|private|static|abstract|sealed|partial|readonly|ref|unsafe|new)\s+)*(?:(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(?<name>[A-Za-z_]\w*(?:<[^>]*>)?)|delegate\s+.+\s(?<name>[A-Za-z_]\w*(?:<[^>]*>)?)\()")]
    private static partial Regex TypeDeclaration();
}
