using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Liveness;

/// <summary>
/// How the server tells live clients from dead ones, bound from the <c>Heartbeat</c> section.
/// </summary>
/// <remarks>
/// A legacy client gets a WebSocket ping each <see cref="PingInterval"/> and is dropped, with its subscriptions,
/// when it sends nothing within <see cref="PongTimeout"/> of one; any frame counts as the pong, and browsers and
/// WebSocket libraries answer pings by themselves. SignalR clients, over any transport, get SignalR's keep-alive
/// message each <see cref="PingInterval"/> and are dropped when they send nothing, not even their own keep-alive,
/// for <see cref="SignalRClientTimeout"/>.
/// </remarks>
public sealed class HeartbeatOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heartbeat";

    /// <summary>Gets or sets how often the server pings each connection. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long after a ping a silent legacy client is closed. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a SignalR client may send nothing at all before it is dropped. Default 30 seconds:
    /// twice the SignalR client libraries' default keep-alive of 15 seconds, so they are never dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignalRClientTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
