using System;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// A callback body is not UTF-8 JSON, not an object, has no string <c>event</c>, or does not match
/// the schema of its event. The only exception <see cref="CallbackParser"/> throws for received
/// input.
/// </summary>
/// <remarks>
/// The message names the JSON location, never a value: bodies carry phone numbers. The JSON
/// library's own exception is not attached for the same reason (its messages quote values).
/// </remarks>
public sealed class CallbackParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, without values from the body.</param>
    /// <param name="jsonPath">Where in the body, when known.</param>
    public CallbackParseException(string message, string? jsonPath = null)
        : base(message) =>
        JsonPath = string.IsNullOrEmpty(jsonPath) ? null : jsonPath;

    /// <summary>The JSON path of the problem (such as <c>identity.verified</c>), when known.</summary>
    public string? JsonPath { get; }
}
