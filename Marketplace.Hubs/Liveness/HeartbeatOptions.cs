using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Liveness;

/// <summary>
/// How the server tells live clients from dead ones, bound from the <c>Heartbeat</c> section.
/// </summary>
/// <remarks>
/// Every WebSocket client, legacy or SignalR, gets a WebSocket ping each <see cref="PingInterval"/> and is
/// dropped, with its subscriptions, when no pong arrives within <see cref="PongTimeout"/>; for a legacy client
/// any frame it sends counts as the pong. Browsers and WebSocket libraries answer pings by themselves. SignalR
/// connections without WebSockets (server-sent events, long polling) cannot answer pings and are judged by
/// <see cref="SignalRClientTimeout"/> instead.
/// </remarks>
public sealed class HeartbeatOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heartbeat";

    /// <summary>Gets or sets how often the server pings each connection. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long after a ping a silent connection is closed. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a SignalR client may send nothing at all before it is dropped. Default 30 seconds:
    /// twice the SignalR client libraries' default keep-alive of 15 seconds, so they are never dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignalRClientTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
