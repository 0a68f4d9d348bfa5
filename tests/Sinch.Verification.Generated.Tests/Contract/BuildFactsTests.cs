using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>Facts about the build that live in one place, and where they are only referred to.</summary>
[TestClass]
public sealed class BuildFactsTests
{
    [TestMethod]
    public void NSwag_version_is_stated_once_and_every_forked_template_names_it()
    {
        var props = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"));
        var version = Regex.Match(props, "<SinchNSwagVersion>([^<]+)</SinchNSwagVersion>").Groups[1].Value;
        Assert.IsFalse(string.IsNullOrEmpty(version), "Directory.Build.props states SinchNSwagVersion");

        var project = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src/Sinch.Verification.Generated/Sinch.Verification.Generated.csproj"));
        StringAssert.Contains(project, """Include="NSwag.MSBuild" Version="$(SinchNSwagVersion)" """.TrimEnd(), "the package reference reads the property");

        // Each template forked from NSwag names the version it was copied from; the build compares it (build/CodeGeneration.targets).
        var templates = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "build/templates"), "Client.Class*.liquid");
        Assert.IsNotEmpty(templates);
        foreach (var template in templates)
        {
            StringAssert.Contains(File.ReadLines(template).Take(3).Aggregate((a, b) => a + b), $"Replaces NSwag {version}'s", Path.GetFileName(template));
        }

        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        Assert.DoesNotContain(version, readme, "README refers to SinchNSwagVersion instead of repeating the number");
    }
}
