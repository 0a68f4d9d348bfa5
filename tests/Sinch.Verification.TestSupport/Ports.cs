using System.Net;
using System.Net.Sockets;

namespace Sinch.Verification.TestSupport;

/// <summary>Loopback ports for tests that must name a port before something listens on it.</summary>
public static class Ports
{
    /// <summary>
    /// A port the OS just gave out and nothing listens on now: for a server that is told its port
    /// (a callback URL known before the app starts), or for a connection that must be refused.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
