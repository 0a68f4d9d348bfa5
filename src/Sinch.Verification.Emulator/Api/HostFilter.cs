using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// Answers only requests whose <c>Host</c> names the emulator: the loopback names, the host names
/// of the URLs it listens on, and <see cref="EmulatorOptions.AllowedHosts"/>. A web page that a
/// DNS-rebinding attack points at a developer's emulator sends its own host name, so it can
/// neither read the outbox (codes) nor drive the API; and the <c>_links</c> and seamless target
/// URIs, built from the request's host, only ever name the emulator itself.
/// </summary>
internal sealed class HostFilter
{
    private static readonly string[] Loopback = { "localhost", "127.0.0.1", "[::1]" };

    // Wildcard bindings name no host: they say where to listen, not what clients call it.
    private static readonly string[] Wildcards = { "0.0.0.0", "[::]", "*", "+" };

    private readonly string[] _configured;
    private readonly bool _any;
    private HashSet<string>? _allowed;

    public HostFilter(IEnumerable<string> allowedHosts)
    {
        _configured = allowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToArray();
        _any = _configured.Contains("*");
    }

    /// <summary>Whether the request names an allowed host; a request without a Host header (HTTP/1.0) names none to misuse.</summary>
    public bool Allows(HttpContext context) =>
        _any || !context.Request.Host.HasValue || Allowed(context).Contains(context.Request.Host.Host);

    /// <summary>400/40000 in Sinch's error shape, saying how to allow the host.</summary>
    public Task RefuseAsync(HttpContext context) =>
        HttpExchange.TryWriteErrorAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
            $"Bad request: the Host header names a host this emulator does not serve (it serves {string.Join(", ", Allowed(context).OrderBy(h => h, StringComparer.Ordinal))}). "
            + "Call it by one of these names, or allow the name with --allowed-hosts (EmulatorOptions.AllowedHosts).", null);

    // Built at the first request: only then are the addresses the server listens on known.
    private HashSet<string> Allowed(HttpContext context) => _allowed ??= Build(context);

    private HashSet<string> Build(HttpContext context)
    {
        var hosts = new HashSet<string>(Loopback.Concat(_configured), StringComparer.OrdinalIgnoreCase);
        var addresses = context.RequestServices?.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? Array.Empty<string>();
        foreach (var address in addresses)
        {
            var host = BindingAddress.Parse(address).Host;
            if (!Wildcards.Contains(host))
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }
}
