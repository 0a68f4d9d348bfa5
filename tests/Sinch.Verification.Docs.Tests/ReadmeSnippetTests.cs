using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Emulator;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Docs.Tests;

/// <summary>
/// Every C# block of README.md and src/*/README.md compiles as pasted into a new console or web
/// app; the Quick start and the emulator snippets also run, against the in-process emulator.
/// </summary>
[TestClass]
[DoNotParallelize] // running a snippet redirects the process-wide Console.Out
public sealed class ReadmeSnippetTests
{
    private const string EmulatorUrl = "http://127.0.0.1:5080/verification/v1";
    private const string EmulatorBaseUrlLine = "// BaseUrl = new Uri(\"" + EmulatorUrl + "\"),";
    private const string PlaceholderKey = "your-application-key";
    private const string PlaceholderSecret = "your-application-secret";

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Snippets() => ReadmeSnippets.All().Select(s => new object[] { s.File, s.Line });

    public static string SnippetName(System.Reflection.MethodInfo method, object[] data) => $"{data[0]} line {data[1]}";

    [TestMethod]
    [DynamicData(nameof(Snippets), DynamicDataDisplayName = nameof(SnippetName))]
    public void Every_csharp_block_of_the_readmes_compiles_as_pasted(string file, int line)
    {
        var snippet = Find(file, line);

        var (assembly, errors) = SnippetCompiler.Compile(snippet);

        Assert.IsNotNull(assembly, $"{snippet} does not compile as a new {(snippet.IsWebApp ? "web" : "console")} app would:\n{string.Join("\n", errors)}");
    }

    [TestMethod]
    public void The_readmes_hold_the_blocks_this_test_is_meant_to_cover()
    {
        var snippets = ReadmeSnippets.All();

        Assert.IsTrue(snippets.Count(s => s.File == "README.md") >= 5, string.Join(", ", snippets));
        Assert.IsTrue(snippets.Any(s => s.File == "src/Sinch.Verification.Emulator/README.md"), string.Join(", ", snippets));
        Assert.IsTrue(snippets.Any(s => s.IsWebApp), "no ASP.NET Core snippet found");
    }

    [TestMethod]
    public void A_block_marked_as_continuing_is_compiled_after_the_block_before_it()
    {
        var lines = new[]
        {
            "```csharp", "var x = 1;", "```", "text", ReadmeSnippets.ContinuesMarker, "```csharp", "Console.WriteLine(x);", "```",
            "```json", "{}", "```",
        };

        var snippets = ReadmeSnippets.Parse("X.md", lines);

        Assert.HasCount(2, snippets);
        Assert.IsTrue(snippets[1].IsContinuation);
        Assert.IsNotNull(SnippetCompiler.Compile(snippets[1]).Assembly);
        Assert.IsNull(SnippetCompiler.Compile(snippets[1] with { Code = snippets[1].Code.Replace("var x = 1;", "") }).Assembly);
    }

    [TestMethod]
    public void A_compile_error_names_the_readme_and_its_line()
    {
        var snippet = ReadmeSnippets.Parse("X.md", ["intro", "```csharp", "Console.WriteLine(undefined);", "```"]).Single();

        var (assembly, errors) = SnippetCompiler.Compile(snippet);

        Assert.IsNull(assembly);
        StringAssert.StartsWith(errors.Single(), "X.md(3,");
        StringAssert.Contains(errors.Single(), "CS0103");
    }

    [TestMethod]
    public async Task The_quick_start_runs_against_the_emulator_with_only_its_base_url_line_uncommented()
    {
        // The Quick start and the error-handling block that continues it, as one program.
        var quickStart = ReadmeSnippets.Parse("README.md").Last(s => s.Code.Contains(EmulatorBaseUrlLine, StringComparison.Ordinal));
        await using var emulator = await VerificationEmulator.StartAsync(
            new EmulatorOptions { ApplicationKey = "quick-start-key", ApplicationSecret = "cXVpY2stc3RhcnQ=" }, TestContext.CancellationToken);

        // What a user does to try it locally: the emulator's URL (its port here is a free one, not
        // 5080) and the credentials the emulator was started with.
        var code = ReplaceOnce(quickStart.Code, EmulatorBaseUrlLine, EmulatorBaseUrlLine[3..].Replace(EmulatorUrl, emulator.BaseUrl.ToString(), StringComparison.Ordinal));
        code = ReplaceOnce(code, $"\"{PlaceholderKey}\"", "\"quick-start-key\"");
        code = ReplaceOnce(code, $"\"{PlaceholderSecret}\"", "\"cXVpY2stc3RhcnQ=\"");
        var (assembly, errors) = SnippetCompiler.Compile(code, webApp: false, quickStart.ToString());
        Assert.IsNotNull(assembly, string.Join("\n", errors));

        var output = await SnippetCompiler.RunAsync(assembly, TimeSpan.FromSeconds(60));

        // It started one verification (the SMS reached the emulator's outbox), reported a code,
        // read it back by reference and printed it; the error block caught the 404.
        Assert.HasCount(1, emulator.Outbox.GetAll());
        StringAssert.Contains(output, " at ", output);
    }

    [TestMethod]
    public async Task Try_it_locally_goes_green_against_an_emulator_with_its_key_and_secret()
    {
        // The emulator of the two-terminal walkthrough, here on a free port instead of 5080.
        var snippet = ReadmeSnippets.Parse("README.md").Single(s => s.Code.Contains("new EmulatorOutboxClient(baseUrl)", StringComparison.Ordinal));
        await using var emulator = await VerificationEmulator.StartAsync(
            new EmulatorOptions { ApplicationKey = "my-key", ApplicationSecret = "bXktc2VjcmV0" }, TestContext.CancellationToken);
        var code = ReplaceOnce(snippet.Code, "\"http://127.0.0.1:5080/verification/v1\"", $"\"{emulator.BaseUrl}\"");
        var (assembly, errors) = SnippetCompiler.Compile(code, webApp: false, snippet.ToString());
        Assert.IsNotNull(assembly, string.Join("\n", errors));

        // Twice, as a user runs it twice: the unique reference keeps the second run green too.
        for (var run = 1; run <= 2; run++)
        {
            var output = await SnippetCompiler.RunAsync(assembly, TimeSpan.FromSeconds(60));
            Assert.AreEqual("SUCCESSFUL", output.Trim(), $"run {run}");
        }
    }

    [TestMethod]
    public async Task The_web_app_walkthrough_refuses_a_wrong_code_then_verifies_with_signed_callbacks()
    {
        var snippet = ReadmeSnippets.Parse("README.md").Single(s => s.IsWebApp && s.Code.Contains("MapPost(\"/verify/{id}/{code}\"", StringComparison.Ordinal));
        var (assembly, errors) = SnippetCompiler.Compile(snippet);
        Assert.IsNotNull(assembly, string.Join("\n", errors));
        var port = Ports.Free();
        var app = new Uri($"http://127.0.0.1:{port}");
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions
        {
            ApplicationKey = "my-key",
            ApplicationSecret = "bXktc2VjcmV0",
            CallbackUrl = new Uri(app, "/sinch/verification"),   // the emulator's --callback-url
            CallbackTimeout = TimeSpan.FromMinutes(1),           // the app answers on a busy machine too: no timing under test here
        }, TestContext.CancellationToken);

        // What appsettings.json says in the README, as command-line configuration.
        string[] args = ["--urls", app.ToString().TrimEnd('/'), "--Sinch:Verification:ApplicationKey=my-key",
            "--Sinch:Verification:ApplicationSecret=bXktc2VjcmV0", $"--Sinch:Verification:BaseUrl={emulator.BaseUrl}"];
        await SnippetCompiler.RunWebAppAsync(assembly, args, args[1], async () =>
        {
            using var http = new System.Net.Http.HttpClient { BaseAddress = app };
            var first = (await (await http.PostAsync("/verify/+46700000001", null, TestContext.CancellationToken)).Content.ReadAsStringAsync(TestContext.CancellationToken)).Trim('"');
            var wrong = await http.PostAsync($"/verify/{first}/0000", null, TestContext.CancellationToken);
            Assert.AreEqual(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
            StringAssert.Contains(await wrong.Content.ReadAsStringAsync(TestContext.CancellationToken), "FAIL: Invalid code");

            var second = (await (await http.PostAsync("/verify/+46700000001", null, TestContext.CancellationToken)).Content.ReadAsStringAsync(TestContext.CancellationToken)).Trim('"');
            var code = emulator.Outbox.GetByVerificationId(second)!.Code;
            var right = await http.PostAsync($"/verify/{second}/{code}", null, TestContext.CancellationToken);
            Assert.AreEqual(System.Net.HttpStatusCode.OK, right.StatusCode, await right.Content.ReadAsStringAsync(TestContext.CancellationToken));
            await emulator.WaitForCallbacksAsync(TestContext.CancellationToken);
        }, TimeSpan.FromSeconds(60));

        // The app's callback endpoint allowed both starts (a refused or failed callback denies a
        // verification), so the SMS went out each time.
        Assert.HasCount(2, emulator.Outbox.GetAll());
    }


    [TestMethod]
    public async Task The_emulator_snippets_run_as_pasted_and_verify_with_the_code_from_the_outbox()
    {
        var snippets = ReadmeSnippets.All().Where(s => s.StartsTheEmulator).ToList();
        Assert.IsTrue(snippets.Count >= 2, string.Join(", ", snippets));

        foreach (var snippet in snippets)
        {
            var (assembly, errors) = SnippetCompiler.Compile(snippet);
            Assert.IsNotNull(assembly, $"{snippet}:\n{string.Join("\n", errors)}");

            var output = await SnippetCompiler.RunAsync(assembly, TimeSpan.FromSeconds(60));

            StringAssert.Contains(output, "SUCCESSFUL", $"{snippet} printed: {output}");
        }
    }

    private static ReadmeSnippet Find(string file, int line) =>
        ReadmeSnippets.Parse(file).Single(s => s.Line == line);

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.IsTrue(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"the Quick start should hold {find} exactly once");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
