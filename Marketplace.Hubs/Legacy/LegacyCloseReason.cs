using System.Net.WebSockets;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Why the server ends a legacy connection, for its close frame.
/// </summary>
/// <param name="Status">The WebSocket close status.</param>
/// <param name="Description">The close reason, at most 123 bytes.</param>
internal sealed record LegacyCloseReason(WebSocketCloseStatus Status, string Description)
{
    /// <summary>The reason given to a client closed for reading too slowly.</summary>
    public const string TooSlowDescription = "The client fell too far behind in reading.";
}
