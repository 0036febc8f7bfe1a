using System.Collections.Concurrent;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry the server writes, so tests can wait for one and fail on unexpected errors.
/// </summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentDictionary<Waiter, byte> _waiters = new();

    /// <summary>Gets every entry so far.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Waits for an entry that matches <paramref name="predicate"/>, seen before or after the call.</summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> predicate, TimeSpan? timeout = null)
    {
        var waiter = new Waiter(predicate);
        _waiters.TryAdd(waiter, 0);

        var seen = _entries.FirstOrDefault(predicate);
        if (seen is not null)
        {
            waiter.Completion.TrySetResult(seen);
        }

        return waiter.Completion.Task.WaitAsync(timeout ?? TestTimeouts.Default);
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        foreach (var waiter in _waiters.Keys)
        {
            if (waiter.Predicate(entry))
            {
                waiter.Completion.TrySetResult(entry);
                _waiters.TryRemove(waiter, out _);
            }
        }
    }

    private sealed record Waiter(Func<LogEntry, bool> Predicate)
    {
        public TaskCompletionSource<LogEntry> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SinkLogger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            sink.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
