using System.Collections.Concurrent;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Runs the writes of every legacy client that has frames waiting, on at most one thread-pool worker per core.
/// A broadcast to thousands of clients then costs one work item per worker instead of one per client, and a
/// client's frames gather while the workers go round the others.
/// </summary>
internal sealed class LegacySendScheduler : IThreadPoolWorkItem
{
    // Past this many writes a worker goes back to the end of the thread pool's queue, so the hub's own work
    // items (reading requests, dispatching invocations) keep their turn under a flood of broadcasts.
    private const int WritesPerTurn = 1024;

    private readonly ConcurrentQueue<LegacySender> _ready = new();
    private readonly int _maxWorkers = Environment.ProcessorCount;
    private int _workers;

    /// <summary>Puts <paramref name="sender"/> in line for a write.</summary>
    public void Schedule(LegacySender sender)
    {
        _ready.Enqueue(sender);

        var workers = Volatile.Read(ref _workers);
        while (workers < _maxWorkers)
        {
            var seen = Interlocked.CompareExchange(ref _workers, workers + 1, workers);
            if (seen == workers)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            workers = seen;
        }
    }

    /// <inheritdoc />
    void IThreadPoolWorkItem.Execute()
    {
        for (var turn = 0; turn < WritesPerTurn; turn++)
        {
            if (!_ready.TryDequeue(out var sender))
            {
                Retire();
                return;
            }

            sender.WriteQueued();
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // A sender queued between the failed dequeue and the decrement would otherwise wait for the next broadcast.
    private void Retire()
    {
        Interlocked.Decrement(ref _workers);
        if (_ready.IsEmpty)
        {
            return;
        }

        if (Interlocked.Increment(ref _workers) <= _maxWorkers)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            Interlocked.Decrement(ref _workers);
        }
    }
}
