using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Docs.Tests;

/// <summary>One <c>```csharp</c> block of a README, with the blocks it continues prepended.</summary>
/// <param name="File">The README, relative to the repository root.</param>
/// <param name="Line">The line of the block's opening fence (1-based).</param>
/// <param name="Code">The code to compile: the block, after the blocks it continues.</param>
/// <param name="IsContinuation">Marked <c>&lt;!-- snippet: continues --&gt;</c>: it goes on from the block before it in the same file.</param>
public sealed record ReadmeSnippet(string File, int Line, string Code, bool IsContinuation)
{
    /// <summary>An ASP.NET Core app (compiled with the Web SDK's implicit usings) rather than a console app.</summary>
    public bool IsWebApp => Code.Contains("WebApplication.", StringComparison.Ordinal);

    /// <summary>Starts its own emulator, so it can run as it is.</summary>
    public bool StartsTheEmulator => Code.Contains("VerificationEmulator.StartAsync", StringComparison.Ordinal);

    public override string ToString() => $"{File} line {Line}";
}

/// <summary>
/// Finds the C# blocks of README.md and src/*/README.md. A block preceded by the line
/// <c>&lt;!-- snippet: continues --&gt;</c> is the same program as the block before it (for example
/// the error-handling lines after the Quick start), and is compiled after it; every other block
/// must be a complete program on its own, as a user would paste it into a new console or web app.
/// </summary>
public static class ReadmeSnippets
{
    public const string ContinuesMarker = "<!-- snippet: continues -->";

    private static readonly Regex Fence = new(@"^```(\S*)\s*$", RegexOptions.CultureInvariant);

    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<string> ReadmeFiles() =>
        new[] { "README.md" }
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
                .Select(d => Path.Combine(d, "README.md"))
                .Where(File.Exists)
                .Select(p => Path.GetRelativePath(RepositoryRoot, p).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal))
            .ToList();

    public static IReadOnlyList<ReadmeSnippet> All() => ReadmeFiles().SelectMany(Parse).ToList();

    public static IReadOnlyList<ReadmeSnippet> Parse(string relativePath) =>
        Parse(relativePath, File.ReadAllLines(Path.Combine(RepositoryRoot, relativePath)));

    public static IReadOnlyList<ReadmeSnippet> Parse(string relativePath, IReadOnlyList<string> lines)
    {
        var snippets = new List<ReadmeSnippet>();
        string? previousCode = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var open = Fence.Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var language = open.Groups[1].Value;
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Count && lines[i].TrimEnd() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            if (i == lines.Count)
            {
                throw new InvalidDataException($"{relativePath} line {start + 1}: a code block is never closed.");
            }

            if (!language.Equals("csharp", StringComparison.OrdinalIgnoreCase) && !language.Equals("cs", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var continues = PreviousNonBlankLine(lines, start)?.Trim() == ContinuesMarker;
            if (continues && previousCode is null)
            {
                throw new InvalidDataException($"{relativePath} line {start + 1}: '{ContinuesMarker}' but no C# block before it.");
            }

            // #line keeps the compiler's line numbers those of the README.
            var code = $"#line {start + 2} \"{relativePath}\"\n" + string.Join("\n", body) + "\n";
            code = continues ? previousCode + code : code;
            snippets.Add(new ReadmeSnippet(relativePath, start + 1, code, continues));
            previousCode = code;
        }

        return snippets;
    }

    private static string? PreviousNonBlankLine(IReadOnlyList<string> lines, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return lines[i];
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sinch.Verification.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Sinch.Verification.Generated.sln) is not above " + AppContext.BaseDirectory);
    }
}
