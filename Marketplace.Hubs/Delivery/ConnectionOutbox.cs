using System.Net.WebSockets;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Limits;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// The messages waiting for one connection. A message is written at once when nothing waits before it; while
/// the connection cannot take more, later messages queue here, up to a byte limit past which the connection is
/// closed. Publishers never wait for a slow reader, and no reader costs more than the limit.
/// </summary>
internal sealed class ConnectionOutbox(HubConnectionContext connection, long maxQueuedBytes, ILogger logger)
{
    private readonly Queue<(SerializedHubMessage Message, int Size)> _queue = new();
    private readonly Lock _gate = new();
    private long _queuedBytes;
    private bool _draining;
    private bool _closed;

    /// <summary>Gets the connection.</summary>
    public HubConnectionContext Connection { get; } = connection;

    /// <summary>Gets the channels the connection is a member of; guarded by the lifetime manager.</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="message"/> after every message queued before it.</summary>
    public void Enqueue(SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (!_draining)
            {
                var write = Connection.WriteAsync(message);
                if (write.IsCompletedSuccessfully)
                {
                    return;
                }

                _draining = true;
                _ = DrainAsync(write);
                return;
            }

            var size = message.GetSerializedMessage(Connection.Protocol).Length;
            if (_queuedBytes + size > maxQueuedBytes)
            {
                CloseTooSlow();
                return;
            }

            _queue.Enqueue((message, size));
            _queuedBytes += size;
        }
    }

    /// <summary>Drops every queued message: the connection has gone.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear();
            _queuedBytes = 0;
        }
    }

    // Runs while the connection is behind: waits for each write, then takes the next message, until none is left.
    private async Task DrainAsync(ValueTask pending)
    {
        while (true)
        {
            try
            {
                await pending;
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The connection ended mid-write; SignalR aborts it and reports the disconnection.
                Close();
                return;
            }

            SerializedHubMessage next;
            lock (_gate)
            {
                if (_closed || !_queue.TryDequeue(out var item))
                {
                    _draining = false;
                    return;
                }

                _queuedBytes -= item.Size;
                next = item.Message;
            }

            pending = Connection.WriteAsync(next);
        }
    }

    private void CloseTooSlow()
    {
        LimitsLog.TooSlow(logger, Connection.ConnectionId, _queuedBytes);

        _closed = true;
        _queue.Clear();
        _queuedBytes = 0;

        Connection.Features.Get<ILegacyConnectionFeature>()?.SetCloseReason(
            WebSocketCloseStatus.PolicyViolation, "The client fell too far behind in reading.");
        Connection.Abort();
    }
}
