using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Generated.ApiTests.Conventions;

/// <summary>
/// The README's "Contributing" part says, for every hand-written file of the SDK, what it owns and
/// why it is not generated, and quotes the hand-written lines of every project from
/// <c>build/line-counts.sh</c>. Both are facts about the tree, so they are checked against it: a
/// file added without a row, a row left for a deleted file, or a count that moved fails here.
/// </summary>
[TestClass]
public sealed partial class ReadmeMapTests
{
    private const string Sdk = "src/Sinch.Verification.Generated";

    [TestMethod]
    public void Every_hand_written_file_of_the_SDK_has_a_row_in_the_README_and_every_row_a_file()
    {
        var root = TestNamingTests.RepoRoot;
        var sdk = Path.Combine(root, Sdk);
        var files = Directory.EnumerateFiles(sdk, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(sdk, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(d => d is "bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.IsGreaterThan(20, files.Count, $"Only {files.Count} source files found under {sdk}.");

        var rows = FileRows(Readme());

        var missing = files.Except(rows.Keys).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var stale = rows.Keys.Except(files).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.AreEqual(0, missing.Count, "README 'Contributing' has no row saying what these files own and why they are not generated: " + string.Join(", ", missing));
        Assert.AreEqual(0, stale.Count, "README 'Contributing' has rows for files that do not exist: " + string.Join(", ", stale));
        var silent = rows.Where(r => r.Value.Owns.Length == 0 || r.Value.Why.Length == 0).Select(r => r.Key).ToList();
        Assert.AreEqual(0, silent.Count, "These rows leave 'owns' or 'why by hand' empty: " + string.Join(", ", silent));
    }

    [TestMethod]
    public void The_README_quotes_the_line_counts_that_build_line_counts_sh_gives()
    {
        var root = TestNamingTests.RepoRoot;
        var counted = RunLineCounts(root);
        Assert.IsGreaterThan(3, counted.Count, "build/line-counts.sh printed too few projects: " + string.Join(", ", counted.Keys));

        var quoted = CountRows(Readme());

        foreach (var (project, lines) in counted)
        {
            Assert.IsTrue(quoted.TryGetValue(project, out var inReadme), $"README 'Contributing' has no line count for {project} (build/line-counts.sh: {lines}).");
            Assert.AreEqual(lines, inReadme, $"README quotes {inReadme} hand-written lines for {project}; build/line-counts.sh counts {lines}. Update the README's table.");
        }

        CollectionAssert.AreEquivalent(counted.Keys.ToList(), quoted.Keys.ToList(), "README quotes line counts for projects the script does not count.");
    }

    [TestMethod]
    public void The_README_rows_are_read_by_their_first_cell()
    {
        var text = string.Join('\n',
            "| file | owns | why by hand |",
            "|---|---|---|",
            "| `Client/A.cs` | what A owns | why |",
            "| `B.cs` |  | |",
            "| project | lines | owns | why by hand |",
            "| `Some.Project` | 1,234 | x | y |",
            "| `Other` | 17 | x | y |");

        CollectionAssert.AreEquivalent(new[] { "Client/A.cs", "B.cs" }, FileRows(text).Keys.ToList());
        Assert.AreEqual(string.Empty, FileRows(text)["B.cs"].Owns);
        Assert.AreEqual(1234, CountRows(text)["Some.Project"]);
        Assert.AreEqual(17, CountRows(text)["Other"]);
    }

    private static string Readme() => File.ReadAllText(Path.Combine(TestNamingTests.RepoRoot, "README.md"));

    private static Dictionary<string, (string Owns, string Why)> FileRows(string readme) =>
        FileRow().Matches(readme).ToDictionary(m => m.Groups["file"].Value, m => (m.Groups["owns"].Value.Trim(), m.Groups["why"].Value.Trim()), StringComparer.Ordinal);

    private static Dictionary<string, int> CountRows(string readme) =>
        CountRow().Matches(readme).ToDictionary(m => m.Groups["project"].Value, m => int.Parse(m.Groups["lines"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    // The script is the one definition of a hand-written line; the test runs it rather than restate it.
    private static Dictionary<string, int> RunLineCounts(string root)
    {
        var start = new ProcessStartInfo("bash", "build/line-counts.sh")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, "build/line-counts.sh failed: " + errors);

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    // | `Client/PhoneNumbers.cs` | owns | why |: a row of the SDK's file table.
    [GeneratedRegex(@"^\| `(?<file>[\w/.]+\.cs)` \|(?<owns>[^|\n]*)\|(?<why>[^\n]*)\|[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    // | `Sinch.Verification.Cli` | 1,173 | ...: a row of the per-project table.
    [GeneratedRegex(@"^\| `(?<project>[\w.]+)` \| (?<lines>[\d,]+) \|", RegexOptions.Multiline)]
    private static partial Regex CountRow();
}
