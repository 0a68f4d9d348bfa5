using System;
using System.Security.Cryptography;
using System.Text;

namespace Sinch.Verification.Emulator.Tests.Support;

/// <summary>
/// Checks a callback the way Sinch's own .NET SDK does, written from the wire contract
/// (verification-api.md §9-§10) and deliberately sharing no code with this repository's
/// <c>ApplicationSigner</c>: the scheme word must be exactly <c>application</c>, as Sinch's
/// production callbacks write it (the SDK compares it with ==), then the HMAC over the string to
/// sign is compared. A test that passes only through our own validator could not catch a
/// spelling that the official SDK refuses.
/// </summary>
internal static class ExactSchemeCallbackValidator
{
    // The literal on purpose: this is the independent side of the comparison.
    private const string SinchCallbackScheme = "application";

    public static bool IsValid(RawCallback callback, string applicationKey, string applicationSecret)
    {
        var space = callback.Authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || callback.Authorization[..space] != SinchCallbackScheme)
        {
            return false;
        }

        var parameter = callback.Authorization[(space + 1)..];
        var colon = parameter.LastIndexOf(':');
        if (colon < 0 || parameter[..colon] != applicationKey)
        {
            return false;
        }

        var contentMd5 = callback.Body.Length == 0 ? string.Empty : Convert.ToBase64String(MD5.HashData(callback.Body));
        var stringToSign = "POST\n" + contentMd5 + "\n" + callback.ContentType + "\nx-timestamp:" + callback.Timestamp + "\n" + callback.Path;
        var secret = applicationSecret.PadRight(applicationSecret.Length + ((4 - (applicationSecret.Length % 4)) % 4), '=');
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parameter[(colon + 1)..]));
    }
}
