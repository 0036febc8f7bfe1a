using System.Buffers;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The frames waiting for one legacy client. They are written by the <see cref="LegacySendScheduler"/>: whatever
/// queued while the previous write was under way leaves in the next one, so a busy channel costs a system call for
/// many frames instead of one each.
/// </summary>
/// <remarks>
/// A broadcast's frame is shared by all its recipients and queued by reference, never copied; the hub's
/// replies come as copies from the <see cref="LegacyReplyWriter"/>. Both queue in the order they came. Past
/// the byte limit nothing more is taken: the caller closes the connection.
/// </remarks>
internal sealed class LegacySender
{
    private readonly LegacyWire _wire;
    private readonly LegacySendScheduler _scheduler;
    private readonly long _maxQueuedBytes;
    private readonly CancellationToken _aborted;
    private readonly Lock _gate = new();
    private List<ArraySegment<byte>>? _queued;
    private List<ArraySegment<byte>>? _spare;
    private long _queuedBytes;
    private bool _writing;
    private bool _stopped;
    private TaskCompletionSource? _drained;

    /// <summary>Initializes a new instance of the <see cref="LegacySender"/> class.</summary>
    public LegacySender(
        LegacyWire wire,
        LegacySendScheduler scheduler,
        long maxQueuedBytes,
        CancellationToken aborted)
    {
        _wire = wire;
        _scheduler = scheduler;
        _maxQueuedBytes = maxQueuedBytes;
        _aborted = aborted;
    }

    /// <summary>Gets how many bytes wait for the socket; read without the lock, for logs.</summary>
    public long QueuedBytes => _queuedBytes;

    /// <summary>
    /// Queues whole frames that nobody changes afterwards. Returns <see langword="false"/> when they would take
    /// the queue past its limit: the client has fallen too far behind, and the sender takes nothing more.
    /// </summary>
    public bool TryEnqueue(ArraySegment<byte> frames)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return true;
            }

            if (_queuedBytes + frames.Count > _maxQueuedBytes)
            {
                StopLocked();
                return false;
            }

            (_queued ??= new List<ArraySegment<byte>>(4)).Add(frames);
            _queuedBytes += frames.Count;

            if (!_writing)
            {
                _writing = true;
                _scheduler.Schedule(this);
            }
        }

        return true;
    }

    /// <summary>Queues a copy of <paramref name="frames"/>, whole frames that may be reused after the call.</summary>
    public bool TryEnqueue(ReadOnlySequence<byte> frames) => frames.IsEmpty || TryEnqueue(frames.ToArray());

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

    /// <summary>Writes what is queued; called by the scheduler, one call at a time per sender.</summary>
    public void WriteQueued()
    {
        List<ArraySegment<byte>>? batch;
        lock (_gate)
        {
            batch = _queued;
            _queued = _spare;
            _spare = null;
            _queuedBytes = 0;
        }

        if (batch is null || batch.Count == 0)
        {
            FinishWriting(batch);
            return;
        }

        var write = _wire.WriteFramesAsync(batch, _aborted);
        if (write.IsCompletedSuccessfully)
        {
            FinishWriting(batch);
            return;
        }

        _ = FinishWritingAsync(write, batch);
    }

    private async Task FinishWritingAsync(ValueTask write, List<ArraySegment<byte>> batch)
    {
        try
        {
            await write;
        }
        catch (Exception exception)
            when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is going; its receive side reports why.
            Stop();
        }

        FinishWriting(batch);
    }

    // Frames that came during the write go out in the next one, behind the other clients waiting, so that each
    // client gets its turn and more frames gather meanwhile.
    private void FinishWriting(List<ArraySegment<byte>>? batch)
    {
        batch?.Clear();
        lock (_gate)
        {
            _spare = batch;
            if (_queued is { Count: > 0 } && !_stopped)
            {
                _scheduler.Schedule(this);
                return;
            }

            _writing = false;
            _drained?.TrySetResult();
        }
    }

    private void StopLocked()
    {
        _stopped = true;
        _queued?.Clear();
        _queuedBytes = 0;
        _drained?.TrySetResult();
    }
}
