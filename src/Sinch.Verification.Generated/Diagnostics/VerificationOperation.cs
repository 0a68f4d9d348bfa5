using System;
using System.Net.Http;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// Names a request after the spec's operationId and path template, from its verb and path. Logs
/// and traces use these instead of the URL, which can hold a phone number or a reference. The
/// instances are shared: identifying a request allocates nothing.
/// </summary>
internal sealed class VerificationOperation
{
    public static readonly VerificationOperation Start = new("startVerification", "/verifications");
    public static readonly VerificationOperation ReportByIdentity = new("reportVerificationByIdentity", "/verifications/number/{endpoint}");
    public static readonly VerificationOperation ReportById = new("reportVerificationById", "/verifications/id/{id}");
    public static readonly VerificationOperation GetById = new("getVerificationById", "/verifications/id/{id}");
    public static readonly VerificationOperation GetByReference = new("getVerificationByReference", "/verifications/reference/{reference}");
    public static readonly VerificationOperation GetByIdentity = new("getVerificationByIdentity", "/verifications/{method}/number/{endpoint}");
    public static readonly VerificationOperation Unknown = new("unknown", "unknown");

    private VerificationOperation(string name, string pathTemplate)
    {
        Name = name;
        PathTemplate = pathTemplate;
        ActivityName = "Sinch Verification " + name;
    }

    public string Name { get; }

    public string PathTemplate { get; }

    public string ActivityName { get; }

    public static VerificationOperation Identify(HttpRequestMessage request)
    {
        var path = (request.RequestUri?.AbsolutePath ?? string.Empty).AsSpan();
        var at = path.LastIndexOf("/verifications".AsSpan()); // ordinal
        if (at < 0)
        {
            return Unknown;
        }

        var rest = path.Slice(at + "/verifications".Length).Trim('/');
        var method = request.Method;
        if (rest.IsEmpty)
        {
            return method == HttpMethod.Post ? Start : Unknown;
        }

        // rest is "first/second" or "first/second/third"; no segment is empty.
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return Unknown;
        }

        var first = rest.Slice(0, slash);
        var tail = rest.Slice(slash + 1);
        var secondSlash = tail.IndexOf('/');
        if (secondSlash < 0)
        {
            var put = method == HttpMethod.Put;
            var get = method == HttpMethod.Get;
            return first switch
            {
                "number" when put => ReportByIdentity,
                "id" when put => ReportById,
                "id" when get => GetById,
                "reference" when get => GetByReference,
                _ => Unknown,
            };
        }

        return method == HttpMethod.Get && tail.Slice(0, secondSlash).SequenceEqual("number".AsSpan()) && tail.Slice(secondSlash + 1).IndexOf('/') < 0
            ? GetByIdentity
            : Unknown;
    }
}
