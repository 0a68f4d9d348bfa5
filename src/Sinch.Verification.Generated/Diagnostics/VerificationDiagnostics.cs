using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Sinch.Verification.Generated.Diagnostics;

/// <summary>
/// The package's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named
/// <see cref="Name"/>. OpenTelemetry users add that name to their tracer and meter providers.
/// </summary>
public static class VerificationDiagnostics
{
    /// <summary>The name of the activity source and the meter: <c>Sinch.Verification.Generated</c>.</summary>
    public const string Name = "Sinch.Verification.Generated";

    /// <summary>The tag that names the spec's operationId on spans and metrics: <c>sinch.verification.operation</c>.</summary>
    public const string OperationTag = "sinch.verification.operation";

    private static readonly string? Version = typeof(VerificationDiagnostics).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>One span per API operation.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter of <see cref="RequestDuration"/> and <see cref="Retries"/>.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Duration of whole operations (retries included), in seconds: <c>sinch.verification.client.request.duration</c>.</summary>
    public static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram<double>(
        "sinch.verification.client.request.duration", "s", "Duration of Sinch Verification API operations, retries included.");

    /// <summary>Retries made: <c>sinch.verification.client.retries</c>.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "sinch.verification.client.retries", "{retry}", "Retries of Sinch Verification API requests.");
}
