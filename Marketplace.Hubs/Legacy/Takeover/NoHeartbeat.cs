using Microsoft.AspNetCore.Connections.Features;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// The heartbeat the HTTP layer gets while it serves a legacy upgrade: none.
/// </summary>
/// <remarks>
/// Kestrel's HTTP layer registers for the connection's heartbeat and never unregisters, so on the connection's
/// own feature the registration would keep the whole HTTP connection alive as long as the WebSocket. Its timers
/// have nothing to watch here: the request's head is already read, and its one response is a few hundred bytes.
/// </remarks>
internal sealed class NoHeartbeat : IConnectionHeartbeatFeature
{
    /// <summary>The one instance.</summary>
    public static readonly NoHeartbeat Instance = new();

    private NoHeartbeat()
    {
    }

    /// <inheritdoc />
    public void OnHeartbeat(Action<object> action, object state)
    {
    }
}
