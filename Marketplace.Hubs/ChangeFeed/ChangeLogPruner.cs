using Marketplace.Data.ChangeFeed;
using Marketplace.Data.Failures;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Keeps the change log from growing without bound: every <see cref="ChangeFeedOptions.PruneInterval"/> it
/// deletes the entries older than <see cref="ChangeFeedOptions.Retention"/>.
/// </summary>
internal sealed class ChangeLogPruner(
    IChangeLog changeLog,
    IOptions<ChangeFeedOptions> options,
    TimeProvider timeProvider,
    ILogger<ChangeLogPruner> logger) : BackgroundService
{
    private readonly ChangeFeedOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.PruneInterval, timeProvider, stoppingToken);

                await PruneAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - _options.Retention;
        try
        {
            var pruned = await changeLog.PruneAsync(cutoff, cancellationToken);
            if (pruned > 0)
            {
                ChangeFeedLog.Pruned(logger, pruned, cutoff);
            }
        }
        catch (DatabaseUnavailableException)
        {
            // The feed reports outages; pruning simply waits for the next round.
            ChangeFeedLog.PruneSkipped(logger);
        }
    }
}
