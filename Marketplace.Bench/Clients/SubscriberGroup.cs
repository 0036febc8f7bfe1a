using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Clients;

/// <summary>The legacy clients of one run, connected together and asked together.</summary>
internal sealed class SubscriberGroup : IAsyncDisposable
{
    // Connections opened at once: enough to be quick, few enough not to look like a flood to the server.
    private const int ConnectBatch = 100;

    private readonly List<LegacySubscriber> _subscribers;

    private SubscriberGroup(List<LegacySubscriber> subscribers)
    {
        _subscribers = subscribers;
    }

    /// <summary>Gets how many clients the group holds.</summary>
    public int Count => _subscribers.Count;

    /// <summary>Connects <paramref name="count"/> clients to <paramref name="address"/>, each subscribed.</summary>
    /// <exception cref="BenchException">
    /// A client could not connect or subscribe; those that did are closed.
    /// </exception>
    public static async Task<SubscriberGroup> ConnectAsync(
        Uri address,
        int count,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var group = new SubscriberGroup(new List<LegacySubscriber>(count));
        try
        {
            foreach (var batch in Enumerable.Range(0, count).Chunk(ConnectBatch))
            {
                var connecting = batch
                    .Select(_ => LegacySubscriber.ConnectAsync(address, timeout, cancellationToken))
                    .ToList();
                try
                {
                    await Task.WhenAll(connecting);
                }
                finally
                {
                    // Those of a failed batch that did connect are closed with the rest.
                    group._subscribers.AddRange(connecting
                        .Where(attempt => attempt.IsCompletedSuccessfully)
                        .Select(attempt => attempt.Result));
                }
            }

            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits, up to <paramref name="timeout"/> in all, until every client has product <paramref name="productId"/>.
    /// </summary>
    /// <returns>How many clients had it by then.</returns>
    public async Task<int> WaitForProductAsync(
        int productId,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var waits = _subscribers.Select(subscriber =>
            subscriber.WaitForProductAsync(productId, timeout, cancellationToken));
        var arrived = await Task.WhenAll(waits);
        return arrived.Count(has => has);
    }

    /// <summary>Gets what each client received so far, one list per client.</summary>
    public IReadOnlyList<IReadOnlyList<Receipt>> Receipts() =>
        [.. _subscribers.Select(subscriber => subscriber.Receipts())];

    /// <summary>Gets why clients lost their connection, one entry per distinct reason with its count.</summary>
    public IReadOnlyList<(string Reason, int Clients)> Failures()
    {
        return [.. _subscribers
            .Where(subscriber => subscriber.Failure is not null)
            .GroupBy(subscriber => subscriber.Failure!)
            .Select(group => (group.Key, group.Count()))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_subscribers.Select(subscriber => subscriber.DisposeAsync().AsTask()));
    }
}
