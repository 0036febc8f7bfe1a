namespace Marketplace.Hubs.Security;

/// <summary>
/// Marks a legacy WebSocket request whose token was refused, for the shim to tell the client over the socket.
/// </summary>
/// <param name="Reason">Why the token was refused, for the client.</param>
internal sealed record TokenRefusal(string Reason);
