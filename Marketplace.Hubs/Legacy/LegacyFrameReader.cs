using System.Buffers;
using System.Net.WebSockets;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Reads whole WebSocket messages into one pooled buffer that grows up to a size limit. A message over the limit
/// is read to its end through a small scratch buffer and dropped, so it never costs more memory than the limit.
/// </summary>
/// <remarks>
/// The buffer is rented only once a message starts arriving and goes back to the pool before the next wait, so
/// an idle connection, the common case, holds none.
/// </remarks>
internal sealed class LegacyFrameReader : IDisposable
{
    private const int InitialSize = 4 * 1024;

    private readonly WebSocket _socket;
    private readonly int _maxFrameBytes;
    private readonly long _hardMaxFrameBytes;
    private byte[] _buffer = [];
    private int _length;

    /// <summary>Initializes a new instance of the <see cref="LegacyFrameReader"/> class.</summary>
    public LegacyFrameReader(WebSocket socket, int maxFrameBytes, int hardMaxFrameBytes)
    {
        _socket = socket;
        _maxFrameBytes = maxFrameBytes;
        _hardMaxFrameBytes = hardMaxFrameBytes;
    }

    /// <summary>Gets the message last read; valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame => _buffer.AsSpan(0, _length);

    private int Capacity => Math.Min(_buffer.Length, _maxFrameBytes);

    /// <summary>Reads the next message.</summary>
    public async ValueTask<LegacyFrameStatus> ReadAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        ReturnBuffer();

        // A zero-byte read waits for the next message without holding a buffer.
        var first = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return LegacyFrameStatus.Closed;
        }

        if (first.EndOfMessage)
        {
            return LegacyFrameStatus.Complete;
        }

        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        while (true)
        {
            if (_length == Capacity && !TryGrow())
            {
                return await DiscardRestAsync(cancellationToken);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(_length, Capacity - _length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return LegacyFrameStatus.Closed;
            }

            _length += result.Count;
            if (result.EndOfMessage)
            {
                return LegacyFrameStatus.Complete;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => ReturnBuffer();

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private bool TryGrow()
    {
        if (_buffer.Length >= _maxFrameBytes)
        {
            return false;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxFrameBytes));
        Frame.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        return true;
    }

    // The message filled the buffer to the limit; a single byte more makes it too large, and past the hard limit
    // the rest is not worth reading.
    private async ValueTask<LegacyFrameStatus> DiscardRestAsync(CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(InitialSize);
        try
        {
            var extra = 0L;
            while (true)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return LegacyFrameStatus.Closed;
                }

                extra += result.Count;
                if (_maxFrameBytes + extra > _hardMaxFrameBytes)
                {
                    return LegacyFrameStatus.PastHardLimit;
                }

                if (result.EndOfMessage)
                {
                    return extra == 0 ? LegacyFrameStatus.Complete : LegacyFrameStatus.Oversized;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
