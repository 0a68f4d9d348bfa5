using System;
using System.Collections.Generic;
using System.Linq;

namespace Sinch.Verification.Cli;

/// <summary>
/// The parsed command line: positional words and <c>--name value</c> / <c>--flag</c> options.
/// Small on purpose; the CLI has few commands and no nesting beyond two words.
/// </summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "deny", "help" };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(List<string> positional) => Positional = positional;

    public List<string> Positional { get; }

    /// <exception cref="UsageException">An option is malformed or repeated.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(new List<string>());
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                line.Positional.Add(arg);
                continue;
            }

            var name = arg.Substring(2);
            string value;
            var eq = name.IndexOf('=');
            if (eq > 0)
            {
                value = name.Substring(eq + 1);
                name = name.Substring(0, eq);
            }
            else if (Flags.Contains(name))
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }

            if (!line._options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }

        return line;
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    public string Require(string name, string why) => Get(name) ?? throw new UsageException($"--{name} is required: {why}.");

    public bool Has(string name) => Get(name) is not null;

    /// <summary>Refuses options the command did not read (typos would otherwise be ignored silently).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option(s) for this command: {string.Join(", ", unknown)}.");
        }
    }
}

/// <summary>Wrong usage of the command line; printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
