using System.Diagnostics;
using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>Matching what clients received against what was committed.</summary>
public sealed class DeliveryAnalysisTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    // Three measured rows committed at 1 s, 2 s and 3 s on the Stopwatch clock.
    private static readonly Dictionary<int, long> Commits = new()
    {
        [11] = 1000 * Millisecond,
        [12] = 2000 * Millisecond,
        [13] = 3000 * Millisecond,
    };

    [Fact]
    public void Every_row_once_to_every_client_is_nothing_lost_or_duplicated()
    {
        Receipt[] client = [At(11, 1002), At(12, 2004), At(13, 3006)];

        var tally = DeliveryAnalysis.Tally(Commits, [client, client], new HashSet<int>());

        Assert.Equal(6, tally.Expected);
        Assert.Equal(6, tally.Delivered);
        Assert.Equal(0, tally.Lost);
        Assert.Equal(0, tally.Duplicated);
        Assert.Equal(0, tally.Unexpected);
        Assert.Equal([2, 4, 6, 2, 4, 6], tally.LatenciesMs.Select(latency => Math.Round(latency)));
    }

    [Fact]
    public void Missing_repeated_and_foreign_notifications_are_counted_apart()
    {
        Receipt[] complete = [At(11, 1001), At(12, 2001), At(13, 3001)];
        Receipt[] faulty = [At(10, 900), At(11, 1005), At(11, 1500), At(13, 3009), At(99, 3010)];

        var tally = DeliveryAnalysis.Tally(Commits, [complete, faulty], new HashSet<int> { 10 });

        Assert.Equal(6, tally.Expected);
        Assert.Equal(5, tally.Delivered);
        Assert.Equal(1, tally.Lost);
        Assert.Equal(1, tally.Duplicated);
        Assert.Equal(1, tally.Unexpected);
        Assert.Equal([1, 1, 1, 5, 9], tally.LatenciesMs.Select(latency => Math.Round(latency)));
    }

    [Fact]
    public void A_notification_that_overtakes_the_commit_reply_has_no_latency_rather_than_a_negative_one()
    {
        Receipt[] client = [At(11, 999), At(12, 2000), At(13, 3003)];

        var tally = DeliveryAnalysis.Tally(Commits, [client], new HashSet<int>());

        Assert.Equal([0, 0, 3], tally.LatenciesMs.Select(latency => Math.Round(latency)));
    }

    [Fact]
    public void A_client_that_received_nothing_lost_every_row()
    {
        var tally = DeliveryAnalysis.Tally(Commits, [Array.Empty<Receipt>()], new HashSet<int>());

        Assert.Equal(3, tally.Lost);
        Assert.Empty(tally.LatenciesMs);
    }

    private static Receipt At(int productId, long milliseconds) => new(productId, milliseconds * Millisecond);
}
