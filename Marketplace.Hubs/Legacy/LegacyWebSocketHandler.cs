using Marketplace.Hubs.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Accepts legacy WebSocket clients and hands each to the hub as a <see cref="LegacyConnection"/>.
/// </summary>
/// <remarks>
/// The connection goes to <see cref="HubConnectionHandler{THub}"/> directly, so the authorization that
/// <c>MapHub</c> attaches to the hub's endpoint does not apply here: rules for legacy clients must be set on
/// these endpoints or checked in the hub.
/// </remarks>
internal sealed class LegacyWebSocketHandler(
    HubConnectionHandler<MarketplaceHub> hub,
    IOptions<LegacyOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<LegacyWebSocketHandler> logger)
{
    /// <summary>Serves one request to a legacy endpoint.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            LegacyLog.NotWebSocket(logger, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await context.Response.WriteAsync(
                "This is the marketplace's realtime WebSocket endpoint: connect with a WebSocket client " +
                "(ws://), or use the SignalR hub at /hubs/marketplace.\n",
                context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new LegacyConnection(socket, context, options.Value, logger);

        await connection.RunAsync(hub, lifetime.ApplicationStopping);
    }
}
