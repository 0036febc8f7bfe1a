namespace Marketplace.Hubs.Security;

/// <summary>
/// Log messages of authentication and permissions; event ids 5000-5099. Tokens never appear in them.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(5000, LogLevel.Warning,
        "No authentication configured (Auth:JwtSecret or Auth:JwksUrl): anyone who can connect may subscribe to " +
        "any channel, publish to any channel and add products")]
    public static partial void Open(ILogger logger);

    [LoggerMessage(5001, LogLevel.Information, "Authentication on: {Method}; channel permissions apply")]
    public static partial void Enabled(ILogger logger, string method);

    [LoggerMessage(5002, LogLevel.Information, "Refused {Caller}: may not {Action} ({Needed})")]
    public static partial void Forbidden(ILogger logger, string caller, string action, string needed);

    [LoggerMessage(5003, LogLevel.Information, "Refused a token from {RemoteAddress} on {Path}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string remoteAddress, string path, string reason);
}
