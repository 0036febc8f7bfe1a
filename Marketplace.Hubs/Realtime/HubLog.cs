namespace Marketplace.Hubs.Realtime;

/// <summary>
/// Log messages of the hub; event ids 2000-2099 (connections and requests).
/// </summary>
internal static partial class HubLog
{
    [LoggerMessage(2000, LogLevel.Debug,
        "Client {ConnectionId} connected from {RemoteAddress} over {Protocol}")]
    public static partial void Connected(ILogger logger, string connectionId, string remoteAddress, string protocol);

    [LoggerMessage(2001, LogLevel.Debug,
        "Client {ConnectionId} from {RemoteAddress} over {Protocol} disconnected: {Reason}")]
    public static partial void Disconnected(
        ILogger logger, string connectionId, string remoteAddress, string protocol, string? reason);

    [LoggerMessage(2002, LogLevel.Debug, "Client {ConnectionId} called {Method}")]
    public static partial void Request(ILogger logger, string connectionId, string method);

    [LoggerMessage(2003, LogLevel.Debug, "Client {ConnectionId} called {Method} and was refused: {Reason}")]
    public static partial void Refused(ILogger logger, string connectionId, string method, string reason);

    [LoggerMessage(2004, LogLevel.Warning,
        "Client {ConnectionId} called {Method} while the database is away; answered 'unavailable'. {Advice}")]
    public static partial void DatabaseUnavailable(ILogger logger, string connectionId, string method, string advice);

    [LoggerMessage(2005, LogLevel.Error, "Client {ConnectionId} called {Method} and the server failed")]
    public static partial void Failed(ILogger logger, Exception exception, string connectionId, string method);
}
