using Marketplace.Hubs.Legacy;

namespace Marketplace.Tests.Liveness;

/// <summary>
/// The legacy heartbeat's decisions for one client, on timestamps given by the test: ping every interval, keep a
/// client that sends anything after its ping, drop one that stays silent for the timeout.
/// </summary>
public sealed class LegacyPulseTests
{
    private const long PingEvery = 10_000;
    private const long AnswerWithin = 5_000;

    [Fact]
    public void The_first_ping_is_one_interval_after_the_start()
    {
        var pulse = new LegacyPulse(startedAt: 1_000);

        Assert.Equal(LegacyPulseAction.None, pulse.Beat(10_999, reads: 1, PingEvery, AnswerWithin));
        Assert.Equal(LegacyPulseAction.Ping, pulse.Beat(11_000, reads: 1, PingEvery, AnswerWithin));
    }

    [Fact]
    public void A_client_that_sends_something_after_the_ping_is_pinged_again_an_interval_later()
    {
        var pulse = new LegacyPulse(startedAt: 0);
        pulse.Beat(PingEvery, reads: 1, PingEvery, AnswerWithin);

        Assert.Equal(LegacyPulseAction.None, pulse.Beat(PingEvery + 6_000, reads: 2, PingEvery, AnswerWithin));
        Assert.Equal(LegacyPulseAction.None, pulse.Beat(2 * PingEvery - 1, reads: 2, PingEvery, AnswerWithin));
        Assert.Equal(LegacyPulseAction.Ping, pulse.Beat(2 * PingEvery, reads: 2, PingEvery, AnswerWithin));
    }

    [Fact]
    public void A_client_silent_for_the_timeout_after_a_ping_expires()
    {
        var pulse = new LegacyPulse(startedAt: 0);
        pulse.Beat(PingEvery, reads: 3, PingEvery, AnswerWithin);

        Assert.Equal(LegacyPulseAction.None, pulse.Beat(PingEvery + 4_999, reads: 3, PingEvery, AnswerWithin));
        Assert.Equal(LegacyPulseAction.Expired, pulse.Beat(PingEvery + 5_000, reads: 3, PingEvery, AnswerWithin));
    }

    [Fact]
    public void An_answer_that_comes_late_but_before_the_beat_that_would_drop_it_keeps_the_client()
    {
        var pulse = new LegacyPulse(startedAt: 0);
        pulse.Beat(PingEvery, reads: 1, PingEvery, AnswerWithin);

        // The answer came after the timeout, between two beats: what the beat sees is that it came.
        Assert.Equal(LegacyPulseAction.Ping, pulse.Beat(PingEvery + 12_000, reads: 2, PingEvery, AnswerWithin));
    }
}
