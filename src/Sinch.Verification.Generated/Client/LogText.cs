using System.Globalization;
using System.Text;

namespace Sinch.Verification.Generated;

/// <summary>
/// The one rule for writing text that came from outside (a request path, a member name or value,
/// a server's message) into a log or onto a terminal: characters that could end the line, forge
/// another one, move the cursor or reorder what is shown are written as <c>\uXXXX</c>, and phone
/// numbers are masked (<see cref="PhoneNumbers.MaskAll"/>). Compiled into the SDK, the ASP.NET
/// Core package, the emulator and the CLI (linked source, internal in each).
/// </summary>
internal static class LogText
{
    /// <summary>
    /// Masks every digit run that could be a phone number or a PIN, then escapes what is unsafe
    /// (<see cref="Escape"/>): what every logged or printed piece of outside text goes through.
    /// </summary>
    public static string Safe(string? text) => Escape(PhoneNumbers.MaskAll(text));

    /// <summary>
    /// Writes every unsafe character (<see cref="IsUnsafe"/>) as <c>\uXXXX</c>, and the digits
    /// right after an escape whose hex ends in a digit too (so no escape joins them into a longer
    /// run of digits); returns the same instance when there is nothing to escape (the usual case,
    /// without allocating). Null is empty.
    /// </summary>
    public static string Escape(string? text) => EscapeCore(text);

    /// <summary>
    /// <paramref name="value"/> as a JSON string literal, quotes included, by the same rule: a
    /// quote and a backslash are escaped as JSON requires, every unsafe character as <c>\uXXXX</c>
    /// (which JSON reads back as the same character), everything else as it is. For JSON written
    /// to a log or a terminal (a serializer's own escaping knows nothing of bidi controls and
    /// joins its escapes to the digits after them).
    /// </summary>
    public static string JsonString(string? value)
    {
        var text = value ?? string.Empty;
        if (text.IndexOf('"') >= 0 || text.IndexOf('\\') >= 0)
        {
            text = text.Replace("\\", "\\\\").Replace("\"", "\\\"");
        }

        return "\"" + EscapeCore(text) + "\"";
    }

    /// <summary>
    /// True for a character a line of text must not carry raw: C0 and C1 controls and DEL
    /// (CR, LF, ESC, NEL...), format characters (bidi overrides and isolates, LRM/RLM, zero-width
    /// characters, the BOM), the line and paragraph separators, and a surrogate that is not half
    /// of a pair (<paramref name="next"/> and <paramref name="previous"/> tell).
    /// </summary>
    public static bool IsUnsafe(char c, char previous = '\0', char next = '\0')
    {
        if (c < 0x80)
        {
            return c < 0x20 || c == 0x7F;
        }

        if (c <= 0x9F)
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return !char.IsLowSurrogate(next);
        }

        if (char.IsLowSurrogate(c))
        {
            return !char.IsHighSurrogate(previous);
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control;
    }

    private static string EscapeCore(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = FirstUnsafe(text!);
        if (first < 0)
        {
            return text!;
        }

        var escaped = new StringBuilder(text!.Length + 16);
        escaped.Append(text, 0, first);
        var afterDigitEscape = false;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];

            // An escape whose hex ends in a digit ("\u2028") would join the digits after it into one
            // run ("\u202846700"), which reads as a number: those digits are written as escapes too.
            if (IsUnsafeAt(text, i) || (afterDigitEscape && char.IsDigit(c)))
            {
                var hex = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                escaped.Append("\\u").Append(hex);
                afterDigitEscape = char.IsDigit(hex[3]);
            }
            else
            {
                escaped.Append(c);
                afterDigitEscape = false;
            }
        }

        return escaped.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 || c >= 0x7F) && IsUnsafeAt(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafeAt(string text, int i)
    {
        var c = text[i];
        return IsUnsafe(c, i > 0 ? text[i - 1] : '\0', i + 1 < text.Length ? text[i + 1] : '\0');
    }
}
