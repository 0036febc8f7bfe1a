namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Waits between reconnection attempts: 100 ms, doubling up to a ceiling, each spread by up to a fifth so that
/// many servers losing one database do not all come back at the same instant.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan ceiling)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    private TimeSpan _next = First;

    /// <summary>Returns the wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(ceiling.Ticks, _next.Ticks * 2));

        var spread = delay.TotalMilliseconds * 0.2 * Random.Shared.NextDouble();
        return delay + TimeSpan.FromMilliseconds(spread);
    }

    /// <summary>Starts again from the shortest wait, after a connection that worked.</summary>
    public void Reset() => _next = First;
}
