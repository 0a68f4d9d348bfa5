using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Generated.ApiTests.Conventions;

/// <summary>
/// Every hand-written C# file under <c>src/</c> says what it owns where a reader looks first: a
/// comment (<c>///</c> or <c>//</c>) directly above its first type, or at the top of a file of
/// top-level statements. The README's "Contributing" table says why each folder is not
/// generated; this keeps the answer one glance away for each file in it.
/// </summary>
[TestClass]
public sealed partial class SourceFileTests
{
    [TestMethod]
    public void Every_hand_written_source_file_says_what_it_owns()
    {
        var root = TestNamingTests.RepoRoot;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .ToList();
        Assert.IsTrue(files.Count > 50, $"Only {files.Count} source files found under {root}/src.");

        var silent = files.Where(f => !SaysWhatItOwns(File.ReadAllLines(f)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.AreEqual(0, silent.Count,
            "These files do not say what they own (a /// summary or // comment right above the first type, attributes between are fine): "
            + string.Join(", ", silent));
    }

    [TestMethod]
    public void A_file_whose_first_type_has_no_comment_above_it_is_found()
    {
        Assert.IsFalse(SaysWhatItOwns(new[] { "namespace X;", "", "[Obsolete]", "internal sealed class Y { }" }));
        Assert.IsFalse(SaysWhatItOwns(new[] { "// a licence line", "namespace X;", "", "public record Y;" }));
        Assert.IsTrue(SaysWhatItOwns(new[] { "namespace X;", "/// <summary>What Y owns.</summary>", "[Obsolete]", "public static partial class Y { }" }));
        Assert.IsTrue(SaysWhatItOwns(new[] { "using System;", "// Ctrl+C stops the commands.", "return 0;" }));
    }

    private static bool SaysWhatItOwns(string[] lines)
    {
        var first = Array.FindIndex(lines, l => TypeDeclaration().IsMatch(l));
        if (first < 0)
        {
            // Top-level statements: a comment before the first statement.
            var statement = Array.FindIndex(lines, l => l.Trim() is { Length: > 0 } t && !t.StartsWith("using ", StringComparison.Ordinal) && !t.StartsWith("//", StringComparison.Ordinal));
            return lines.Take(statement < 0 ? lines.Length : statement).Any(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        }

        var above = first - 1;
        while (above >= 0 && lines[above].TrimStart().StartsWith('['))
        {
            above--;
        }

        return above >= 0 && lines[above].TrimStart().StartsWith("//", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|file|static|sealed|abstract|partial|readonly|ref)\s+)*(?:class|record|struct|interface|enum)\s+\w")]
    private static partial Regex TypeDeclaration();
}
