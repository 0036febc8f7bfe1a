using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>The latency histogram the subscriber agents fill and the reporting process merges.</summary>
public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1_000)]
    [InlineData(123_456)]
    [InlineData(987_654_321)]
    [InlineData(long.MaxValue)]
    public void Every_value_falls_in_a_bucket_less_than_one_percent_wide_that_holds_it(long microseconds)
    {
        var bucket = LatencyHistogram.BucketOf(microseconds);

        var upper = LatencyHistogram.UpperBound(bucket);
        var lower = bucket == 0 ? 0 : LatencyHistogram.UpperBound(bucket - 1) + 1;
        Assert.InRange(microseconds, lower, upper);
        Assert.True(upper - lower <= Math.Max(0, microseconds / 128), $"bucket {lower}..{upper} is too wide");
    }

    [Fact]
    public void Values_below_256_microseconds_are_kept_exactly()
    {
        var histogram = new LatencyHistogram();
        for (var value = 1; value <= 100; value++)
        {
            histogram.Record(value);
        }

        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.Percentile(50));
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(100, histogram.Percentile(100));
        Assert.Equal(50.5, histogram.Mean);
    }

    [Fact]
    public void A_percentile_never_exceeds_the_exact_maximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(10_001);

        Assert.Equal(10_001, histogram.Percentile(99));
        Assert.Equal(10_001, histogram.Max);
    }

    [Fact]
    public void A_negative_latency_counts_as_zero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);

        Assert.Equal(0, histogram.Percentile(50));
        Assert.Equal(0, histogram.Max);
    }

    [Fact]
    public void Snapshots_of_two_agents_merge_into_the_histogram_of_all_their_values()
    {
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        first.Record(1_000);
        first.Record(2_000);
        second.Record(3_000);
        second.Record(40_000);

        var merged = new LatencyHistogram();
        merged.Merge(LatencyHistogram.FromSnapshot(first.Snapshot()));
        merged.Merge(LatencyHistogram.FromSnapshot(second.Snapshot()));

        Assert.Equal(4, merged.Count);
        Assert.Equal(11_500, merged.Mean);
        Assert.Equal(40_000, merged.Max);
        Assert.InRange(merged.Percentile(50)!.Value, 2_000, 2_015);
        var summary = merged.Summary()!;
        Assert.Equal(40, summary.Max);
        Assert.Equal(11.5, summary.Mean);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles_or_summary()
    {
        var histogram = new LatencyHistogram();

        Assert.Null(histogram.Percentile(50));
        Assert.Null(histogram.Summary());
    }

    [Fact]
    public void A_snapshot_with_a_count_per_missing_bucket_is_refused()
    {
        var snapshot = new HistogramSnapshot([1, 2], [5], 10, 2);

        Assert.Throws<FormatException>(() => LatencyHistogram.FromSnapshot(snapshot));
    }
}
