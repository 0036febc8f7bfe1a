using Marketplace.Hubs.ChangeFeed;

namespace Marketplace.Tests.ChangeFeed;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Waits_double_from_a_tenth_of_a_second_up_to_the_ceiling_with_at_most_a_fifth_of_spread()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1));

        var waits = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        double[] bases = [100, 200, 400, 800, 1000, 1000, 1000];
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.InRange(waits[i], bases[i], bases[i] * 1.2);
        }
    }

    [Fact]
    public void Reset_starts_again_from_the_shortest_wait()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(10));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 100, 120);
    }
}
