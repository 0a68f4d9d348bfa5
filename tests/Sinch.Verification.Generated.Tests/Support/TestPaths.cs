using System;
using System.IO;

namespace Sinch.Verification.Generated.Tests.Support;

internal static class TestPaths
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Spec => TestData("sinch-verification.yaml");

    /// <summary>spec/signing-vectors.json, the repository's one copy (the .csproj links it into TestData).</summary>
    public static string SigningVectors => TestData("signing-vectors.json");

    /// <summary>The repository root (the folder holding the .sln), found from the test binaries.</summary>
    public static string RepoRoot
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
