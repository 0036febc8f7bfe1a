using System.Net.WebSockets;
using System.Text.Json;
using Marketplace.Hubs.Delivery;
using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Security;
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
    IOptions<DeliveryOptions> delivery,
    LegacySendScheduler scheduler,
    LegacyHeartbeat heartbeat,
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

        // The runtime's per-socket keep-alive is off: the legacy heartbeat pings every client from one timer.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        if (context.Features.Get<TokenRefusal>() is { } refusal)
        {
            await RefuseAsync(socket, refusal.Reason, context.RequestAborted);
            return;
        }

        var wire = context.Features.Get<LegacyWireFeature>()?.Wire
            ?? throw new InvalidOperationException(
                "The legacy wire was not installed before the WebSocket middleware.");
        await using var connection = new LegacyConnection(
            socket, wire, context, options.Value, scheduler, heartbeat, delivery.Value.MaxQueuedBytes, logger);

        await connection.RunAsync(hub, lifetime.ApplicationStopping);
    }

    // A browser cannot read a refused upgrade, so the socket is accepted to say why, then closed as a policy
    // violation.
    private async Task RefuseAsync(WebSocket socket, string reason, CancellationToken cancellationToken)
    {
        var frame = JsonSerializer.SerializeToUtf8Bytes(
            new { type = "error", error = ErrorCodes.Forbidden, message = reason }, LegacyJson.Write);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CloseTimeout);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "invalid token", timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LegacyLog.SocketEnded(logger, "(refused)", exception.Message);
        }
    }
}
