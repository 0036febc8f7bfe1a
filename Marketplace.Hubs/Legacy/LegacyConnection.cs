using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using Marketplace.Hubs.Limits;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// One legacy WebSocket client presented to SignalR as a connection: the hub reads what the client sent from a
/// pipe this class fills from the socket, and writes whole WebSocket frames, one per message, through a
/// <see cref="LegacyReplyWriter"/> into a <see cref="LegacySender"/>, beside the broadcasts that the delivery
/// manager puts there directly.
/// </summary>
/// <remarks>
/// SignalR's own WebSocket transport is not used because it may put several messages in one frame, which
/// legacy clients cannot split. The connection carries no heartbeat feature, so SignalR sends no keep-alive
/// of its own here: liveness is the WebSocket ping and pong, configured on the WebSocket middleware.
/// </remarks>
internal sealed class LegacyConnection : ConnectionContext,
    IConnectionUserFeature, IHttpContextFeature, IConnectionEndPointFeature, ILegacyConnectionFeature
{
    private readonly WebSocket _socket;
    private readonly LegacyWire _wire;
    private readonly LegacySender _sender;
    private readonly LegacyFrameReader _frames;
    private readonly int _maxFrameBytes;
    private readonly int _hardMaxFrameBytes;
    private readonly TimeSpan _closeTimeout;
    private readonly LegacyHeartbeat _heartbeat;
    private readonly ILogger _logger;
    private readonly ConnectionSlot? _slot;
    private readonly Pipe _toHub = new();
    private readonly LegacyReplyWriter _replies;
    private readonly CancellationTokenSource _aborted = new();
    private readonly CancellationTokenSource _closed = new();
    private volatile LegacyCloseReason? _closeReason;
    private IDictionary<object, object?>? _items;

    /// <summary>Initializes a new instance of the <see cref="LegacyConnection"/> class.</summary>
    public LegacyConnection(
        WebSocket socket,
        LegacyWire wire,
        LegacyClient client,
        LegacyOptions options,
        LegacySendScheduler scheduler,
        LegacyHeartbeat heartbeat,
        long maxQueuedBytes,
        ILogger logger)
    {
        _socket = socket;
        _wire = wire;
        _sender = new LegacySender(wire, scheduler, maxQueuedBytes, _aborted.Token);
        _frames = new LegacyFrameReader(socket, options.MaxFrameBytes, options.HardMaxFrameBytes);
        _maxFrameBytes = options.MaxFrameBytes;
        _hardMaxFrameBytes = options.HardMaxFrameBytes;
        _closeTimeout = options.CloseTimeout;
        _heartbeat = heartbeat;
        _logger = logger;

        HttpContext = client.HttpContext;
        User = client.User;
        Path = client.Path;
        ConnectionId = client.ConnectionId;
        RemoteEndPoint = client.RemoteEndPoint;
        LocalEndPoint = client.LocalEndPoint;
        _slot = client.Slot;
        _replies = new LegacyReplyWriter(_sender, this);
        Transport = new DuplexPipe(_toHub.Reader, _replies);

        Features = new LegacyFeatures(this, _sender);
    }

    /// <inheritdoc />
    public override string ConnectionId { get; set; }

    /// <inheritdoc />
    public override IFeatureCollection Features { get; }

    /// <inheritdoc />
    /// <remarks>Made on first use: nothing in this server keeps state there, and most connections never ask.</remarks>
    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    /// <inheritdoc />
    public override IDuplexPipe Transport { get; set; }

    /// <inheritdoc />
    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException("The connection signals its own closing.");
    }

    /// <inheritdoc />
    public ClaimsPrincipal? User { get; set; }

    /// <inheritdoc />
    public HttpContext? HttpContext { get; set; }

    /// <inheritdoc />
    public string Path { get; }

    /// <summary>Gets how many reads the socket has started; it moves whenever the client has sent something.</summary>
    public int ReadsStarted => _wire.ReadsStarted;

    /// <summary>
    /// Runs the connection until the client leaves or the hub ends it: performs the SignalR handshake on the
    /// client's behalf, then pumps messages both ways. Disposes the connection, and its socket, at the end.
    /// </summary>
    public async Task RunAsync(ConnectionHandler handler, CancellationToken stopping)
    {
        try
        {
            var hub = RunHubAsync(handler);

            if (!await HandshakeAsync())
            {
                await _toHub.Writer.CompleteAsync();
                await hub;
                await CloseAsync(WebSocketCloseStatus.InternalServerError, "The server could not start the session.");
                return;
            }

            _heartbeat.Watch(this);
            await using (stopping.Register(static state => ((LegacyConnection)state!).BeginServerClose(), this))
            {
                var receiving = ReceiveLoopAsync();

                // The hub ends first when the server ends the session (a flooding or too slow client): the last
                // replies go out, then a close frame that says why, and the client's answer ends the receiving.
                if (await Task.WhenAny(receiving, hub) == hub)
                {
                    await WithinCloseTimeoutAsync(_sender.DrainAsync());
                    var reason = _closeReason;
                    await CloseAsync(reason?.Status ?? WebSocketCloseStatus.NormalClosure, reason?.Description);
                    await WithinCloseTimeoutAsync(receiving);
                }

                await receiving;
                await hub;
                await _sender.DrainAsync();
            }

            await CloseAsync(WebSocketCloseStatus.NormalClosure, null);
            await AwaitClientCloseAsync();
        }
        finally
        {
            await DisposeAsync();
        }
    }

    /// <summary>Sends a ping after the frames already queued.</summary>
    public void Ping()
    {
        if (!_sender.TryEnqueue(LegacyFrameWriter.Ping))
        {
            CloseTooSlow();
        }
    }

    /// <summary>Drops a client that has not answered a ping within <paramref name="pongTimeout"/>.</summary>
    public void Expire(TimeSpan pongTimeout)
    {
        LegacyLog.NoAnswerToPing(_logger, ConnectionId, pongTimeout);

        // Nobody is reading on the other side, so there is no close frame to send: the receive loop ends at once.
        _socket.Abort();
    }

    /// <summary>
    /// Closes the connection of a client that sends requests without reading the answers: they pile up like
    /// broadcasts do.
    /// </summary>
    /// <remarks>
    /// Signalling the connection closed makes SignalR end the hub first, so the close frame with the reason goes
    /// out as for any other close the server decides; cancelling the socket's reads would abort it without one.
    /// </remarks>
    public void CloseTooSlow()
    {
        LimitsLog.TooSlow(_logger, ConnectionId, _sender.QueuedBytes);
        SetCloseReason(WebSocketCloseStatus.PolicyViolation, LegacyCloseReason.TooSlowDescription);
        _closed.Cancel();
    }

    /// <inheritdoc />
    public void SetCloseReason(WebSocketCloseStatus status, string description) =>
        _closeReason = new LegacyCloseReason(status, description);

    /// <inheritdoc />
    public override void Abort(ConnectionAbortedException abortReason)
    {
        LegacyLog.SocketEnded(_logger, ConnectionId, abortReason.Message);
        _aborted.Cancel();
    }

    /// <inheritdoc />
    /// <remarks>Gives back the client's place among its address's connections when the connection held it.</remarks>
    public override async ValueTask DisposeAsync()
    {
        _heartbeat.Forget(this);
        await _closed.CancelAsync();
        _frames.Dispose();
        _socket.Dispose();
        _slot?.Release();
        await base.DisposeAsync();
    }

    private async Task RunHubAsync(ConnectionHandler handler)
    {
        try
        {
            await handler.OnConnectedAsync(this);
        }
        catch (Exception exception)
        {
            LegacyLog.HubFailed(_logger, exception, ConnectionId);
        }
        finally
        {
            // The hub has written its last message; the sender still drains what is queued.
            await _replies.CompleteAsync();
        }
    }

    private async Task<bool> HandshakeAsync()
    {
        // Taken before the request goes: the writer lets go of it once the hub has answered.
        var responded = _replies.HandshakeResponse;
        HandshakeProtocol.WriteRequestMessage(
            new HandshakeRequestMessage(LegacyHubProtocol.ProtocolName, 1),
            _toHub.Writer);
        await _toHub.Writer.FlushAsync();

        var response = new ReadOnlySequence<byte>(await responded);
        if (!HandshakeProtocol.TryParseResponseMessage(ref response, out var message))
        {
            LegacyLog.HandshakeFailed(_logger, ConnectionId, "the hub ended the connection");
            return false;
        }

        if (message.Error is not null)
        {
            LegacyLog.HandshakeFailed(_logger, ConnectionId, message.Error);
            return false;
        }

        // Whatever the hub flushed with its response is already frames for the client.
        return _sender.TryEnqueue(response);
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var status = await _frames.ReadAsync(_aborted.Token);
                if (status == LegacyFrameStatus.Closed)
                {
                    LegacyLog.SocketEnded(_logger, ConnectionId, "the client closed the connection");
                    return;
                }

                if (status == LegacyFrameStatus.PastHardLimit)
                {
                    LegacyLog.FramePastHardLimit(_logger, ConnectionId, _hardMaxFrameBytes);
                    await CloseAsync(
                        WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {_maxFrameBytes} bytes.");
                    return;
                }

                if (status == LegacyFrameStatus.Oversized)
                {
                    LegacyLog.FrameTooLarge(_logger, ConnectionId, _maxFrameBytes);
                    LegacyRecord.WriteOversized(_toHub.Writer);
                }
                else
                {
                    LegacyRecord.WriteFrame(_toHub.Writer, _frames.Frame);
                }

                await _wire.ClientSpokeAsync(_aborted.Token);

                var flushed = await _toHub.Writer.FlushAsync(_aborted.Token);
                if (flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The hub aborted the connection; the socket is already being torn down.
        }
        catch (WebSocketException exception)
        {
            LegacyLog.SocketEnded(_logger, ConnectionId, exception.Message);
        }
        finally
        {
            await _toHub.Writer.CompleteAsync();
        }
    }

    // When the server closed first (a frame past the hard limit, a flooding or slow client), the client's answer
    // is read before the socket goes: dropping it earlier resets the connection, and a client that has not yet
    // read the close frame would lose it with its reason.
    private async Task AwaitClientCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseSent)
        {
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        using var timeout = new CancellationTokenSource(_closeTimeout);
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                await _socket.ReceiveAsync(scratch.AsMemory(), timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LegacyLog.SocketEnded(_logger, ConnectionId, "the client did not answer the close");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // A client that neither reads nor answers is not waited for: aborting the socket ends every pending call.
    private async Task WithinCloseTimeoutAsync(Task task)
    {
        if (await Task.WhenAny(task, Task.Delay(_closeTimeout)) != task)
        {
            LegacyLog.SocketEnded(_logger, ConnectionId, "the client did not answer the close in time");
            _socket.Abort();
        }
    }

    // On server shutdown the close frame goes out first; the client's answer then ends the receive loop.
    private void BeginServerClose()
    {
        _ = CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down.");
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string? description)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        _sender.Stop();

        using var timeout = new CancellationTokenSource(_closeTimeout);
        try
        {
            await _wire.StopFramesAsync(timeout.Token);
            await _socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LegacyLog.SocketEnded(_logger, ConnectionId, exception.Message);
            _socket.Abort();
        }
    }
}
