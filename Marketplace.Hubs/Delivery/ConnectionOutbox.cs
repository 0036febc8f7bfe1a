using System.Net.WebSockets;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Limits;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// The messages waiting for one connection. Publishers never wait for a slow reader: messages queue up to a
/// byte limit, past which the connection is closed, so no reader costs more than the limit.
/// </summary>
/// <param name="connection">The connection.</param>
/// <param name="logger">Where a closing for slowness is logged.</param>
internal abstract class ConnectionOutbox(HubConnectionContext connection, ILogger logger)
{
    private ChannelSet _channels;

    /// <summary>Gets the connection.</summary>
    public HubConnectionContext Connection { get; } = connection;

    /// <summary>Gets the channels the connection is a member of; guarded by the lifetime manager.</summary>
    /// <remarks>Returned by reference: the set lives inside the outbox and changes there.</remarks>
    public ref ChannelSet Channels => ref _channels;

    /// <summary>Sends <paramref name="message"/> after every message queued before it.</summary>
    public abstract void Enqueue(SerializedHubMessage message);

    /// <summary>Drops every queued message: the connection has gone.</summary>
    public abstract void Close();

    /// <summary>Closes a connection that has <paramref name="queuedBytes"/> waiting and cannot take more.</summary>
    protected void CloseTooSlow(long queuedBytes)
    {
        LimitsLog.TooSlow(logger, Connection.ConnectionId, queuedBytes);

        Connection.Features.Get<ILegacyConnectionFeature>()?.SetCloseReason(
            WebSocketCloseStatus.PolicyViolation, LegacyCloseReason.TooSlowDescription);
        Connection.Abort();
    }
}
