using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Docs.Tests;

/// <summary>
/// The README's tool install lines work on a fresh clone: they pack first and install from where
/// <c>dotnet pack</c> puts the packages, under the CLI project's package id. (The consumer check,
/// build/consumer-check/run.sh, installs and runs the tool for real in CI.)
/// </summary>
[TestClass]
public sealed class ReadmeToolInstallTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(ReadmeSnippets.RepositoryRoot, "README.md"));

    [TestMethod]
    public void The_tool_install_line_names_the_CLI_package_and_the_folder_dotnet_pack_writes_to()
    {
        var packageId = Element("src/Sinch.Verification.Cli/Sinch.Verification.Cli.csproj", "PackageId");
        var outputPath = Element("build/Packaging.props", "PackageOutputPath").Replace("$(RepoRoot)", string.Empty).TrimEnd('/');

        var install = Readme.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dotnet tool install", StringComparison.Ordinal) && l.Contains("--add-source", StringComparison.Ordinal));

        Assert.AreEqual($"dotnet tool install -g {packageId} --add-source {outputPath}", install);
    }

    [TestMethod]
    public void The_readme_packs_before_it_installs_and_says_the_first_demo_builds_first()
    {
        var pack = Readme.IndexOf("    dotnet pack Sinch.Verification.Generated.sln -c Release", StringComparison.Ordinal);
        var install = Readme.IndexOf("    dotnet tool install -g ", StringComparison.Ordinal);

        Assert.IsTrue(pack >= 0 && install > pack, "the README should run dotnet pack before dotnet tool install");
        StringAssert.Contains(Readme, "The first `demo` on a fresh clone builds the CLI first");
    }

    private static string Element(string relativePath, string name)
    {
        var text = File.ReadAllText(Path.Combine(ReadmeSnippets.RepositoryRoot, relativePath));
        return Regex.Match(text, $"<{name}>([^<]+)</{name}>").Groups[1].Value;
    }
}
