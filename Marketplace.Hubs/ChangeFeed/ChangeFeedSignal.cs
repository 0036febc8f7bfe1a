using System.Threading.Channels;

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Wakes the change feed right after the server's own writes, which no database signal reports when the feed
/// polls (SQLite, or PostgreSQL through a pooler).
/// </summary>
internal sealed class ChangeFeedSignal
{
    // One pending wake is enough: a read after it sees every write made before it.
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the feed to read the log now.</summary>
    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or for <paramref name="timeout"/>; returns true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_wakes.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wakes.Reader.WaitToReadAsync(linked.Token);
            return _wakes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed without a wake.
            return false;
        }
    }
}
