using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Marketplace.Hubs.Channels;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Products;
using Marketplace.Hubs.Realtime.Replies;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Realtime;

/// <summary>
/// The marketplace hub at <c>/hubs/marketplace</c>. Its methods mirror the legacy actions, and legacy WebSocket
/// clients reach them too, so each method is the one implementation of its action.
/// </summary>
/// <remarks>Channels are SignalR groups of the same name.</remarks>
internal sealed class MarketplaceHub(
    ProductCatalog catalog,
    ChannelRules channels,
    ILogger<MarketplaceHub> logger) : Hub
{
    /// <summary>Answers <c>{"type":"pong"}</c>.</summary>
    [SuppressMessage("Performance", "CA1822", Justification = "SignalR only calls instance methods.")]
    public PongReply Ping() => PongReply.Instance;

    /// <summary>Returns up to <paramref name="limit"/> products with an id above <paramref name="after"/>.</summary>
    public Task<ProductsReply> GetProducts(int? limit, int? after) =>
        catalog.GetPageAsync(limit, after, Context.ConnectionAborted);

    /// <summary>Stores a new product and announces it on <c>productos</c>.</summary>
    public Task<ProductAddedReply> AddProduct(JsonElement product) =>
        catalog.AddAsync(product, Context.ConnectionAborted);

    /// <summary>Makes the caller a member of <paramref name="channel"/>.</summary>
    public async Task<ChannelReply> Subscribe(string? channel)
    {
        var name = channels.EnsureValid(channel);

        await Groups.AddToGroupAsync(Context.ConnectionId, name, Context.ConnectionAborted);

        return ChannelReply.Subscribed(name);
    }

    /// <summary>Ends the caller's membership of <paramref name="channel"/>; harmless when it was none.</summary>
    public async Task<ChannelReply> Unsubscribe(string? channel)
    {
        var name = channels.EnsureValid(channel);

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, name, Context.ConnectionAborted);

        return ChannelReply.Unsubscribed(name);
    }

    /// <summary>Sends <paramref name="payload"/> to every member of <paramref name="channel"/>.</summary>
    public async Task<ChannelReply> Notify(string? channel, JsonElement payload)
    {
        var name = channels.EnsureValid(channel);
        channels.EnsureClientsMayPublish(name);

        var notification = new ChannelNotification(name, payload.ValueKind == JsonValueKind.Undefined ? null : payload);
        await Clients.Group(name).SendAsync(ChannelNotification.Method, notification, Context.ConnectionAborted);

        return ChannelReply.NotifyAck(name);
    }

    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        HubLog.Connected(logger, Context.ConnectionId, RemoteAddress(), ProtocolName());

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var reason = exception?.Message ?? "normally";
        HubLog.Disconnected(logger, Context.ConnectionId, RemoteAddress(), ProtocolName(), reason);

        return Task.CompletedTask;
    }

    private string RemoteAddress() =>
        Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private string ProtocolName()
    {
        if (Context.Features.Get<ILegacyConnectionFeature>() is not null)
        {
            return "legacy-websocket";
        }

        var transport = Context.Features.Get<IHttpTransportFeature>()?.TransportType;
        return transport is null ? "signalr" : $"signalr-{transport}";
    }
}
