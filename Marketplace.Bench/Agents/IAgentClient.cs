namespace Marketplace.Bench.Agents;

/// <summary>One subscriber an agent holds, of either protocol, counting what it receives in its tally.</summary>
internal interface IAgentClient : IAsyncDisposable
{
    /// <summary>Gets what the client received, and why its connection ended.</summary>
    ClientTally Tally { get; }

    /// <summary>Connects, subscribes to the tally's channel and starts receiving.</summary>
    /// <exception cref="Exception">The connection or the subscription failed; the message says how.</exception>
    Task ConnectAsync(CancellationToken cancellationToken = default);
}
