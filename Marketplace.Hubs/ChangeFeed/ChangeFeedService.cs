using Marketplace.Data.ChangeFeed;
using Marketplace.Data.Configuration;
using Marketplace.Data.Failures;
using Marketplace.Hubs.Products;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Follows the change log and publishes each product change to channel <c>productos</c> exactly once, in commit
/// order, whichever program made it.
/// </summary>
/// <remarks>
/// The feed holds one database session. It reads the log whenever the database signals a commit (PostgreSQL
/// <c>LISTEN</c>), the server itself wrote, or the poll interval passed. Its position lives in memory: after a
/// lost connection it reconnects with backoff and goes on from there, so changes made meanwhile are published
/// once. A restarted server starts from the end of the log, as clients reload the catalogue when they reconnect.
/// </remarks>
internal sealed class ChangeFeedService(
    IChangeLog changeLog,
    ProductEventPublisher publisher,
    ChangeFeedSignal signal,
    ChangeFeedMetrics metrics,
    DatabaseTarget target,
    IOptions<ChangeFeedOptions> options,
    TimeProvider timeProvider,
    ILogger<ChangeFeedService> logger) : BackgroundService
{
    private readonly ChangeFeedOptions _options = options.Value;
    private IChangeLogSession? _session;
    private ChangeLogPosition? _position;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Take the end of the log before the server takes requests, so no change made after start is missed.
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (DatabaseUnavailableException exception)
        {
            ChangeFeedLog.StartDeferred(logger, Advise(exception));
        }

        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(_options.MaxReconnectDelay);
        DateTimeOffset? lostAt = null;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var session = _session ?? await ConnectAsync(stoppingToken);
                if (lostAt is { } since)
                {
                    ChangeFeedLog.Reconnected(logger, timeProvider.GetUtcNow() - since, _position!.ToString());
                    lostAt = null;
                }

                await CatchUpAsync(session, stoppingToken);
                backoff.Reset();
                await FollowAsync(session, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                lostAt ??= timeProvider.GetUtcNow();
                var delay = backoff.Next();
                await DropSessionAsync(lost: true);

                // The wait starts before the line that announces it, so the retry is due "in" the time it says.
                var waiting = DelayAsync(delay, stoppingToken);
                if (exception is DatabaseUnavailableException)
                {
                    ChangeFeedLog.ConnectionLost(logger, delay, Advise(exception));
                }
                else
                {
                    ChangeFeedLog.Failed(logger, exception, delay);
                }

                if (!await waiting)
                {
                    break;
                }
            }
        }

        await DropSessionAsync(lost: false);
    }

    private async Task<IChangeLogSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var listen = _options.Mode == ChangeFeedMode.Listen && changeLog.CanListen;
        var session = await changeLog.OpenAsync(listen, cancellationToken);

        try
        {
            if (_position is null)
            {
                _position = await session.GetEndAsync(cancellationToken);
                ChangeFeedLog.Started(logger, _position.ToString(), DescribeMode(session));
            }
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        _session = session;
        metrics.Connected();
        return session;
    }

    // Publishes every change committed since the last read, page by page.
    private async Task CatchUpAsync(IChangeLogSession session, CancellationToken cancellationToken)
    {
        ChangeBatch batch;
        do
        {
            batch = await session.ReadAsync(_position!, _options.BatchSize, cancellationToken);
            await PublishAsync(batch);
            _position = batch.Next;
        }
        while (batch.HasMore);
    }

    private async Task FollowAsync(IChangeLogSession session, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (session.IsListening)
            {
                await session.WaitForChangeAsync(_options.PollInterval, cancellationToken);
            }
            else
            {
                await signal.WaitAsync(_options.PollInterval, timeProvider, cancellationToken);
            }

            await CatchUpAsync(session, cancellationToken);
        }
    }

    private async Task PublishAsync(ChangeBatch batch)
    {
        if (batch.Changes.Count == 0)
        {
            return;
        }

        foreach (var change in batch.Changes)
        {
            // A change read from the log is published even while the server stops: it is already committed.
            await publisher.PublishAsync(change, CancellationToken.None);
            metrics.Published(change, timeProvider.GetUtcNow());
        }

        var lag = (timeProvider.GetUtcNow() - batch.Changes[^1].RecordedAt).TotalMilliseconds;
        ChangeFeedLog.Published(logger, batch.Changes.Count, batch.Next.ToString(), Math.Round(lag, 1));
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task DropSessionAsync(bool lost)
    {
        if (_session is null)
        {
            return;
        }

        var session = _session;
        _session = null;
        metrics.Disconnected(lost);

        try
        {
            await session.DisposeAsync();
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            // The connection is already broken; there is nothing left to close.
        }
    }

    private string DescribeMode(IChangeLogSession session)
    {
        var interval = _options.PollInterval;
        if (session.IsListening)
        {
            return $"woken by LISTEN {ChangeLogNames.NotifyChannel}, and reading every {interval} as a safety net";
        }

        return changeLog.CanListen
            ? $"polling every {interval} (ChangeFeed:Mode is Poll), and at once after this server's own writes"
            : $"reading at once after this server's own writes, and every {interval} for other programs' writes";
    }

    private string Advise(Exception exception) =>
        DatabaseFailures.Describe(exception, target) ?? "The database is away.";
}
