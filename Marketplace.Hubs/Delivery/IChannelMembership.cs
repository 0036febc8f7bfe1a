namespace Marketplace.Hubs.Delivery;

/// <summary>
/// The channels each connection belongs to, as the delivery manager keeps them for delivering and for leaving
/// them on disconnect; the hub asks here to hold a connection to its subscription limit instead of keeping a
/// second record of its own.
/// </summary>
internal interface IChannelMembership
{
    /// <summary>Returns how many channels the connection belongs to; none once it has gone.</summary>
    int CountChannels(string connectionId);

    /// <summary>Returns whether the connection belongs to <paramref name="channel"/>.</summary>
    bool IsMember(string connectionId, string channel);
}
