namespace Marketplace.Bench.Scenarios.Connections;

/// <summary>The server's resident memory at the three moments of a <c>connections</c> run, in bytes.</summary>
/// <param name="Before">Before the first connection; null when the server's process is unknown.</param>
/// <param name="Connected">Once every connection was made.</param>
/// <param name="AfterHold">After the hold.</param>
internal sealed record ResidentMemory(long? Before, long? Connected, long? AfterHold)
{
    /// <summary>
    /// Gets the growth from <see cref="Before"/> to <paramref name="reading"/> per connection, in KiB; null when
    /// either reading is missing or no connection is open.
    /// </summary>
    public double? PerConnectionKibibytes(long? reading, int connections)
    {
        return reading is { } after && Before is { } before && connections > 0
            ? (after - before) / 1024.0 / connections
            : null;
    }
}
