namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The byte stream under a legacy client's WebSocket. The WebSocket writes its control frames (pong, ping,
/// close) through it, and the shim writes the hub's data frames, already framed, with
/// <see cref="WriteFramesAsync"/>: every frame that queued while the socket was busy leaves in one write.
/// </summary>
/// <remarks>
/// Each write, the WebSocket's or the shim's, holds the stream alone until it is done, so frames never
/// interleave; the WebSocket writes each of its frames in one call.
/// </remarks>
internal sealed class LegacyWire(Stream inner) : Stream
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _framesStopped;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Writes whole data frames, unless <see cref="StopFramesAsync"/> has been called: no data may follow a
    /// close frame.
    /// </summary>
    public async ValueTask WriteFramesAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (!_framesStopped)
            {
                await inner.WriteAsync(frames, cancellationToken);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Drops every later data frame; called before the close frame is sent.</summary>
    public async ValueTask StopFramesAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        _framesStopped = true;
        _writing.Release();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The legacy wire is written asynchronously only.");

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The legacy wire is read asynchronously only.");

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
