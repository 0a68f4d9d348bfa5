using System;
using System.Text.RegularExpressions;

namespace Sinch.Verification.Generated;

/// <summary>
/// One way to print an argument error in a sentence of its own. Compiled into the SDK, the ASP.NET
/// Core package and the CLI (linked source, internal in each), so all three say it alike.
/// </summary>
internal static class ArgumentExceptionMessages
{
    private static readonly Regex ParameterSuffix = new(@" \(Parameter '[^']*'\)", RegexOptions.CultureInvariant);

    // ArgumentException.Message ends with " (Parameter 'X')", and a message that wraps one
    // repeats it; a message that names the setting itself says it once, without them.
    public static string MessageWithoutParameter(this Exception e) => ParameterSuffix.Replace(e.Message, string.Empty);
}
