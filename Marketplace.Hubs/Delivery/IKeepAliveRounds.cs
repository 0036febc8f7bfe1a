namespace Marketplace.Hubs.Delivery;

/// <summary>
/// Sends SignalR's keep-alive message to the SignalR clients, a share of them at a time, so that clients that
/// connected together are not all pinged together.
/// </summary>
internal interface IKeepAliveRounds
{
    /// <summary>
    /// Pings the clients of round <paramref name="round"/> out of <paramref name="rounds"/>; every client belongs
    /// to one round, and clients whose transport keeps itself alive (long polling) to none.
    /// </summary>
    void Ping(int round, int rounds);
}
