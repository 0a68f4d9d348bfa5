using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Sinch.Verification.Generated.ApiTests.PublicApi;

/// <summary>
/// The public API of each library package, rendered by reflection (<see cref="PublicApiRenderer"/>),
/// must equal its committed snapshot, <c>PublicApi/{assembly}.txt</c>. The generated client and DTOs
/// are included: a spec edit that changes the surface fails here until the snapshot is updated,
/// and the snapshot's diff is what a reviewer reads.
/// </summary>
/// <remarks>
/// To accept a change: <c>UPDATE_API_SNAPSHOTS=1 dotnet test tests/Sinch.Verification.Generated.ApiTests</c>,
/// then review <c>git diff tests/Sinch.Verification.Generated.ApiTests/PublicApi</c> and commit it
/// (and note breaking changes in the release notes).
/// </remarks>
[TestClass]
public sealed class PublicApiTests
{
    public const string UpdateVariable = "UPDATE_API_SNAPSHOTS";

    [TestMethod]
    [DataRow("Sinch.Verification.Generated")]
    [DataRow("Sinch.Verification.Generated.AspNetCore")]
    [DataRow("Sinch.Verification.Emulator")]
    public void Public_API_matches_the_committed_snapshot(string assemblyName)
    {
        var actual = PublicApiRenderer.Render(Assembly.Load(assemblyName));
        var path = SnapshotPath(assemblyName);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        if (expected != actual)
        {
            Assert.Fail(
                $"The public API of {assemblyName} differs from its snapshot {Relative(path)}.\n" +
                $"If the change is intended (a spec edit, a new member), update the snapshot and review its diff:\n" +
                $"    {UpdateVariable}=1 dotnet test tests/Sinch.Verification.Generated.ApiTests\n" +
                $"    git diff tests/Sinch.Verification.Generated.ApiTests/PublicApi\n" +
                $"Removed or changed lines break users: note them in the release notes.\n\n" +
                Difference(expected, actual));
        }
    }

    [TestMethod]
    public void The_renderer_is_stable()
    {
        var assembly = typeof(VerificationClient).Assembly;
        Assert.AreEqual(PublicApiRenderer.Render(assembly), PublicApiRenderer.Render(assembly));
    }

    [TestMethod]
    public void The_snapshot_shows_generated_members_with_their_nullability()
    {
        var text = PublicApiRenderer.Render(typeof(VerificationClient).Assembly);
        StringAssert.Contains(text, "public class Sinch.Verification.Generated.VerificationClient : ");
        StringAssert.Contains(text, "System.Threading.Tasks.Task<Sinch.Verification.Generated.StartVerificationResponse> StartVerificationAsync(Sinch.Verification.Generated.StartVerificationRequest request, string? accept_Language = null, System.Threading.CancellationToken cancellationToken = default)");
        StringAssert.Contains(text, "public Sinch.Verification.Generated.VerificationMethod? Method { get; set; }");
    }

    // Lines only in the snapshot (-) and only in the API (+), in order; enough to see what changed.
    private static string Difference(string expected, string actual)
    {
        var before = expected.Split('\n');
        var after = actual.Split('\n');
        var removed = before.Except(after).Select(l => "- " + l);
        var added = after.Except(before).Select(l => "+ " + l);
        var lines = removed.Concat(added).ToList();
        const int Max = 60;
        return string.Join("\n", lines.Take(Max)) + (lines.Count > Max ? $"\n... and {lines.Count - Max} more lines" : string.Empty);
    }

    private static string SnapshotPath(string assemblyName) =>
        Path.Combine(RepoRoot, "tests", "Sinch.Verification.Generated.ApiTests", "PublicApi", assemblyName + ".txt");

    private static string Relative(string path) => Path.GetRelativePath(RepoRoot, path).Replace('\\', '/');

    /// <summary>The repository root (the folder holding the .sln), found from the test binaries.</summary>
    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sinch.Verification.Generated.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
