using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Sinch.Verification.Generated;

/// <summary>E.164 checks and masking, shared by the client, logs and the tools built on them.</summary>
public static class PhoneNumbers
{
    /// <summary>True for <c>+</c> followed by 8 to 15 digits, the first not 0 (E.164).</summary>
    public static bool IsE164(string? number)
    {
        if (number is null || number.Length < 9 || number.Length > 16 || number[0] != '+' || number[1] == '0')
        {
            return false;
        }

        for (var i = 1; i < number.Length; i++)
        {
            if (number[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Masks a number for logs and messages: the country prefix (3 characters) and the last two
    /// digits stay, everything else becomes <c>*</c> (<c>+46700000000</c> → <c>+46*******00</c>).
    /// Short or malformed input is masked completely.
    /// </summary>
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }

        if (number!.Length < 8)
        {
            return new string('*', number.Length);
        }

        return number.Substring(0, 3) + new string('*', number.Length - 5) + number.Substring(number.Length - 2);
    }

    /// <summary>
    /// Masks every phone number in free text (a server message, a log line, something a user
    /// typed, a member name): each run of 6 or more decimal digits of any script (Unicode
    /// <c>Nd</c>: ASCII, Arabic-Indic, fullwidth, ...), with or without a leading <c>+</c>, is
    /// masked like <see cref="Mask"/> does, counted in characters as they are read, not in UTF-16
    /// units. Runs that long also cover PINs, which must not leak either.
    /// </summary>
    public static string MaskAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? masked = null;
        var copied = 0;
        for (var i = 0; i < text!.Length;)
        {
            var digits = DigitsAt(text, i, out var end);
            if (digits == 0)
            {
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                continue;
            }

            if (digits < MinimumRun)
            {
                i = end;
                continue;
            }

            // The run, with the '+' just before it when there is one.
            var start = i > 0 && IsPlus(text[i - 1]) ? i - 1 : i;
            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, start - copied);
            AppendMasked(masked, text, start, end);
            copied = end;
            i = end;
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    // A run of this many digits may be a phone number (or a PIN): masked wherever it stands.
    private const int MinimumRun = 6;

    private static bool IsPlus(char c) => c is '+' or '\uFF0B';

    // How many decimal digits (code points) start at index; end is the index after the last.
    // Invisible format characters between digits (a zero-width space, a bidi mark) do not end
    // the run: "467\u200B00000000" shows as one number.
    private static int DigitsAt(string text, int index, out int end)
    {
        var count = 0;
        end = index;
        var at = index;
        while (at < text.Length)
        {
            var width = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
            var category = CharUnicodeInfo.GetUnicodeCategory(text, at);
            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                count++;
                at += width;
                end = at;
            }
            else if (count > 0 && category == UnicodeCategory.Format)
            {
                at += width;
            }
            else
            {
                break;
            }
        }

        return count;
    }

    // Mask's rule over the run's digits (and its '+'), counted as characters: 3 first and 2 last
    // kept from 8 on, all masked below; format characters inside the run are dropped with it.
    private static void AppendMasked(StringBuilder masked, string text, int start, int end)
    {
        var points = new List<string>(end - start);
        for (var i = start; i < end;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) != UnicodeCategory.Format)
            {
                points.Add(text.Substring(i, width));
            }

            i += width;
        }

        if (points.Count < 8)
        {
            masked.Append('*', points.Count);
            return;
        }

        masked.Append(points[0]).Append(points[1]).Append(points[2]).Append('*', points.Count - 5).Append(points[points.Count - 2]).Append(points[points.Count - 1]);
    }

    /// <summary>Returns <paramref name="number"/> if it is E.164, else throws; the message never repeats the number.</summary>
    /// <exception cref="ArgumentException">The number is missing or not E.164.</exception>
    internal static string EnsureE164(string? number, string what) =>
        WhyNotE164(number) is { } problem ? throw new ArgumentException($"{what} {problem}", what) : number!;

    /// <summary>Why <paramref name="number"/> is not E.164 (masked, never the number), or null when it is.</summary>
    internal static string? WhyNotE164(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "is missing; expected an E.164 phone number such as +46700000000.";
        }

        if (IsE164(number))
        {
            return null;
        }

        var hint = number![0] != '+' ? "it must start with '+' and the country code" : "expected '+' followed by 8 to 15 digits";
        return $"is not an E.164 phone number ({Mask(number)}): {hint}.";
    }
}
