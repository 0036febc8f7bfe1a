using Marketplace.Hubs.Delivery;

namespace Marketplace.Tests.Delivery;

/// <summary>
/// The set of a connection's channels keeps the first one in a field and the rest in a set; whichever holds a
/// channel, it is counted once, found, removed and handed back when the connection leaves.
/// </summary>
public sealed class ChannelSetTests
{
    [Fact]
    public void A_channel_added_twice_counts_once()
    {
        var channels = new ChannelSet();

        channels.Add("productos");
        channels.Add("productos");

        Assert.Equal(1, channels.Count);
        Assert.True(channels.Contains("productos"));
        Assert.False(channels.Contains("Productos"));
    }

    [Fact]
    public void Channels_beyond_the_first_are_kept_and_all_come_back_when_cleared()
    {
        var channels = new ChannelSet();

        channels.Add("a");
        channels.Add("b");
        channels.Add("c");
        channels.Remove("b");

        Assert.Equal(2, channels.Count);
        Assert.False(channels.Contains("b"));
        Assert.Equal(["a", "c"], channels.Clear().Order());
        Assert.Equal(0, channels.Count);
        Assert.False(channels.Contains("a"));
    }

    [Fact]
    public void A_channel_kept_in_the_set_is_not_added_again_once_the_first_has_left()
    {
        var channels = new ChannelSet();
        channels.Add("a");
        channels.Add("b");

        channels.Remove("a");
        channels.Add("b");
        channels.Add("c");

        Assert.Equal(2, channels.Count);
        Assert.Equal(["b", "c"], channels.Clear().Order());
    }

    [Fact]
    public void An_empty_set_clears_to_nothing_and_removing_an_absent_channel_changes_nothing()
    {
        var channels = new ChannelSet();

        channels.Remove("a");

        Assert.Empty(channels.Clear());
        Assert.Equal(0, channels.Count);
    }
}
