using Marketplace.Hubs.ChangeFeed;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Tests.ChangeFeed;

public sealed class ChangeFeedSignalTests
{
    [Fact]
    public async Task A_wake_before_the_wait_ends_it_at_once_and_is_used_up()
    {
        var signal = new ChangeFeedSignal();
        var clock = new FakeTimeProvider();

        signal.Wake();
        signal.Wake();
        var first = await signal.WaitAsync(TimeSpan.FromHours(1), clock, CancellationToken.None);
        var second = signal.WaitAsync(TimeSpan.FromHours(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.True(first);
        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task A_wake_during_the_wait_ends_it()
    {
        var signal = new ChangeFeedSignal();

        var waiting = signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), CancellationToken.None);
        signal.Wake();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
