namespace Marketplace.Bench.Measurement;

/// <summary>
/// Percentiles of a sample by the nearest-rank method: every percentile is a value that was measured.
/// </summary>
internal static class Percentiles
{
    /// <summary>
    /// Returns the smallest value that at least <paramref name="percentile"/> percent of
    /// <paramref name="sorted"/> do not exceed: p50 of 1..100 is 50, p99 is 99, p100 the maximum.
    /// </summary>
    /// <param name="sorted">The sample, sorted ascending; not empty.</param>
    /// <param name="percentile">From 0 (the minimum) to 100 (the maximum).</param>
    public static double NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A percentile of no values is undefined.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        // Rank 1 is the smallest value; p0 has rank 0 by the formula, and means the minimum.
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
