using System.Globalization;
using System.Text.RegularExpressions;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// One judge, for every test project, of a line that reaches a log or a terminal: no raw control,
/// format or separator character and no lone surrogate (what could forge a line or reorder it),
/// and no run of 6 digits in any script (what could be a phone number). Written apart from the
/// SDK's own LogText, so that it judges that code rather than repeats it.
/// </summary>
public static partial class LogLines
{
    /// <summary>Why <paramref name="line"/> could not be logged as it is, or null when it can.</summary>
    public static string? Unsafe(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c)
                || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"a raw U+{(int)c:X4}";
            }
        }

        return DigitRun().IsMatch(line) ? "an unmasked number" : null;
    }

    // \d is any script's decimal digit in .NET: Arabic-Indic digits count too.
    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex DigitRun();
}
