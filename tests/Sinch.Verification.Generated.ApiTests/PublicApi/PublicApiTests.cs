using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Sinch.Verification.Generated.ApiTests.PublicApi;

/// <summary>
/// The public API of each library package, written by PublicApiGenerator (<see cref="PublicApiSnapshot"/>),
/// must equal its committed snapshot, <c>PublicApi/{assembly}.txt</c>. The generated client and DTOs
/// are included: a spec edit that changes the surface fails here until the snapshot is updated,
/// and the snapshot's diff is what a reviewer reads. A failure lists the changed lines under the
/// type each belongs to.
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
    [DataRow("Sinch.Verification.Generated.Guard")]
    public void Public_API_matches_the_committed_snapshot(string assemblyName)
    {
        var actual = PublicApiSnapshot.Render(Assembly.Load(assemblyName));
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
                $"Lines only in the snapshot (-) and only in the current API (+), under the type each belongs to:\n" +
                PublicApiSnapshot.Difference(expected, actual));
        }
    }

    [TestMethod]
    public void The_snapshot_is_the_same_every_time()
    {
        var assembly = typeof(VerificationClient).Assembly;
        Assert.AreEqual(PublicApiSnapshot.Render(assembly), PublicApiSnapshot.Render(assembly));
    }

    [TestMethod]
    public void The_snapshot_shows_generated_members_with_their_nullability()
    {
        var lines = PublicApiSnapshot.Lines(PublicApiSnapshot.Render(typeof(VerificationClient).Assembly));
        AssertHasLine(lines, "Sinch.Verification.Generated.VerificationClient", "public class VerificationClient : Sinch.Verification.Generated.IVerificationClient, System.IDisposable");
        AssertHasLine(lines, "Sinch.Verification.Generated.VerificationClient", "public virtual System.Threading.Tasks.Task<Sinch.Verification.Generated.StartVerificationResponse> StartVerificationAsync(Sinch.Verification.Generated.StartVerificationRequest request, string? acceptLanguage = null, System.Threading.CancellationToken cancellationToken = default) { }");
        AssertHasLine(lines, "Sinch.Verification.Generated.VerificationStatusResponse", "public Sinch.Verification.Generated.VerificationMethod? Method { get; set; }");
        AssertHasLine(lines, "Sinch.Verification.Generated.VerificationStatus", "public sealed class VerificationStatus : Sinch.Verification.Generated.ExtensibleEnum");
    }

    [TestMethod]
    public void The_snapshot_keeps_the_dependency_injection_extensions_in_their_Microsoft_namespace()
    {
        // PublicApiGenerator leaves out Microsoft.* and System.* types unless told not to.
        var lines = PublicApiSnapshot.Lines(PublicApiSnapshot.Render(typeof(VerificationClient).Assembly));
        AssertHasLine(lines, "Microsoft.Extensions.DependencyInjection.SinchVerificationServiceCollectionExtensions", "public static class SinchVerificationServiceCollectionExtensions");
    }

    [TestMethod]
    public void A_difference_names_the_type_of_each_changed_line()
    {
        const string Before = """
            namespace Sinch.Example
            {
                public class First
                {
                    public string Id { get; set; }
                    public string? Name { get; set; }
                }
                [System.Obsolete("old")]
                public class Second
                {
                    public string Id { get; set; }
                    public class Inner
                    {
                        public int Count { get; }
                    }
                }
            }
            """;
        var after = Before
            .Replace("        public string Id { get; set; }\n        public class Inner", "        public class Inner", StringComparison.Ordinal)
            .Replace("public int Count { get; }", "public long Count { get; }", StringComparison.Ordinal)
            .Replace("[System.Obsolete(\"old\")]\n", string.Empty, StringComparison.Ordinal);

        var difference = PublicApiSnapshot.Difference(Before.ReplaceLineEndings("\n"), after.ReplaceLineEndings("\n"));

        Assert.AreEqual(
            """
            Sinch.Example.Second
                - [System.Obsolete("old")]
                - public string Id { get; set; }
            Sinch.Example.Second.Inner
                - public int Count { get; }
                + public long Count { get; }
            """.ReplaceLineEndings("\n"),
            difference);
    }

    private static void AssertHasLine(List<(string Type, string Text)> lines, string type, string text) =>
        Assert.IsTrue(
            lines.Contains((type, text)),
            $"No line \"{text}\" in {type}. Its lines:\n" + string.Join("\n", lines.Where(l => l.Type == type).Select(l => l.Text)));

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
