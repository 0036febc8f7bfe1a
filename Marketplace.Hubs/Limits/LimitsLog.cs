namespace Marketplace.Hubs.Limits;

/// <summary>
/// Log messages of the limits that protect the server from its clients; event ids 6000-6099.
/// </summary>
internal static partial class LimitsLog
{
    [LoggerMessage(6000, LogLevel.Information, "Refused a connection from origin {Origin}: not in AllowedOrigins")]
    public static partial void OriginRefused(ILogger logger, string origin);

    [LoggerMessage(6001, LogLevel.Information,
        "Refused a connection from {RemoteAddress}: it already holds {PerAddress} connections")]
    public static partial void AddressAtLimit(ILogger logger, string remoteAddress, int perAddress);

    [LoggerMessage(6002, LogLevel.Information,
        "Closed client {ConnectionId}: {Refused} requests in a row over the rate limit")]
    public static partial void Flooding(ILogger logger, string connectionId, int refused);

    [LoggerMessage(6003, LogLevel.Warning,
        "Closed client {ConnectionId}: it fell {QueuedBytes} bytes behind (Delivery:MaxQueuedBytes); it reads " +
        "too slowly or not at all")]
    public static partial void TooSlow(ILogger logger, string connectionId, long queuedBytes);
}
