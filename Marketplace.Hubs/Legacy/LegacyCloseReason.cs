using System.Net.WebSockets;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Why the server ends a legacy connection, left in the connection's items before it is aborted, so the
/// client's close frame says so (SignalR's abort carries no reason of its own).
/// </summary>
/// <param name="Status">The WebSocket close status.</param>
/// <param name="Description">The close reason, at most 123 bytes.</param>
internal sealed record LegacyCloseReason(WebSocketCloseStatus Status, string Description)
{
    /// <summary>The key of the reason in the connection's items.</summary>
    public static readonly object Key = new();
}
