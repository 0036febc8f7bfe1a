using System.Buffers;
using System.IO.Pipelines;

namespace Marketplace.Bench.Floor;

/// <summary>
/// A connection's transport pipes as one stream, so a <see cref="System.Net.WebSockets.WebSocket"/> can run on
/// the raw connection with nothing of Kestrel's HTTP layer between them.
/// </summary>
internal sealed class PipeStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    /// <summary>Initializes a new instance of the <see cref="PipeStream"/> class.</summary>
    public PipeStream(IDuplexPipe transport)
    {
        _input = transport.Input;
        _output = transport.Output;
    }

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
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
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
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _output.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _output.FlushAsync(cancellationToken).AsTask();

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
}
