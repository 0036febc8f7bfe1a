using System.Net;
using System.Net.Sockets;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Tries the configured address before Kestrel does, so that a taken port is reported as one clear line
/// rather than as the host's start-up stack trace.
/// </summary>
internal static class PortProbe
{
    /// <summary>Returns why the address cannot be bound, or null when it can (or cannot be probed).</summary>
    public static SocketError? FindConflict(ServerOptions server)
    {
        if (server.Port == 0 || AddressOf(server.Host) is not { } address)
        {
            return null;
        }

        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        try
        {
            socket.Bind(new IPEndPoint(address, server.Port));
            return null;
        }
        catch (SocketException exception)
        {
            return exception.SocketErrorCode;
        }
    }

    private static IPAddress? AddressOf(string host) => host switch
    {
        "*" or "+" or "[::]" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address : null,
    };
}
