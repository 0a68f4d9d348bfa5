using System;

namespace Sinch.Verification.Generated;

internal static class ArgumentExceptionMessages
{
    // ArgumentException.Message ends with " (Parameter 'X')"; a message that wraps it, or a
    // configuration error that names the setting itself, says it once.
    public static string MessageWithoutParameter(this ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty);
}
