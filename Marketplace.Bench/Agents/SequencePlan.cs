namespace Marketplace.Bench.Agents;

/// <summary>
/// Which publishes a subscriber should receive: sequence numbers from zero, the first <see cref="Warmup"/> of them
/// not measured, the next <see cref="Measured"/> measured; publish <c>s</c> goes to channel <c>s % Channels</c>,
/// and client <c>g</c> (counted over every agent) subscribes to channel <c>g % Channels</c>.
/// </summary>
/// <param name="Channel">The channel, or with several the stem of their names: <c>stem-0</c>, <c>stem-1</c>...</param>
/// <param name="Channels">How many channels the subscribers are spread over.</param>
/// <param name="Warmup">How many publishes come first, unmeasured.</param>
/// <param name="Measured">How many publishes follow, measured.</param>
internal sealed record SequencePlan(string Channel, int Channels, int Warmup, int Measured)
{
    /// <summary>Gets the sequence number of the first measured publish.</summary>
    public int FirstMeasured => Warmup;

    /// <summary>Gets the channel of the subscriber or publish numbered <paramref name="number"/>.</summary>
    public int ChannelOf(long number) => (int)(number % Channels);

    /// <summary>Gets the name of channel <paramref name="index"/>.</summary>
    public string ChannelName(int index) => Channels == 1 ? Channel : $"{Channel}-{index}";

    /// <summary>Gets how many warm-up publishes go to channel <paramref name="index"/>.</summary>
    public int WarmupFor(int index) => CountOnChannel(0, Warmup, index);

    /// <summary>Gets how many measured publishes go to channel <paramref name="index"/>.</summary>
    public int MeasuredFor(int index) => CountOnChannel(FirstMeasured, Measured, index);

    private int CountOnChannel(int first, int count, int index)
    {
        // Numbers first .. first + count - 1 that leave remainder index: a whole round per Channels, plus the rest.
        var offset = ((index - first) % Channels + Channels) % Channels;
        return offset >= count ? 0 : ((count - offset - 1) / Channels) + 1;
    }
}
