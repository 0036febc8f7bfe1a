using System.Net.WebSockets;
using System.Text.Json;
using Marketplace.Hubs.Delivery;
using Marketplace.Hubs.Legacy.Takeover;
using Marketplace.Hubs.Limits;
using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
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
    LegacyHandoffs handoffs,
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

        if (handoffs.Find(context) is { } handoff)
        {
            await HandOffAsync(context, handoff);
            return;
        }

        // The runtime's per-socket keep-alive is off: the legacy heartbeat pings every client from one timer.
        var socket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        var client = LegacyClient.From(context, keepsRequest: true);
        if (context.Features.Get<TokenRefusal>() is { } refusal)
        {
            await RefuseAsync(socket, refusal.Reason, client, context.RequestAborted);
            return;
        }

        var wire = context.Features.Get<LegacyWireFeature>()?.Wire
            ?? throw new InvalidOperationException(
                "The legacy wire was not installed before the WebSocket middleware.");
        await Open(socket, wire, client).RunAsync(hub, lifetime.ApplicationStopping);
    }

    /// <summary>
    /// Serves a client whose upgrade the HTTP pipeline accepted for <see cref="LegacyTakeoverMiddleware"/>, on
    /// the connection itself.
    /// </summary>
    /// <remarks>
    /// Not an async method: the task returned is the connection's own, with no frame of this method kept beside
    /// it for the life of the client.
    /// </remarks>
    public Task ServeAsync(ConnectionContext connection, LegacyHandoff handoff)
    {
        var client = handoff.Client
            ?? throw new InvalidOperationException("The HTTP pipeline has not accepted this upgrade.");

        // Under TLS the socket carries ciphertext, so frames must go through the connection's pipes.
        var raw = connection.Features.Get<ITlsConnectionFeature>() is null
            ? connection.Features.Get<IConnectionSocketFeature>()?.Socket
            : null;
        var wire = new LegacyWire(new TransportStream(connection.Transport), raw);
        var socket = WebSocket.CreateFromStream(
            wire, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        if (handoff.Refusal is { } reason)
        {
            return RefuseAsync(socket, reason, client, connection.ConnectionClosed);
        }

        LegacyLog.ServedBelowHttp(logger, client.ConnectionId);
        return Open(socket, wire, client).RunAsync(hub, lifetime.ApplicationStopping);
    }

    // The upgrade response goes out through HTTP, with the headers the WebSocket middleware would send; the
    // socket itself starts once the HTTP layer has let go of the connection. The client is handed over only once
    // the response has gone: a failed upgrade is answered by HTTP and the connection ends there.
    private static async Task HandOffAsync(HttpContext context, LegacyHandoff handoff)
    {
        var upgrade = context.Features.GetRequiredFeature<IHttpUpgradeFeature>();
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept =
            WebSocketAcceptKey.For(context.Request.Headers.SecWebSocketKey.ToString());

        await upgrade.UpgradeAsync();
        handoff.Accept(LegacyClient.From(context, keepsRequest: false), context.Features.Get<TokenRefusal>()?.Reason);
    }

    private LegacyConnection Open(WebSocket socket, LegacyWire wire, LegacyClient client) => new(
        socket, wire, client, options.Value, scheduler, heartbeat, delivery.Value.MaxQueuedBytes, logger);

    // A browser cannot read a refused upgrade, so the socket is accepted to say why, then closed as a policy
    // violation.
    private async Task RefuseAsync(
        WebSocket socket, string reason, LegacyClient client, CancellationToken cancellationToken)
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
        finally
        {
            socket.Dispose();
            client.Slot?.Release();
        }
    }
}
