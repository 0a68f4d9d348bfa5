using System.Text;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>What is wrong with a string under a <see cref="SpecStringRule"/>.</summary>
internal enum SpecStringProblem
{
    TooShort,
    TooLong,
    PatternMismatch,
}

/// <summary>
/// A string schema's <c>minLength</c>, <c>maxLength</c> and <c>pattern</c> with JSON Schema's
/// meaning: lengths in code points (2,049 emoji are 2,049 characters, not 4,098) and the pattern
/// as ECMA-262, where <c>$</c> is the end of the string (in .NET it also matches before a final
/// <c>\n</c>, which let <c>"+46700000501\n"</c> through as E.164). One source file, compiled into
/// the SDK (generated checks, <see cref="SpecLimits"/>) and into the emulator (its request
/// validation), so that the two refuse the same values.
/// </summary>
internal sealed class SpecStringRule
{
    private readonly int? _minLength;
    private readonly int? _maxLength;
    private readonly Regex? _pattern;

    public SpecStringRule(int? minLength, int? maxLength, string? pattern)
    {
        _minLength = minLength is 0 ? null : minLength;
        _maxLength = maxLength is int.MaxValue ? null : maxLength;
        _pattern = pattern is null ? null : new Regex(ToDotNet(pattern), RegexOptions.ECMAScript);
        Pattern = pattern;
        MinLength = _minLength;
        MaxLength = _maxLength;
    }

    /// <summary>The spec's pattern, or null.</summary>
    public string? Pattern { get; }

    /// <summary>The spec's minLength, or null.</summary>
    public int? MinLength { get; }

    /// <summary>The spec's maxLength, or null.</summary>
    public int? MaxLength { get; }

    /// <summary>What is wrong with <paramref name="value"/>, or null when it satisfies the rule.</summary>
    public SpecStringProblem? Check(string value)
    {
        if (_minLength is not null || _maxLength is not null)
        {
            var length = CodePoints(value);
            if (length < _minLength) return SpecStringProblem.TooShort;
            if (length > _maxLength) return SpecStringProblem.TooLong;
        }

        return _pattern is null || _pattern.IsMatch(value) ? null : SpecStringProblem.PatternMismatch;
    }

    private static int CodePoints(string value)
    {
        var count = value.Length;
        for (var i = 0; i + 1 < value.Length; i++)
        {
            if (char.IsSurrogatePair(value[i], value[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    // RegexOptions.ECMAScript gives \d, \w and \s their ASCII meaning but keeps .NET's `$`; an
    // unescaped `$` outside a character class becomes `\z`, the true end of the string.
    private static string ToDotNet(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;

            if (c == '$' && !inClass) result.Append(@"\z");
            else result.Append(c);
        }

        return result.ToString();
    }
}
