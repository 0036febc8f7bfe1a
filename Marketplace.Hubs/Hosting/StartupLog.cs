namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Log messages of start-up and shutdown; event ids 1000-1099. Each failure is one line that says what to do.
/// </summary>
internal static partial class StartupLog
{
    [LoggerMessage(1000, LogLevel.Information, "Products are stored in the {Database}")]
    public static partial void Database(ILogger logger, string database);

    [LoggerMessage(1001, LogLevel.Warning,
        "No database configured (set DB_HOST or ConnectionStrings:Marketplace for PostgreSQL): using the " +
        "embedded {Database}")]
    public static partial void EmbeddedDatabase(ILogger logger, string database);

    [LoggerMessage(1002, LogLevel.Information, "Highest product id seen at start: {HighestId}")]
    public static partial void HighestProductId(ILogger logger, string highestId);

    [LoggerMessage(1003, LogLevel.Information, "Listening on {Addresses}: legacy WebSocket at / and /ws, " +
        "SignalR hub at /hubs/marketplace")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(1004, LogLevel.Information, "Heartbeat: ping every {PingInterval}; legacy clients silent " +
        "{PongTimeout} after a ping are closed, SignalR clients silent for {ClientTimeout}")]
    public static partial void Heartbeat(
        ILogger logger, TimeSpan pingInterval, TimeSpan pongTimeout, TimeSpan clientTimeout);

    [LoggerMessage(1010, LogLevel.Critical, "Cannot start: {Advice}")]
    public static partial void CannotStart(ILogger logger, string advice);
}
