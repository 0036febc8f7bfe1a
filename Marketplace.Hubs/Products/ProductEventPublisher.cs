using Marketplace.Data.ChangeFeed;
using Marketplace.Hubs.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Products;

/// <summary>
/// Announces catalogue changes to the members of channel <c>productos</c>, whichever protocol they speak.
/// </summary>
internal sealed class ProductEventPublisher(IHubContext<MarketplaceHub> hub)
{
    /// <summary>The channel catalogue changes go to.</summary>
    public const string Channel = "productos";

    /// <summary>Sends <paramref name="change"/> to every member.</summary>
    public Task PublishAsync(ProductChange change, CancellationToken cancellationToken)
    {
        var notification = new ChannelNotification(Channel, ProductEvent.From(change));

        return hub.Clients.Group(Channel).SendAsync(ChannelNotification.Method, notification, cancellationToken);
    }
}
