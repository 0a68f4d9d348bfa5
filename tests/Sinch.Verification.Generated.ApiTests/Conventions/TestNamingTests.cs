using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated.AspNetCore;

namespace Sinch.Verification.Generated.ApiTests.Conventions;

/// <summary>
/// Every test of every test project is named as a sentence, which reads best in a list of
/// failures: <c>Allow_and_deny_are_the_bare_action</c>, <c>Every_method_of_the_spec_has_a_MethodBehaviour</c>.
/// Words are joined by <c>_</c>; the first is capitalised; the others are lower case, except
/// numbers, acronyms (API, JSON, E164) and names a reader would look up, which keep their exact
/// spelling: the public types and members of the shipped assemblies, their JSON names, and the
/// few words of <see cref="Names"/>. The tests are found in the C# sources under tests/.
/// </summary>
[TestClass]
public sealed partial class TestNamingTests
{
    private const string Rule =
        "A test name is a sentence: words joined by '_', the first capitalised, every other word lower case " +
        "unless it is a number, an acronym (API, JSON, E164) or a name a reader would look up (a public type or member " +
        "of the shipped assemblies, its JSON name, or one of TestNamingTests.Names), which keeps its exact spelling. " +
        "For example TwentyThousandMutatedBodies_GetOnlyDeclaredAnswers becomes Twenty_thousand_mutated_bodies_get_only_declared_answers.";

    private static readonly Assembly[] Shipped =
    {
        typeof(VerificationClient).Assembly,
        typeof(ISinchVerificationCallbackHandler).Assembly,
        typeof(VerificationEmulator).Assembly,
    };

    // Names that keep their spelling although no public type or member of the shipped assemblies
    // has them. A name with '_' is several words of a test name (an HTTP header, a configuration section).
    private static readonly string[] Names =
    {
        "WhatsApp", "ToString", "CancellationToken", "Int64", // looked up as written
        "MethodBehaviour",                                    // the emulator's (internal) behaviour of one method
        "IExtensionData",                                     // the SDK's (internal) view of a generated class's unknown members
        "NSwag",                                              // the code generator
        "Redis", "ArgumentException",                         // a product, a .NET type
        "operationId",                                        // the spec's name of an operation
        "Parameter",                                          // the word ArgumentException writes before the parameter
        "Sinch", "Sinchs", "Polly", "Microsoft", "Swedish",   // a company (Sinch's), a library, a namespace, a country's
        "Content_Language", "Accept_Language", "User_Agent", "Sinch_Verification",
    };

    [TestMethod]
    public void Every_test_in_every_test_project_is_named_as_a_sentence()
    {
        var identifiers = Identifiers();
        var phrases = Names.Where(n => n.Contains('_', StringComparison.Ordinal)).Select(n => n.Split('_')).ToList();
        foreach (var name in Names.Where(n => !n.Contains('_', StringComparison.Ordinal)))
        {
            identifiers.Add(name);
        }

        // The check itself: an old-style name fails, the examples of the rule pass.
        Assert.IsNotNull(Offence("TwentyThousandMutatedBodies_GetOnlyDeclaredAnswers", identifiers, phrases));
        Assert.IsNotNull(Offence("AllowAndDenyAreTheBareAction", identifiers, phrases));
        Assert.IsNull(Offence("Every_method_of_the_spec_has_a_MethodBehaviour", identifiers, phrases));
        Assert.IsNull(Offence("AllowSms_sets_the_code_and_an_optional_expiry", identifiers, phrases));

        var tests = TestMethods().ToList();
        Assert.IsGreaterThan(100, tests.Count, "the scan finds the tests of every test project");

        var offenders = tests
            .Select(t => (t.File, t.Name, Offence: Offence(t.Name, identifiers, phrases)))
            .Where(t => t.Offence is not null)
            .Select(t => $"{t.File}: {t.Name} ({t.Offence})")
            .ToList();

        Assert.IsEmpty(offenders, Rule + "\nNot sentences:\n" + string.Join("\n", offenders));
    }

    /// <summary>Why <paramref name="name"/> is not a sentence, or null if it is one.</summary>
    private static string? Offence(string name, HashSet<string> identifiers, List<string[]> phrases)
    {
        var words = name.Split('_');
        if (words.Length < 2)
        {
            return "no '_' between its words";
        }

        if (words.Any(w => w.Length == 0))
        {
            return "an empty word";
        }

        for (var i = 0; i < words.Length;)
        {
            var phrase = phrases.FirstOrDefault(p => i + p.Length <= words.Length && p.SequenceEqual(words.Skip(i).Take(p.Length), StringComparer.Ordinal));
            if (phrase is not null)
            {
                i += phrase.Length;
                continue;
            }

            var word = words[i];
            var spelled = Acronym().IsMatch(word) || identifiers.Contains(word);
            if (i == 0 && !char.IsUpper(word[0]))
            {
                return $"'{word}' does not start with a capital";
            }

            var rest = i == 0 ? word.Substring(1) : word;
            if (rest.Any(char.IsUpper) && !spelled)
            {
                return $"'{word}' is neither lower case, an acronym nor a known name";
            }

            i++;
        }

        return null;
    }

    /// <summary>Public type and member names of the shipped assemblies, and the JSON names of their members.</summary>
    private static HashSet<string> Identifiers()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in Shipped.SelectMany(a => a.GetExportedTypes()))
        {
            names.Add(StripArity(type.Name));
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                names.Add(StripArity(member.Name));
                foreach (var attribute in member.GetCustomAttributesData())
                {
                    if (attribute.AttributeType.Name is "JsonPropertyAttribute" or "JsonPropertyNameAttribute"
                        && attribute.ConstructorArguments is [{ Value: string json }, ..])
                    {
                        names.Add(json);
                    }
                }
            }
        }

        return names;
    }

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name.Substring(0, tick);
    }

    /// <summary>The methods marked [TestMethod] or [DataTestMethod] in the C# sources under tests/.</summary>
    private static IEnumerable<(string File, string Name)> TestMethods()
    {
        var root = RepoRoot;
        var sources = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!TestAttribute().IsMatch(lines[i]))
                {
                    continue;
                }

                // Further attributes ([DataRow], [Timeout]) may follow; the declaration is the next line that starts with a modifier.
                var declaration = lines.Skip(i + 1).Select(l => Declaration().Match(l)).FirstOrDefault(m => m.Success);
                Assert.IsNotNull(declaration, $"{file}:{i + 1}: no method follows [TestMethod]");
                yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), declaration.Groups["name"].Value);
            }
        }
    }

    [GeneratedRegex(@"^\s*\[\s*(?:Data)?TestMethod\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|static|async|virtual|override)\s+)+[\w<>\[\]?,. ]+?\s(?<name>\w+)\s*[<(]")]
    private static partial Regex Declaration();

    [GeneratedRegex("^[A-Z0-9]+$")]
    private static partial Regex Acronym();

    /// <summary>The repository root (the folder holding the .sln), found from the test binaries.</summary>
    internal static string RepoRoot
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
