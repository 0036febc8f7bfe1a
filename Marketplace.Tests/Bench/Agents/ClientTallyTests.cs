using System.Diagnostics;
using Marketplace.Bench.Agents;
using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Agents;

/// <summary>What one subscriber counts: warm-up, measured deliveries once each, duplicates, strays.</summary>
public sealed class ClientTallyTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    // Publishes 0-3 warm up, 4-11 are measured, spread over two channels: even ones to -0, odd ones to -1.
    private static readonly SequencePlan Plan = new("bench", 2, 4, 8);

    [Fact]
    public void A_subscriber_expects_only_its_own_channel_s_share()
    {
        var even = new ClientTally(Plan, 0, new LatencyHistogram());
        var odd = new ClientTally(Plan, 3, new LatencyHistogram());

        Assert.Equal("bench-0", even.Channel);
        Assert.Equal("bench-1", odd.Channel);
        Assert.Equal((2, 4), (even.ExpectedWarmup, even.ExpectedMeasured));
        Assert.Equal((2, 4), (odd.ExpectedWarmup, odd.ExpectedMeasured));
    }

    [Fact]
    public void Measured_deliveries_count_once_with_their_latency_and_repeats_as_duplicates()
    {
        var latency = new LatencyHistogram();
        var tally = new ClientTally(Plan, 0, latency);

        tally.Record(new StampedPayload(0, 0), onChannel: true, receivedAt: Millisecond);
        tally.Record(new StampedPayload(4, 10 * Millisecond), onChannel: true, receivedAt: 12 * Millisecond);
        tally.Record(new StampedPayload(6, 20 * Millisecond), onChannel: true, receivedAt: 25 * Millisecond);
        tally.Record(new StampedPayload(6, 20 * Millisecond), onChannel: true, receivedAt: 26 * Millisecond);

        Assert.Equal(1, tally.Warmup);
        Assert.Equal(2, tally.Measured);
        Assert.Equal(1, tally.Duplicated);
        Assert.Equal(0, tally.Unexpected);
        Assert.Equal(2, latency.Count);
        Assert.Equal(5_000, latency.Max);
        Assert.Equal(12 * Millisecond, tally.FirstReceivedAt);
        Assert.Equal(25 * Millisecond, tally.LastReceivedAt);
    }

    [Fact]
    public void Another_channel_s_publish_or_one_outside_the_plan_is_unexpected()
    {
        var tally = new ClientTally(Plan, 0, new LatencyHistogram());

        tally.Record(new StampedPayload(5, 0), onChannel: true, receivedAt: 1);
        tally.Record(new StampedPayload(4, 0), onChannel: false, receivedAt: 1);
        tally.Record(new StampedPayload(12, 0), onChannel: true, receivedAt: 1);
        tally.Record(new StampedPayload(-2, 0), onChannel: true, receivedAt: 1);
        tally.Record(null, onChannel: true, receivedAt: 1);

        Assert.Equal(5, tally.Unexpected);
        Assert.Equal(0, tally.Measured);
    }

    [Fact]
    public void Only_the_first_reason_a_connection_ended_is_kept()
    {
        var tally = new ClientTally(Plan, 0, new LatencyHistogram());

        tally.Fail("closed by the server (PolicyViolation too far behind)");
        tally.Fail("the client stopped waiting");

        Assert.False(tally.IsOpen);
        Assert.Equal("closed by the server (PolicyViolation too far behind)", tally.Failure);
    }

    [Theory]
    [InlineData(1, 0, 10, 0, 10)]
    [InlineData(3, 5, 10, 0, 3)]
    [InlineData(3, 5, 10, 1, 3)]
    [InlineData(3, 5, 10, 2, 4)]
    [InlineData(4, 0, 2, 3, 0)]
    public void The_plan_counts_each_channel_s_measured_publishes(
        int channels,
        int warmup,
        int measured,
        int channel,
        int expected)
    {
        var plan = new SequencePlan("c", channels, warmup, measured);

        Assert.Equal(expected, plan.MeasuredFor(channel));
        Assert.Equal(
            Enumerable.Range(warmup, measured).Count(sequence => sequence % channels == channel),
            plan.MeasuredFor(channel));
    }
}
