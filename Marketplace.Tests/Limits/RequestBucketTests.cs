using Marketplace.Hubs.Limits;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Tests.Limits;

/// <summary>
/// The per-connection request bucket: a burst at once, then the sustained rate, and an honest wait.
/// </summary>
public sealed class RequestBucketTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RequestBucket _bucket;

    public RequestBucketTests()
    {
        _bucket = new RequestBucket(new RequestRateOptions { PerSecond = 10, Burst = 3 }, _time);
    }

    [Fact]
    public void The_burst_is_available_at_once_and_then_the_wait_is_one_token()
    {
        var taken = Enumerable.Range(0, 3).Select(attempt => _bucket.TryTake(out _)).ToList();
        var refused = _bucket.TryTake(out var retryAfter);

        Assert.All(taken, Assert.True);
        Assert.False(refused);
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);
    }

    [Fact]
    public void Tokens_come_back_at_the_sustained_rate_up_to_the_burst()
    {
        while (_bucket.TryTake(out _))
        {
        }

        _time.Advance(TimeSpan.FromMilliseconds(100));
        var afterOneTick = _bucket.TryTake(out _);
        var afterItWasSpent = _bucket.TryTake(out _);
        _time.Advance(TimeSpan.FromHours(1));
        var afterLongIdle = Enumerable.Range(0, 4).Count(attempt => _bucket.TryTake(out _));

        Assert.True(afterOneTick);
        Assert.False(afterItWasSpent);
        Assert.Equal(3, afterLongIdle);
    }
}
