namespace Marketplace.Bench.Measurement;

/// <summary>A <see cref="LatencyHistogram"/> as a subscriber agent sends it: its non-empty buckets.</summary>
/// <param name="Buckets">The bucket numbers, ascending.</param>
/// <param name="Counts">How many latencies fell in each of <paramref name="Buckets"/>.</param>
/// <param name="SumMicroseconds">The sum of every latency, for the mean.</param>
/// <param name="MaxMicroseconds">The largest latency, exactly.</param>
internal sealed record HistogramSnapshot(
    IReadOnlyList<int> Buckets,
    IReadOnlyList<long> Counts,
    long SumMicroseconds,
    long MaxMicroseconds);
