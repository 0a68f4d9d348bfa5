using System.Net.Http;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// One operation of the spec: its operationId, verb, path template and whether a retry is safe.
/// The rows are generated from the spec (build/templates/Client.Class.liquid, SINCH (6); the
/// spec's <c>x-sinch-retry-safe</c>); each generated client method sends a
/// <see cref="VerificationRequestMessage"/> that carries its row, so retries, logs and traces
/// name the operation without parsing the URL, which can hold a phone number or a reference.
/// The rows are shared: a request only holds a reference to one.
/// </summary>
internal sealed partial class VerificationOperation
{
    /// <summary>A request that did not come from a generated client method (e.g. sent through the named HttpClient).</summary>
    public static readonly VerificationOperation Unknown = new("unknown", "unknown", HttpMethod.Get, "unknown", retrySafe: false);

    private VerificationOperation(string name, string clientMethodName, HttpMethod method, string pathTemplate, bool retrySafe)
    {
        Name = name;
        ClientMethodName = clientMethodName;
        Method = method;
        PathTemplate = pathTemplate;
        RetrySafe = retrySafe;
        ActivityName = "Sinch Verification " + name;
    }

    /// <summary>The spec's operationId.</summary>
    public string Name { get; }

    /// <summary>The method of <see cref="IVerificationClient"/> NSwag generated for it (<c>GetVerificationByIdAsync</c>).</summary>
    public string ClientMethodName { get; }

    public HttpMethod Method { get; }

    /// <summary>The path template, e.g. <c>/verifications/id/{id}</c> (OpenTelemetry's <c>url.template</c>).</summary>
    public string PathTemplate { get; }

    /// <summary>The spec's <c>x-sinch-retry-safe</c>: a retry cannot repeat an effect.</summary>
    public bool RetrySafe { get; }

    public string ActivityName { get; }

    /// <summary>The operation of a request a generated client method made, or <see cref="Unknown"/>.</summary>
    public static VerificationOperation Of(HttpRequestMessage request) =>
        request is VerificationRequestMessage { Operation: var operation } ? operation : Unknown;
}

/// <summary>A request made by a generated client method: it knows its operation (build/templates/Client.Class.liquid, SINCH (6)).</summary>
internal sealed class VerificationRequestMessage : HttpRequestMessage
{
    public VerificationRequestMessage(VerificationOperation operation) => Operation = operation;

    public VerificationOperation Operation { get; }
}
