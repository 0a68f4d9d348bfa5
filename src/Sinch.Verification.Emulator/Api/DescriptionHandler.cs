using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// <c>GET /emulator/openapi.yaml</c>: the OpenAPI description of the emulator's own endpoints
/// (outbox, stats, seamless target URIs, this document), <c>emulator-openapi.yaml</c> embedded as
/// written. Sinch's API is described by the spec the emulator serves, not here.
/// </summary>
internal sealed class DescriptionHandler
{
    public const string Path = "/emulator/openapi.yaml";

    /// <summary>The document's text, read once.</summary>
    internal static readonly string Document = Read();

    private readonly ILogger _logger;

    public DescriptionHandler(ILogger logger) => _logger = logger;

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, Execute);

    private static Task<object> Execute(HttpContext context)
    {
        HttpExchange.GetOnly(context, "emulatorDescription");

        return Task.FromResult<object>(new TextResult("application/yaml; charset=utf-8", Document));
    }

    private static string Read()
    {
        using var stream = typeof(DescriptionHandler).Assembly.GetManifestResourceStream("emulator-openapi.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
