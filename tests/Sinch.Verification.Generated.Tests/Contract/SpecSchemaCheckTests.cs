using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Tests.Support;
using Sinch.Verification.SpecCheck;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// The build-time spec check (build/spec-check/SpecChecker.cs, compiled into this assembly):
/// a malformed spec is reported at the line of the problem with a message that names it, and
/// the real spec passes. Calls the checker directly; SpecBuildErrorTests runs one case through the build.
/// </summary>
[TestClass]
public sealed class SpecSchemaCheckTests
{
    private readonly List<string> _directories = new();

    [TestMethod]
    public async Task The_real_spec_passes_the_check()
    {
        Assert.IsNull(await SpecChecker.CheckAsync(TestPaths.Spec, TestPaths.TestData("openapi-3.0.schema.json")));
    }

    [TestMethod]
    public async Task An_unknown_type_is_reported_at_its_value_with_the_allowed_types()
    {
        var (problem, line, text) = await CheckBrokenAsync(
            l => l.Contains("code: {type: string,", StringComparison.Ordinal),
            l => l.Replace("type: string", "type: strng", StringComparison.Ordinal));

        Assert.AreEqual(line, problem.Line);
        Assert.AreEqual(text.IndexOf("strng", StringComparison.Ordinal) + 1, problem.Column);
        StringAssert.StartsWith(problem.Message, "the spec is not valid OpenAPI 3.0: 'strng' is not one of array, boolean, integer, number, object, string (at components.schemas.");
    }

    [TestMethod]
    public async Task A_misspelt_keyword_in_a_schema_is_reported_as_an_unknown_property_at_its_key()
    {
        var (problem, line, text) = await CheckBrokenAsync(
            l => l.Trim() == "maxLength: 4096",
            l => l.Replace("maxLength: 4096", "maxLenght: 5", StringComparison.Ordinal));

        Assert.AreEqual(line, problem.Line);
        Assert.AreEqual(text.IndexOf("maxLenght", StringComparison.Ordinal) + 1, problem.Column);
        StringAssert.Matches(problem.Message, new System.Text.RegularExpressions.Regex(
            @"^the spec is not valid OpenAPI 3\.0: unknown property 'maxLenght' in schema at components\.schemas\.\w+\.properties\.\w+$"));
    }

    [TestMethod]
    public async Task A_boolean_required_on_a_schema_property_is_reported_as_not_an_array()
    {
        // `required: true` belongs to parameters; in a schema, `required` lists the object's property names.
        var (problem, line, _) = await CheckBrokenAsync(
            l => l.Trim() == "maxLength: 4096",
            l => l.Replace("maxLength: 4096", "required: true", StringComparison.Ordinal));

        Assert.AreEqual(line, problem.Line);
        StringAssert.StartsWith(problem.Message, "the spec is not valid OpenAPI 3.0: 'required' must be an array, not true (at components.schemas.");
    }

    [TestMethod]
    public async Task An_operationId_under_a_response_is_reported_as_an_unknown_property_of_the_response()
    {
        var (problem, line, _) = await CheckBrokenAsync(
            l => l == "          description: The verification has started.",
            l => "          operationId: started" + Environment.NewLine + l);

        Assert.AreEqual(line, problem.Line);
        Assert.AreEqual(11, problem.Column);
        Assert.AreEqual("the spec is not valid OpenAPI 3.0: unknown property 'operationId' in response at paths['/verifications'].post.responses['200']", problem.Message);
    }

    [TestMethod]
    public async Task Invalid_YAML_is_reported_at_its_position()
    {
        var (problem, _, _) = await CheckBrokenAsync(l => l == "paths:", l => l + " [");

        StringAssert.StartsWith(problem.Message, "the spec is not valid YAML: ");
        Assert.IsGreaterThan(0, problem.Line);
    }

    [TestMethod]
    public void The_error_is_in_the_format_that_builds_and_editors_read_as_an_error_at_a_position()
    {
        var problem = new SpecChecker.Problem(12, 7, "the spec is not valid OpenAPI 3.0: x");

        Assert.AreEqual("spec/a.yaml(12,7): error SINCHSPEC: the spec is not valid OpenAPI 3.0: x", problem.ToMSBuildError("spec/a.yaml"));
    }

    // Checks a copy of the spec with the first matching line changed; returns the problem, the line's number and its new text.
    private async Task<(SpecChecker.Problem Problem, int Line, string Text)> CheckBrokenAsync(Func<string, bool> match, Func<string, string> change)
    {
        var lines = await File.ReadAllLinesAsync(TestPaths.Spec);
        var index = Array.FindIndex(lines, l => match(l));
        Assert.IsGreaterThanOrEqualTo(0, index, "the spec no longer has the line this test changes");
        lines[index] = change(lines[index]);
        var directory = Directory.CreateTempSubdirectory("sinch-spec-check-");
        _directories.Add(directory.FullName);
        var spec = Path.Combine(directory.FullName, "sinch-verification.yaml");
        await File.WriteAllLinesAsync(spec, lines);

        var problem = await SpecChecker.CheckAsync(spec, TestPaths.TestData("openapi-3.0.schema.json"));

        Assert.IsNotNull(problem, "the broken spec passed the check");
        var text = lines[index].Split(Environment.NewLine).First();
        return (problem, index + 1, text);
    }

    [TestCleanup]
    public void DeleteCopies()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
