using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// A broken spec fails the build with one error that names the file, the line and the problem
/// (build/CodeGeneration.targets): the spec check's (build/spec-check) for malformed YAML or
/// OpenAPI, NSwag's, without its stack trace, for what only NSwag sees. Runs the generation target
/// of the real project on a broken copy of the spec: a few seconds per case, so the spec check's
/// cases are tested directly in SpecSchemaCheckTests and here only once through the build.
/// </summary>
[TestClass]
public sealed class SpecBuildErrorTests
{
    private readonly List<string> _directories = new();

    [TestMethod]
    public async Task Bad_indentation_is_reported_at_its_line_and_column()
    {
        // "- name: X" followed by an over-indented "in: header" is YAML that cannot be parsed.
        var (spec, line) = await BreakSpecAsync(
            (lines, i) => Regex.IsMatch(lines[i], @"^\s+in: header$") && Regex.IsMatch(lines[i - 1], @"^\s+- name: "),
            text => "  " + text);

        var output = await GenerateAsync(spec);

        StringAssert.Contains(output, $"{spec}({line},");
        StringAssert.Contains(output, "error SINCHSPEC: the spec is not valid YAML: ");
        Assert.DoesNotContain("   at ", output, output);
    }

    [TestMethod]
    public async Task A_ref_to_a_missing_schema_is_reported_at_the_line_of_the_ref()
    {
        var (spec, line) = await BreakSpecAsync(
            (lines, i) => lines[i].Contains("$ref: '#/components/schemas/StartVerificationRequest'", StringComparison.Ordinal),
            text => text.Replace("StartVerificationRequest'", "NoSuchSchema'", StringComparison.Ordinal));

        var output = await GenerateAsync(spec);

        StringAssert.Contains(output, $"{spec}({line}): error SINCHGEN: NSwag could not generate the client: broken $ref: Could not resolve the path '#/components/schemas/NoSuchSchema'.");
        Assert.DoesNotContain("   at ", output, output);
    }

    [TestMethod]
    public async Task An_unknown_type_fails_the_build_before_code_generation_at_its_line()
    {
        var (spec, line) = await BreakSpecAsync(
            (lines, i) => lines[i].Contains("code: {type: string,", StringComparison.Ordinal),
            text => text.Replace("type: string", "type: strng", StringComparison.Ordinal));

        var output = await GenerateAsync(spec);

        StringAssert.Contains(output, $"{spec}({line},");
        StringAssert.Contains(output, "): error SINCHSPEC: the spec is not valid OpenAPI 3.0: 'strng' is not one of array, boolean, integer, number, object, string");
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(spec)!, "Client.g.cs")), "NSwag must not run on a spec that failed the check");
    }

    // A copy of the spec with the first line that matches changed; returns its path and the 1-based line.
    private async Task<(string Spec, int Line)> BreakSpecAsync(Func<string[], int, bool> match, Func<string, string> change)
    {
        var lines = await File.ReadAllLinesAsync(TestPaths.Spec);
        var index = Enumerable.Range(1, lines.Length - 1).First(i => match(lines, i));
        lines[index] = change(lines[index]);
        var directory = Directory.CreateTempSubdirectory("sinch-spec-error-");
        _directories.Add(directory.FullName);
        var spec = Path.Combine(directory.FullName, "sinch-verification.yaml");
        await File.WriteAllLinesAsync(spec, lines);
        return (spec, index + 1);
    }

    [TestCleanup]
    public void DeleteCopies()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Only the generation target, with the spec and the output redirected to the copy's folder.
    private static async Task<string> GenerateAsync(string spec)
    {
        var project = Path.Combine(TestPaths.RepoRoot, "src", "Sinch.Verification.Generated", "Sinch.Verification.Generated.csproj");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "msbuild", project, "-t:SinchGenerateClient", "-nologo", "-v:m", "-nodeReuse:false",
            "-p:SinchSpecFile=" + spec, "-p:SinchGeneratedFile=" + Path.Combine(Path.GetDirectoryName(spec)!, "Client.g.cs"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`'s MSBuild; its variables would steer the child build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.AreNotEqual(0, process.ExitCode, "the build must fail:" + Environment.NewLine + output);
        // One error: in particular, the old generated file is not touched after the failure (MSB3375 here).
        Assert.HasCount(1, Regex.Matches(output, @": error "), output);
        return output;
    }
}
