using System.Runtime.InteropServices;
using Marketplace.Hubs.Legacy;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// Delivers to a legacy client by putting each message's frame straight into its <see cref="LegacySender"/>:
/// no pipe and no per-message write, the sender writes whatever gathered in one go.
/// </summary>
/// <param name="connection">The connection.</param>
/// <param name="sender">The client's sender.</param>
/// <param name="logger">Where a closing for slowness is logged.</param>
internal sealed class LegacyConnectionOutbox(HubConnectionContext connection, LegacySender sender, ILogger logger)
    : ConnectionOutbox(connection, logger)
{
    /// <inheritdoc />
    public override void Enqueue(SerializedHubMessage message)
    {
        // The message caches its frame per protocol, so every legacy recipient shares one serialisation.
        var frame = message.GetSerializedMessage(Connection.Protocol);
        if (!sender.TryEnqueue(MemoryMarshal.TryGetArray(frame, out var segment) ? segment : frame.ToArray()))
        {
            CloseTooSlow(sender.QueuedBytes);
        }
    }

    /// <inheritdoc />
    public override void Close() => sender.Stop();
}
