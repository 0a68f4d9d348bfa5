using System.Text.RegularExpressions;
using NJsonSchema.Validation;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>
/// A string schema's <c>minLength</c>, <c>maxLength</c> and <c>pattern</c> with JSON Schema's
/// meaning: lengths in code points (2,049 emoji are 2,049 characters, not 4,098) and the pattern
/// as ECMA-262, where <c>$</c> is the end of the string (in .NET it also matches before a final
/// <c>\n</c>, which let <c>"+46700000501\n"</c> through as E.164).
/// </summary>
internal sealed class StringRule
{
    private readonly int? _minLength;
    private readonly int? _maxLength;
    private readonly Regex? _pattern;

    public StringRule(int? minLength, int? maxLength, string? pattern)
    {
        _minLength = minLength;
        _maxLength = maxLength;
        _pattern = pattern is null ? null : new Regex(ToDotNet(pattern), RegexOptions.ECMAScript);
    }

    /// <summary>What is wrong with <paramref name="value"/>, or null when it satisfies the rule.</summary>
    public ValidationErrorKind? Check(string value)
    {
        if (_minLength is not null || _maxLength is not null)
        {
            var length = CodePoints(value);
            if (length < _minLength) return ValidationErrorKind.StringTooShort;
            if (length > _maxLength) return ValidationErrorKind.StringTooLong;
        }

        return _pattern is null || _pattern.IsMatch(value) ? null : ValidationErrorKind.PatternMismatch;
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
        var result = new System.Text.StringBuilder(pattern.Length + 4);
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

            result.Append(c == '$' && !inClass ? @"\z" : c.ToString());
        }

        return result.ToString();
    }
}
