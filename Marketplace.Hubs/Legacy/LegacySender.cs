using System.Buffers;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The frames waiting for one legacy client, written to its <see cref="LegacyWire"/> from the thread pool:
/// whatever queued while the previous write was under way leaves in the next one, so a busy channel costs a
/// system call for many frames instead of one each.
/// </summary>
/// <remarks>
/// Broadcasts and the hub's replies queue here alike, in the order they were queued. An idle connection holds
/// no buffer. Past the byte limit nothing more is taken: the caller closes the connection.
/// </remarks>
internal sealed class LegacySender : IThreadPoolWorkItem
{
    private const int MinimumBufferSize = 4 * 1024;

    private readonly LegacyWire _wire;
    private readonly long _maxQueuedBytes;
    private readonly CancellationToken _aborted;
    private readonly Lock _gate = new();
    private byte[]? _queued;
    private int _queuedLength;
    private bool _writing;
    private bool _stopped;
    private TaskCompletionSource? _drained;

    /// <summary>Initializes a new instance of the <see cref="LegacySender"/> class.</summary>
    public LegacySender(LegacyWire wire, long maxQueuedBytes, CancellationToken aborted)
    {
        _wire = wire;
        _maxQueuedBytes = maxQueuedBytes;
        _aborted = aborted;
    }

    /// <summary>Gets how many bytes wait for the socket; read without the lock, for logs.</summary>
    public int QueuedBytes => _queuedLength;

    /// <summary>
    /// Queues whole frames. Returns <see langword="false"/> when they would take the queue past its limit: the
    /// client has fallen too far behind, and the sender takes nothing more.
    /// </summary>
    public bool TryEnqueue(ReadOnlySpan<byte> frames)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return true;
            }

            if (!TryReserve(frames.Length, out var space))
            {
                return false;
            }

            frames.CopyTo(space);
            StartWritingLocked();
        }

        return true;
    }

    /// <inheritdoc cref="TryEnqueue(ReadOnlySpan{byte})"/>
    public bool TryEnqueue(ReadOnlySequence<byte> frames)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return true;
            }

            if (!TryReserve((int)frames.Length, out var space))
            {
                return false;
            }

            frames.CopyTo(space);
            StartWritingLocked();
        }

        return true;
    }

    /// <summary>Completes once every queued frame is written, or the connection has failed.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (!_writing || _stopped)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>Drops what is queued and takes nothing more: the connection is ending.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            StopLocked();
        }
    }

    /// <inheritdoc />
    void IThreadPoolWorkItem.Execute() => _ = WriteQueuedAsync();

    private bool TryReserve(int length, out Span<byte> space)
    {
        if (_queuedLength + (long)length > _maxQueuedBytes)
        {
            StopLocked();
            space = default;
            return false;
        }

        var needed = _queuedLength + length;
        if (_queued is null || _queued.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumBufferSize, _queuedLength * 2)));
            if (_queued is not null)
            {
                _queued.AsSpan(0, _queuedLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_queued);
            }

            _queued = larger;
        }

        space = _queued.AsSpan(_queuedLength, length);
        _queuedLength = needed;
        return true;
    }

    // One write at a time per connection, from the thread pool, so a publisher never writes to sockets itself.
    private void StartWritingLocked()
    {
        if (_writing)
        {
            return;
        }

        _writing = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task WriteQueuedAsync()
    {
        byte[]? frames;
        int length;
        lock (_gate)
        {
            frames = _queued;
            length = _queuedLength;
            _queued = null;
            _queuedLength = 0;
        }

        if (frames is null)
        {
            FinishWriting();
            return;
        }

        try
        {
            await _wire.WriteFramesAsync(frames.AsMemory(0, length), _aborted);
        }
        catch (Exception exception)
            when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is going; its receive side reports why.
            Stop();
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frames);
        }

        FinishWriting();
    }

    // Frames that came during the write go out in the next one, queued behind other connections' writes so that
    // each connection gets its turn and more frames gather meanwhile.
    private void FinishWriting()
    {
        lock (_gate)
        {
            if (_queuedLength > 0 && !_stopped)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            _writing = false;
            _drained?.TrySetResult();
        }
    }

    private void StopLocked()
    {
        _stopped = true;
        if (_queued is not null)
        {
            ArrayPool<byte>.Shared.Return(_queued);
            _queued = null;
        }

        _queuedLength = 0;
        _drained?.TrySetResult();
    }
}
