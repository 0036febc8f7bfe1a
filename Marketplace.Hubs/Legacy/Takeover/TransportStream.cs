using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// A connection's transport as a stream, for a WebSocket that runs on the connection with nothing of the HTTP
/// layer between them.
/// </summary>
internal sealed class TransportStream(IDuplexPipe transport) : Stream
{
    private readonly PipeReader _input = transport.Input;
    private readonly PipeWriter _output = transport.Output;
    private volatile bool _disposed;

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

    /// <inheritdoc />
    /// <remarks>
    /// An idle connection's read waits for a ping's answer and ends with it, every ping interval for every client:
    /// its state is taken from a pool instead of being allocated each time.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_disposed)
        {
            var result = await _input.ReadAsync(cancellationToken);
            var readable = result.Buffer;

            // A zero-byte read only waits for data, which stays in the pipe for the read that follows.
            if (buffer.IsEmpty && !readable.IsEmpty)
            {
                _input.AdvanceTo(readable.Start);
                return 0;
            }

            var count = (int)Math.Min(readable.Length, buffer.Length);
            readable.Slice(0, count).CopyTo(buffer.Span);
            _input.AdvanceTo(readable.GetPosition(count));
            if (count > 0 || result.IsCompleted || result.IsCanceled)
            {
                return count;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _output.WriteAsync(buffer, cancellationToken);
        if (result.IsCompleted)
        {
            throw new IOException("The connection was closed.");
        }
    }

    /// <inheritdoc />
    public override async Task FlushAsync(CancellationToken cancellationToken) =>
        await _output.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Flush() => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    /// <remarks>
    /// Ends a pending read or flush, as disposing a network stream does: an aborted WebSocket disposes its stream
    /// and waits for its receive to return. The pipes themselves end with the connection.
    /// </remarks>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _input.CancelPendingRead();
            _output.CancelPendingFlush();
        }

        base.Dispose(disposing);
    }
}
