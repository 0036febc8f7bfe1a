using System.Buffers;
using System.Net.Sockets;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The byte stream under a legacy client's WebSocket. The WebSocket writes its control frames (pong, ping,
/// close) through it, and the shim writes the hub's data frames, already framed, with
/// <see cref="WriteFramesAsync"/>: every frame that queued while the socket was busy leaves in one write.
/// </summary>
/// <remarks>
/// <para>
/// Each write, the WebSocket's or the shim's, holds the stream alone until it is done, so frames never
/// interleave; the WebSocket writes each of its frames in one call.
/// </para>
/// <para>
/// Writes start on the server's upgraded stream. Once the client has sent a message, and so has received the
/// server's upgrade response, and if the server's stream was never written to, writes go to the socket itself:
/// one system call, on the writer's thread, instead of a copy into the server's output pipe and a hop to its
/// sending thread. Reads always go through the server.
/// </para>
/// </remarks>
/// <param name="inner">The server's upgraded stream.</param>
/// <param name="socket">The connection's socket, when it carries the bytes as they are (no TLS).</param>
internal sealed class LegacyWire(Stream inner, Socket? socket) : Stream
{
    // The largest write a backlog is copied into.
    private const int CopyChunkBytes = 64 * 1024;

    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _framesStopped;
    private bool _serverWritten;
    private bool _direct;
    private int _reads;

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
    /// Gets how many reads have been started. The WebSocket reads again once a read has returned bytes, so the
    /// count moving shows that the client sent something; the heartbeat takes that as its answer.
    /// </summary>
    public int ReadsStarted => Volatile.Read(ref _reads);

    /// <summary>
    /// Writes whole data frames in one write, unless <see cref="StopFramesAsync"/> has been called: no data may
    /// follow a close frame.
    /// </summary>
    public ValueTask WriteFramesAsync(List<ArraySegment<byte>> frames, CancellationToken cancellationToken)
    {
        if (!_writing.Wait(0, CancellationToken.None))
        {
            return WriteFramesWhenFreeAsync(frames, cancellationToken);
        }

        // A client that keeps up takes its one frame at once: sent here, without the asynchronous machinery,
        // which costs as much as the rest of the delivery when a broadcast reaches thousands of clients.
        return frames.Count == 1 && _direct && !_framesStopped
            ? SendHeldFrame(frames[0], cancellationToken)
            : WriteHeldFramesAsync(frames, cancellationToken);
    }

    /// <summary>Drops every later data frame; called before the close frame is sent.</summary>
    public async ValueTask StopFramesAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        _framesStopped = true;
        _writing.Release();
    }

    /// <summary>
    /// Notes that a message from the client has arrived, which proves the upgrade response reached it: from now
    /// on writes may go to the socket directly.
    /// </summary>
    public async ValueTask ClientSpokeAsync(CancellationToken cancellationToken)
    {
        if (socket is null || _direct || _serverWritten)
        {
            return;
        }

        // Anything written through the server's stream may still wait in its pipe, and would then be overtaken.
        await _writing.WaitAsync(cancellationToken);
        _direct = !_serverWritten;

        // A send to a full socket then returns at once instead of waiting for room: a thread-pool thread is never
        // held by a client that reads slowly. Kestrel uses the socket asynchronously only, which this leaves alone.
        socket.Blocking = !_direct;
        _writing.Release();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer,
        CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await WriteLockedAsync(buffer, cancellationToken);
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
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // One reader at a time: the WebSocket's.
        Volatile.Write(ref _reads, _reads + 1);
        return inner.ReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    private async ValueTask WriteFramesWhenFreeAsync(
        List<ArraySegment<byte>> frames,
        CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        await WriteHeldFramesAsync(frames, cancellationToken);
    }

    // The callers hold the stream; it is freed when the write is over.
    private async ValueTask WriteHeldFramesAsync(List<ArraySegment<byte>> frames, CancellationToken cancellationToken)
    {
        try
        {
            if (_framesStopped)
            {
                return;
            }

            if (frames.Count == 1)
            {
                await WriteLockedAsync(frames[0], cancellationToken);
            }
            else
            {
                await WriteCopiedAsync(frames, cancellationToken);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    // The socket does not block (see ClientSpokeAsync): what its buffer has no room for is sent asynchronously,
    // with the stream still held, so that nothing overtakes the rest of the frame.
    private ValueTask SendHeldFrame(ArraySegment<byte> frame, CancellationToken cancellationToken)
    {
        int sent;
        SocketError error;
        try
        {
            sent = socket!.Send(frame.AsSpan(), SocketFlags.None, out error);
        }
        catch (ObjectDisposedException exception)
        {
            _writing.Release();
            return ValueTask.FromException(exception);
        }

        if (error == SocketError.Success && sent == frame.Count)
        {
            _writing.Release();
            return ValueTask.CompletedTask;
        }

        if (error is not (SocketError.Success or SocketError.WouldBlock))
        {
            _writing.Release();
            return ValueTask.FromException(new IOException(new SocketException((int)error).Message));
        }

        return WriteHeldRestAsync(frame.AsMemory(sent), cancellationToken);
    }

    private async ValueTask WriteHeldRestAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        try
        {
            await WriteLockedAsync(rest, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async ValueTask WriteLockedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_direct)
        {
            _serverWritten = true;
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }

        try
        {
            while (!buffer.IsEmpty)
            {
                var sent = await socket!.SendAsync(buffer, SocketFlags.None, cancellationToken);
                buffer = buffer[sent..];
            }
        }
        catch (SocketException exception)
        {
            throw new IOException(exception.Message, exception);
        }
    }

    // Frames are copied into one pooled buffer and sent in one call. The socket's own gathering send would leave
    // them in place, but it pins each buffer and allocates on every call: five times the garbage at full speed,
    // for no CPU saved (BENCHMARKS.md). A long backlog goes in chunks of bounded size, so a client far behind
    // never makes the server hold a buffer as large as its whole queue.
    private async ValueTask WriteCopiedAsync(List<ArraySegment<byte>> frames, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(CopyChunkBytes);
        try
        {
            var filled = 0;
            foreach (var frame in frames)
            {
                var part = frame.AsMemory();
                if (filled > 0 && filled + part.Length > chunk.Length)
                {
                    await WriteLockedAsync(chunk.AsMemory(0, filled), cancellationToken);
                    filled = 0;
                }

                if (part.Length > chunk.Length)
                {
                    await WriteLockedAsync(part, cancellationToken);
                    continue;
                }

                part.Span.CopyTo(chunk.AsSpan(filled));
                filled += part.Length;
            }

            if (filled > 0)
            {
                await WriteLockedAsync(chunk.AsMemory(0, filled), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

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
