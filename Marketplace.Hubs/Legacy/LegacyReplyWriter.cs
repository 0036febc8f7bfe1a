using System.Buffers;
using System.IO.Pipelines;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Where the hub writes to a legacy client. Its first flush is the SignalR handshake response, which the
/// <see cref="LegacyConnection"/> reads; every later flush holds whole WebSocket frames (see
/// <see cref="LegacyHubProtocol"/>) and goes at once to the client's <see cref="LegacySender"/>, in order with the
/// broadcasts queued there.
/// </summary>
/// <remarks>
/// It stands where a pipe and a loop draining it stood, which every idle connection kept: this holds a buffer
/// only between a write and its flush. A flush never waits, since the sender has a byte limit of its own. SignalR
/// makes a connection's writes one at a time, so nothing here needs a lock.
/// </remarks>
internal sealed class LegacyReplyWriter : PipeWriter
{
    private const int MinimumBufferBytes = 4 * 1024;

    private readonly LegacySender _sender;
    private readonly LegacyConnection _connection;
    private TaskCompletionSource<byte[]>? _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = [];
    private int _written;
    private bool _completed;

    /// <summary>Initializes a new instance of the <see cref="LegacyReplyWriter"/> class.</summary>
    /// <param name="sender">The client's sender.</param>
    /// <param name="connection">The connection to close when the sender refuses a reply.</param>
    public LegacyReplyWriter(LegacySender sender, LegacyConnection connection)
    {
        _sender = sender;
        _connection = connection;
    }

    /// <summary>
    /// Gets the bytes of the hub's first flush, its handshake response; empty when the hub ended without one.
    /// Taken before the handshake request is written: once the hub has answered, the writer no longer holds it.
    /// </summary>
    public Task<byte[]> HandshakeResponse => _handshake?.Task ?? Task.FromResult<byte[]>([]);

    /// <inheritdoc />
    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc />
    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _buffer.Length - _written);

        _written += bytes;
    }

    /// <inheritdoc />
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Forward();
        return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: _completed));
    }

    /// <inheritdoc />
    /// <remarks>A flush never waits, so there is nothing to cancel.</remarks>
    public override void CancelPendingFlush()
    {
    }

    /// <inheritdoc />
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        Forward();
        _completed = true;
        _handshake?.TrySetResult([]);
        _handshake = null;
    }

    private void EnsureRoom(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_completed, this);

        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumBufferBytes, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ReturnBuffer();
        _buffer = larger;
    }

    // The sender keeps frames by reference, so each flush hands it a copy of its own and the buffer goes back to
    // the pool until the next write.
    private void Forward()
    {
        if (_written == 0)
        {
            return;
        }

        var bytes = _buffer.AsSpan(0, _written).ToArray();
        _written = 0;
        ReturnBuffer();

        if (_handshake is { } handshake)
        {
            _handshake = null;
            handshake.TrySetResult(bytes);
        }
        else if (!_sender.TryEnqueue(bytes))
        {
            _connection.CloseTooSlow();
        }
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
