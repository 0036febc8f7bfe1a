namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Log messages of the product change feed; event ids 4000-4099.
/// </summary>
internal static partial class ChangeFeedLog
{
    [LoggerMessage(4000, LogLevel.Information,
        "Change feed starts at the end of the change log ({Position}): {Mode}")]
    public static partial void Started(ILogger logger, string position, string mode);

    [LoggerMessage(4001, LogLevel.Warning,
        "Change feed lost its database connection; retrying in {Delay}. Changes made meanwhile are published " +
        "once it is back. {Advice}")]
    public static partial void ConnectionLost(ILogger logger, TimeSpan delay, string advice);

    [LoggerMessage(4002, LogLevel.Information,
        "Change feed reconnected after {Downtime}; catching up from {Position}")]
    public static partial void Reconnected(ILogger logger, TimeSpan downtime, string position);

    [LoggerMessage(4003, LogLevel.Debug, "Change feed published {Count} changes, up to {Position}, lag {LagMs} ms")]
    public static partial void Published(ILogger logger, int count, string position, double lagMs);

    [LoggerMessage(4004, LogLevel.Error, "Change feed failed; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(4005, LogLevel.Warning,
        "Change feed cannot read the change log at start; it keeps trying, and starts from the end of the log " +
        "once it can. {Advice}")]
    public static partial void StartDeferred(ILogger logger, string advice);

    [LoggerMessage(4010, LogLevel.Debug, "Pruned {Count} change log entries recorded before {Cutoff:O}")]
    public static partial void Pruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(4011, LogLevel.Debug, "Change log pruning skipped; the database is away")]
    public static partial void PruneSkipped(ILogger logger);
}
