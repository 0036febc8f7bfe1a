using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// Delivers to a client of a SignalR transport through its connection context. A message is written at once when
/// nothing waits before it; while the transport cannot take more, later messages queue here.
/// </summary>
/// <param name="connection">The connection.</param>
/// <param name="maxQueuedBytes">How many bytes may queue before the connection is closed.</param>
/// <param name="logger">Where a closing for slowness is logged.</param>
internal sealed class HubConnectionOutbox(HubConnectionContext connection, long maxQueuedBytes, ILogger logger)
    : ConnectionOutbox(connection, logger)
{
    private readonly Lock _gate = new();

    // Made when the connection first falls behind: most never do.
    private Queue<(SerializedHubMessage Message, int Size)>? _queue;
    private long _queuedBytes;
    private bool _draining;
    private bool _closed;

    /// <summary>
    /// Gets the connection's place in the keep-alive rounds, or -1 when its transport keeps itself alive.
    /// </summary>
    public int KeepAliveSequence { get; init; }

    /// <inheritdoc />
    public override void Enqueue(SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (!_draining)
            {
                WriteLocked(message);
                return;
            }

            var size = message.GetSerializedMessage(Connection.Protocol).Length;
            if (_queuedBytes + size > maxQueuedBytes)
            {
                CloseTooSlowLocked();
                return;
            }

            (_queue ??= new()).Enqueue((message, size));
            _queuedBytes += size;
        }
    }

    /// <summary>
    /// Sends SignalR's keep-alive <paramref name="ping"/>, unless writes are in flight: those tell the client as
    /// much, and a ping queued behind them would only add to a backlog.
    /// </summary>
    public void Ping(SerializedHubMessage ping)
    {
        lock (_gate)
        {
            if (!_closed && !_draining)
            {
                WriteLocked(ping);
            }
        }
    }

    /// <inheritdoc />
    public override void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue = null;
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
                if (_closed || _queue is null || !_queue.TryDequeue(out var item))
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

    private void WriteLocked(SerializedHubMessage message)
    {
        var write = Connection.WriteAsync(message);
        if (write.IsCompletedSuccessfully)
        {
            return;
        }

        _draining = true;
        _ = DrainAsync(write);
    }

    private void CloseTooSlowLocked()
    {
        var queuedBytes = _queuedBytes;
        _closed = true;
        _queue = null;
        _queuedBytes = 0;

        CloseTooSlow(queuedBytes);
    }
}
