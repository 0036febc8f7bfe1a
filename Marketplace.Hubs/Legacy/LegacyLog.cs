namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Log messages of the legacy WebSocket shim; event ids 3000-3099.
/// </summary>
internal static partial class LegacyLog
{
    [LoggerMessage(3000, LogLevel.Debug, "Legacy client {ConnectionId} sent a frame over {MaxFrameBytes} bytes")]
    public static partial void FrameTooLarge(ILogger logger, string connectionId, int maxFrameBytes);

    [LoggerMessage(3001, LogLevel.Debug, "Legacy client {ConnectionId} connection ended: {Reason}")]
    public static partial void SocketEnded(ILogger logger, string connectionId, string reason);

    [LoggerMessage(3002, LogLevel.Error, "Legacy client {ConnectionId} was refused by the hub handshake: {Error}")]
    public static partial void HandshakeFailed(ILogger logger, string connectionId, string error);

    [LoggerMessage(3003, LogLevel.Error, "Legacy client {ConnectionId}: the hub pipeline failed")]
    public static partial void HubFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(3004, LogLevel.Debug, "Plain HTTP request to legacy endpoint {Path} answered 400")]
    public static partial void NotWebSocket(ILogger logger, string path);

    [LoggerMessage(3005, LogLevel.Information,
        "Legacy client {ConnectionId} sent a frame past {HardMaxFrameBytes} bytes; closed with 1009")]
    public static partial void FramePastHardLimit(ILogger logger, string connectionId, int hardMaxFrameBytes);

    [LoggerMessage(3006, LogLevel.Debug,
        "Legacy client {ConnectionId} sent nothing within {PongTimeout} of a ping; dropped")]
    public static partial void NoAnswerToPing(ILogger logger, string connectionId, TimeSpan pongTimeout);

    [LoggerMessage(3007, LogLevel.Debug, "Legacy client {ConnectionId} is served below the HTTP layer")]
    public static partial void ServedBelowHttp(ILogger logger, string connectionId);

    [LoggerMessage(3008, LogLevel.Debug,
        "Connection {ConnectionId} sent nothing within the keep-alive timeout of {KeepAliveTimeout}; closed")]
    public static partial void SilentConnectionClosed(ILogger logger, string connectionId, TimeSpan keepAliveTimeout);
}
