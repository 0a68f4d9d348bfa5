using System.Net.Http;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// One operation of the spec: its operationId, verb, path template and whether a retry is safe.
/// The rows are generated from the spec (build/templates/Client.Class.liquid, SINCH (6); the
/// spec's <c>x-sinch-retry-safe</c>); each generated client method attaches its row to the
/// request, so retries, logs and traces name the operation without parsing the URL, which can
/// hold a phone number or a reference. The rows are shared: attaching one allocates nothing new.
/// </summary>
internal sealed partial class VerificationOperation
{
#if NET
    private static readonly HttpRequestOptionsKey<VerificationOperation> Key = new("Sinch.Verification.Operation");
#else
    private const string Key = "Sinch.Verification.Operation"; // HttpRequestMessage.Properties on netstandard2.0
#endif

    /// <summary>A request that did not come from a generated client method (e.g. sent through the named HttpClient).</summary>
    public static readonly VerificationOperation Unknown = new("unknown", HttpMethod.Get, "unknown", retrySafe: false);

    private VerificationOperation(string name, HttpMethod method, string pathTemplate, bool retrySafe)
    {
        Name = name;
        Method = method;
        PathTemplate = pathTemplate;
        RetrySafe = retrySafe;
        ActivityName = "Sinch Verification " + name;
    }

    /// <summary>The spec's operationId.</summary>
    public string Name { get; }

    public HttpMethod Method { get; }

    /// <summary>The path template, e.g. <c>/verifications/id/{id}</c> (OpenTelemetry's <c>url.template</c>).</summary>
    public string PathTemplate { get; }

    /// <summary>The spec's <c>x-sinch-retry-safe</c>: a retry cannot repeat an effect.</summary>
    public bool RetrySafe { get; }

    public string ActivityName { get; }

    public void AttachTo(HttpRequestMessage request)
    {
#if NET
        request.Options.Set(Key, this);
#else
        request.Properties[Key] = this;
#endif
    }

    /// <summary>The operation a generated client method attached to <paramref name="request"/>, or <see cref="Unknown"/>.</summary>
    public static VerificationOperation Of(HttpRequestMessage request) =>
#if NET
        request.Options.TryGetValue(Key, out var operation) ? operation : Unknown;
#else
        request.Properties.TryGetValue(Key, out var operation) && operation is VerificationOperation known ? known : Unknown;
#endif
}
