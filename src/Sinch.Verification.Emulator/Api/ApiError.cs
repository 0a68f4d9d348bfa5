using System;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// Sinch's error codes that the emulator answers with (verification-api.md §8). The first three
/// digits are the HTTP status; codes Sinch does not list (405, 413, 415) follow the same rule.
/// </summary>
internal static class ErrorCodes
{
    public const int BadRequest = 40000;
    public const int ParameterValidation = 40001;
    public const int MissingParameter = 40002;
    public const int InvalidIdentityOrCode = 40003;
    public const int NumberWithoutPlus = 40005;
    public const int InvalidAuthorizationHeader = 40100;
    public const int AuthorizationRequired = 40104;
    public const int InvalidTimestamp = 40101;
    public const int InvalidSignature = 40102;
    public const int Forbidden = 40300;
    public const int NotFound = 40400;
    public const int MethodNotAllowed = 40500;
    public const int ReferenceAlreadyDefined = 40900;
    public const int BodyTooLarge = 41300;
    public const int UnsupportedMediaType = 41500;
    public const int InternalError = 50000;
}

/// <summary>
/// An answer in Sinch's error shape, thrown from anywhere below the API handler, which turns it
/// into <c>{"errorCode", "message", "reference"}</c>. Exceptions keep the request code linear;
/// errors are rare enough that their cost does not matter.
/// </summary>
internal sealed class EmulatorApiException : Exception
{
    public EmulatorApiException(int errorCode, string message, string? allow = null)
        : base(message)
    {
        ErrorCode = errorCode;
        Allow = allow;
    }

    /// <summary>Sinch's error code, e.g. 40400.</summary>
    public int ErrorCode { get; }

    /// <summary>The HTTP status: the first three digits of the error code.</summary>
    public int StatusCode => ErrorCode / 100;

    /// <summary>For 405: the verbs the resource accepts (the <c>Allow</c> header).</summary>
    public string? Allow { get; }

    public static EmulatorApiException NotFound(string what) => new(ErrorCodes.NotFound, what + " not found.");

    public static EmulatorApiException MethodNotAllowed(string allow) => new(ErrorCodes.MethodNotAllowed, $"Method not allowed; use {allow}.", allow);

    public static EmulatorApiException Validation(string message) => new(ErrorCodes.ParameterValidation, message);
}
