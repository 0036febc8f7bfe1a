using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>Nearest-rank percentiles and the latency summary built on them.</summary>
public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = [.. Enumerable.Range(1, 100).Select(value => (double)value)];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50, 50)]
    [InlineData(90, 90)]
    [InlineData(99, 99)]
    [InlineData(99.5, 100)]
    [InlineData(100, 100)]
    public void Percentiles_of_one_to_a_hundred_are_the_values_of_their_rank(double percentile, double expected)
    {
        Assert.Equal(expected, Percentiles.NearestRank(OneToHundred, percentile));
    }

    [Theory]
    [InlineData(25, 10)]
    [InlineData(50, 20)]
    [InlineData(50.1, 30)]
    [InlineData(75, 30)]
    [InlineData(76, 40)]
    public void A_percentile_between_two_values_takes_the_higher_one(double percentile, double expected)
    {
        Assert.Equal(expected, Percentiles.NearestRank([10, 20, 30, 40], percentile));
    }

    [Fact]
    public void Every_percentile_of_a_single_value_is_that_value()
    {
        Assert.Equal(7.5, Percentiles.NearestRank([7.5], 0));
        Assert.Equal(7.5, Percentiles.NearestRank([7.5], 99));
    }

    [Fact]
    public void A_percentile_of_nothing_or_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToHundred, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToHundred, 100.1));
    }

    [Fact]
    public void A_summary_sorts_its_sample_itself()
    {
        var shuffled = OneToHundred.OrderBy(value => (value * 37) % 101).ToList();

        var summary = LatencySummary.Of(shuffled);

        Assert.NotNull(summary);
        Assert.Equal(100, summary.Count);
        Assert.Equal(50.5, summary.Mean);
        Assert.Equal(50, summary.P50);
        Assert.Equal(90, summary.P90);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
    }

    [Fact]
    public void An_empty_sample_has_no_summary()
    {
        Assert.Null(LatencySummary.Of([]));
    }
}
