namespace Marketplace.Bench.Measurement;

/// <summary>A latency sample reduced to the figures a report shows, in milliseconds.</summary>
/// <param name="Count">How many latencies were measured.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="P50">The median.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest.</param>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    /// <summary>Summarises <paramref name="latencies"/>, in any order; null for an empty sample.</summary>
    public static LatencySummary? Of(IReadOnlyCollection<double> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        if (latencies.Count == 0)
        {
            return null;
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);

        return new LatencySummary(
            sorted.Length,
            sorted.Average(),
            Percentiles.NearestRank(sorted, 50),
            Percentiles.NearestRank(sorted, 90),
            Percentiles.NearestRank(sorted, 99),
            sorted[^1]);
    }
}
