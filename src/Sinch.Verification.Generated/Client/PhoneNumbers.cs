using System;
using System.Text.RegularExpressions;

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
    /// typed): each run of 6 or more digits, with or without a leading <c>+</c>, goes through
    /// <see cref="Mask"/>. Runs that long also cover PINs, which must not leak either.
    /// </summary>
    public static string MaskAll(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : DigitRun.Replace(text, m => Mask(m.Value));

    private static readonly Regex DigitRun = new(@"\+?[0-9]{6,}", RegexOptions.CultureInvariant | RegexOptions.Compiled);

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
