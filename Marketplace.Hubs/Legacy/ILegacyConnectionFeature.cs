using System.Net.WebSockets;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Marks a hub connection as a legacy WebSocket client, for logs and for rules that treat the two apart.
/// </summary>
public interface ILegacyConnectionFeature
{
    /// <summary>Gets the path the client connected to: <c>/</c> or <c>/ws</c>.</summary>
    string Path { get; }

    /// <summary>
    /// Says why the server is about to end the connection, so the close frame carries it (SignalR's abort has
    /// no reason of its own). Safe to call from any thread.
    /// </summary>
    void SetCloseReason(WebSocketCloseStatus status, string description);
}
