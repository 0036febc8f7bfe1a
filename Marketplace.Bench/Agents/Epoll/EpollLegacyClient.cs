using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>
/// A legacy WebSocket subscriber on a bare socket: it upgrades and subscribes with blocking calls, then its
/// agent's <see cref="EpollPoller"/> hands it input as it arrives. It speaks RFC 6455 as
/// <see cref="LegacyAgentClient"/> does (masked frames, pongs, the close handshake) for a fraction of the CPU.
/// </summary>
internal sealed class EpollLegacyClient : IAgentClient, IWebSocketFrameSink
{
    private const int HandshakeBufferBytes = 16 * 1024;
    private const ushort NormalClosure = 1000;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly Uri _address;
    private readonly EpollPoller _poller;
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly WebSocketFrameReader _reader = new();
    private readonly Lock _sending = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private nint _descriptor;
    private bool _subscribed;
    private long _receivedAt;
    private int _finished;
    private volatile bool _closing;

    /// <summary>Creates the client; nothing connects before <see cref="ConnectAsync"/>.</summary>
    public EpollLegacyClient(Uri address, ClientTally tally, EpollPoller poller)
    {
        _address = address;
        _poller = poller;
        Tally = tally;
    }

    /// <inheritdoc />
    public ClientTally Tally { get; }

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => Connect(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_descriptor != 0 && !_ended.Task.IsCompleted)
        {
            TrySend(WebSocketClientFrame.BuildClose(NormalClosure));
            await _ended.Task.WaitAsync(CloseTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Finish(null);
    }

    /// <summary>Reads what the socket has, on the poller's thread, and counts every frame in it.</summary>
    public void OnReadable(byte[] buffer)
    {
        int count;
        SocketError error;
        try
        {
            count = _socket.Receive(buffer, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (error != SocketError.Success || count == 0)
        {
            Finish(count == 0 ? "the server closed the TCP connection without a close frame" : $"receive: {error}");
            return;
        }

        // Stamped before parsing, so the client's own work is not counted as the server's latency.
        _receivedAt = Stopwatch.GetTimestamp();
        try
        {
            _reader.Read(buffer.AsSpan(0, count), this);
        }
        catch (WebSocketException exception)
        {
            Finish(exception.Message);
        }
    }

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> message)
    {
        if (!_subscribed)
        {
            _subscribed = IsSubscribed(message);
            return;
        }

        var stamps = StampedPayload.FromNotification(message, Tally.ChannelUtf8, out var onChannel);
        Tally.Record(stamps, onChannel, _receivedAt);
    }

    /// <inheritdoc />
    public void OnPing(ReadOnlySpan<byte> payload) =>
        TrySend(WebSocketClientFrame.Build(WebSocketClientFrame.Pong, payload));

    /// <inheritdoc />
    public void OnClose(ReadOnlySpan<byte> payload)
    {
        var status = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : (ushort?)null;
        var reason = payload.Length > 2 ? Encoding.UTF8.GetString(payload[2..]) : string.Empty;
        if (!_closing)
        {
            TrySend(WebSocketClientFrame.BuildClose(status ?? NormalClosure));
        }

        Finish($"closed by the server ({status} {reason})");
    }

    private static bool IsSubscribed(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        var type = JsonElement.ParseValue(ref reader).TryGetProperty("type", out var value) ? value.GetString() : null;
        return type switch
        {
            "subscribed" => true,
            "error" => throw new WebSocketException($"the server answered {Encoding.UTF8.GetString(reply)}"),
            _ => false,
        };
    }

    // Blocking calls keep the socket out of .NET's own epoll engine, which would otherwise wake for every frame
    // beside the agent's poller.
    private void Connect(CancellationToken cancellationToken)
    {
        using var abandon = cancellationToken.Register(_socket.Dispose);
        var buffer = ArrayPool<byte>.Shared.Rent(HandshakeBufferBytes);
        try
        {
            _socket.ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds;
            _socket.Connect(_address.Host, _address.Port);

            var handshake = new WebSocketHandshake();
            _socket.Send(handshake.Request(_address));
            var filled = 0;
            int head;
            while ((head = handshake.ReadResponse(buffer.AsSpan(0, filled))) == 0)
            {
                filled += ReceiveDuringHandshake(buffer.AsSpan(filled));
            }

            var request = $$"""{"action":"subscribe","channel":"{{Tally.Channel}}"}""";
            _socket.Send(WebSocketClientFrame.Build(WebSocketClientFrame.Text, Encoding.UTF8.GetBytes(request)));
            _reader.Read(buffer.AsSpan(head, filled - head), this);
            while (!_subscribed)
            {
                if (_ended.Task.IsCompleted)
                {
                    throw new WebSocketException(Tally.Failure ?? "the connection ended before the subscription.");
                }

                _reader.Read(buffer.AsSpan(0, ReceiveDuringHandshake(buffer)), this);
            }

            _descriptor = _socket.Handle;
            _poller.Add(this, _descriptor);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested
            && exception is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int ReceiveDuringHandshake(Span<byte> free)
    {
        if (free.IsEmpty)
        {
            throw new WebSocketException($"the server's upgrade response exceeds {HandshakeBufferBytes} bytes.");
        }

        var count = _socket.Receive(free);
        return count > 0
            ? count
            : throw new WebSocketException("the server closed the connection before confirming the subscription.");
    }

    private void TrySend(byte[] frame)
    {
        lock (_sending)
        {
            try
            {
                _socket.Send(frame);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // The connection is gone; the receiving side records why.
            }
        }
    }

    private void Finish(string? reason)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        // A connection the agent itself is closing has not failed, whatever the server answers.
        if (reason is not null && !_closing)
        {
            Tally.Fail(reason);
        }

        if (_descriptor != 0)
        {
            _poller.Remove(_descriptor);
        }

        _socket.Dispose();
        _ended.TrySetResult();
    }
}
