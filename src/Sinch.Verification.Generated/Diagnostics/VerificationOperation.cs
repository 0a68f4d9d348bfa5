using System;
using System.Net.Http;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// Names a request after the spec's operationId and path template, from its verb and path. Logs
/// and traces use these instead of the URL, which can hold a phone number or a reference.
/// </summary>
internal readonly record struct VerificationOperation(string Name, string PathTemplate)
{
    private const string Root = "/verifications";

    public static VerificationOperation Identify(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var at = path.LastIndexOf(Root, StringComparison.Ordinal);
        var rest = at < 0 ? null : path.Substring(at + Root.Length).Trim('/');
        var segments = rest is null ? Array.Empty<string>() : rest.Split('/');
        var method = request.Method.Method;

        return (method, rest, segments.Length > 0 ? segments[0] : null, segments.Length) switch
        {
            ("POST", "", _, _) => new("startVerification", "/verifications"),
            ("PUT", _, "number", 2) => new("reportVerificationByIdentity", "/verifications/number/{endpoint}"),
            ("PUT", _, "id", 2) => new("reportVerificationById", "/verifications/id/{id}"),
            ("GET", _, "id", 2) => new("getVerificationById", "/verifications/id/{id}"),
            ("GET", _, "reference", 2) => new("getVerificationByReference", "/verifications/reference/{reference}"),
            ("GET", _, _, 3) when segments[1] == "number" => new("getVerificationByIdentity", "/verifications/{method}/number/{endpoint}"),
            _ => new("unknown", "unknown"),
        };
    }
}
