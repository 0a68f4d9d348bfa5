using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.State;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// The target URIs of seamless (data) verifications: <c>GET /emulator/seamless/{id}?token=…</c>
/// is what the phone's app does over its mobile data connection, and completes the verification
/// <c>SUCCESSFUL</c> (Sinch identifies the number from the network; here, the token stands for
/// that). <b>Not part of Sinch's API</b> and not authenticated, as the phone has no application
/// credentials. It answers the report shape: <c>{"id","method":"seamless","status":"SUCCESSFUL"}</c>.
/// </summary>
internal sealed class SeamlessHandler
{
    /// <summary>Where the target URIs live; outside <see cref="ApiHandler.Prefix"/> on purpose.</summary>
    public const string Prefix = "/emulator/seamless";

    private readonly VerificationEngine _engine;
    private readonly ILogger _logger;

    public SeamlessHandler(VerificationEngine engine, ILogger logger)
    {
        _engine = engine;
        _logger = logger;
    }

    /// <summary>The target URI of one verification, on the base URL the client used.</summary>
    public static string TargetUri(string hostBase, string id, string token) =>
        $"{hostBase}{Prefix}/{Uri.EscapeDataString(id)}?token={token}";

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, Execute);

    private Task<object> Execute(HttpContext context)
    {
        HttpExchange.GetOnly(context, "seamlessTarget");

        object result = HttpExchange.RouteSegments(context) switch
        {
            [var id] when context.Request.Query["token"] is { Count: 1 } token => _engine.ConfirmSeamless(id, token.ToString()),
            _ => throw EmulatorApiException.NotFound("Seamless verification"),
        };
        return Task.FromResult(result);
    }
}
