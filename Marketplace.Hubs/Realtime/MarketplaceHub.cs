using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using Marketplace.Hubs.Channels;
using Marketplace.Hubs.Delivery;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Permissions;
using Marketplace.Hubs.Products;
using Marketplace.Hubs.Realtime.Replies;
using Marketplace.Hubs.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
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
    IChannelMembership membership,
    AccessPolicy access,
    TokenValidator tokens,
    TimeProvider timeProvider,
    ILogger<MarketplaceHub> logger) : Hub
{
    /// <summary>Answers <c>{"type":"pong"}</c>.</summary>
    [SuppressMessage("Performance", "CA1822", Justification = "SignalR only calls instance methods.")]
    public PongReply Ping() => PongReply.Instance;

    /// <summary>Returns up to <paramref name="limit"/> products with an id above <paramref name="after"/>.</summary>
    public Task<ProductsReply> GetProducts(int? limit, int? after) =>
        catalog.GetPageAsync(limit, after, Context.ConnectionAborted);

    /// <summary>Stores a new product and announces it on <c>productos</c>.</summary>
    public Task<ProductAddedReply> AddProduct(JsonElement product)
    {
        access.EnsureMayAddProduct(Caller());

        return catalog.AddAsync(product, Context.ConnectionAborted);
    }

    /// <summary>
    /// Signs the connection in with <paramref name="token"/>, for clients that cannot send it when they
    /// connect; a refused token leaves the connection as it was.
    /// </summary>
    public async Task<AuthenticatedReply> Authenticate(string? token)
    {
        var validation = await tokens.ValidateAsync(token);
        if (validation.Identity is not { } identity)
        {
            throw ClientErrors.Create(ErrorCodes.Forbidden, validation.Failure!);
        }

        ConnectionSession.Of(Context).Identity = identity;

        var roles = identity.Roles.Order(StringComparer.Ordinal).ToArray();
        return new AuthenticatedReply(identity.UserId, roles, identity.ExpiresAt);
    }

    /// <summary>Makes the caller a member of <paramref name="channel"/>.</summary>
    public async Task<ChannelReply> Subscribe(string? channel)
    {
        var name = channels.EnsureValid(channel);
        access.EnsureMaySubscribe(Caller(), name);

        var id = Context.ConnectionId;
        if (!membership.IsMember(id, name))
        {
            channels.EnsureRoomForSubscription(membership.CountChannels(id));
        }

        await Groups.AddToGroupAsync(id, name, Context.ConnectionAborted);

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
        access.EnsureMayPublish(Caller(), name);

        object? message = payload.ValueKind == JsonValueKind.Undefined ? null : payload;
        var notification = new ChannelNotification(name, message);
        await Clients.Group(name).SendAsync(ChannelNotification.Method, notification, Context.ConnectionAborted);

        return ChannelReply.NotifyAck(name);
    }

    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        ConnectionSession.Start(Context, CallerPrincipal.Read(Context.User));

        // The address's text stays cached in the connection's IPAddress once made: only make it to log it.
        if (logger.IsEnabled(LogLevel.Debug))
        {
            HubLog.Connected(logger, Context.ConnectionId, RemoteAddress(), ProtocolName());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var reason = exception?.Message ?? "normally";
        HubLog.Disconnected(logger, Context.ConnectionId, RemoteAddress(), ProtocolName(), reason);

        return Task.CompletedTask;
    }

    private CallerIdentity Caller() => ConnectionSession.Of(Context).Identity.At(timeProvider.GetUtcNow());

    // Read from the feature: HttpContext.Connection makes a wrapper that would live as long as the connection. A
    // legacy connection served below the HTTP layer has no request left, only its end points.
    private string RemoteAddress() =>
        (Context.GetHttpContext()?.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress
            ?? (Context.Features.Get<IConnectionEndPointFeature>()?.RemoteEndPoint as IPEndPoint)?.Address)
        ?.ToString() ?? "unknown";

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
