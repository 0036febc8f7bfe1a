using System.Buffers;
using System.Diagnostics;
using System.Text;
using Marketplace.Bench.Agents;
using Marketplace.Bench.Agents.Epoll;
using Marketplace.Bench.Measurement;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Bench.Agents.Epoll;

/// <summary>The lean subscriber against the real server: it subscribes, counts, answers pings and closes.</summary>
public sealed class EpollLegacyClientTests
{
    [Fact]
    public async Task An_epoll_client_counts_every_publish_and_outlives_a_client_that_does_not_answer_pings()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Heartbeat:PingInterval", "00:00:00.300"),
            ("Heartbeat:PongTimeout", "00:00:01"),
            ("Logging:LogLevel:Marketplace.Hubs.Legacy", "Debug"));
        var channel = Channels.Unique();
        var tally = new ClientTally(new SequencePlan(channel, 1, 0, 3), 0, new LatencyHistogram());
        using var poller = new EpollPoller();
        var client = new EpollLegacyClient(server.WebSocketAddress(), tally, poller);
        await client.ConnectAsync().WaitAsync(TestTimeouts.Default);

        await using var silent = await LegacyClient.ConnectAsync(server.WebSocketAddress(), receive: false);
        await silent.SendAsync(new { action = "subscribe", channel });
        await server.Logs.WaitForAsync(entry => entry.EventId.Id == 3006);
        await using var publisher = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        for (var sequence = 0; sequence < 3; sequence++)
        {
            var request = new ArrayBufferWriter<byte>();
            new StampedPayload(sequence, Stopwatch.GetTimestamp()).WriteNotify(request, channel, 256);
            await publisher.SendRawAsync(Encoding.UTF8.GetString(request.WrittenSpan));
        }

        await tally.Complete.WaitAsync(TestTimeouts.Default);
        await client.DisposeAsync();
        var closed = await server.Logs.WaitForAsync(
            entry => entry.EventId.Id == 2001 && entry.Message.Contains("normally", StringComparison.Ordinal));

        Assert.Equal((3, 0, 0), (tally.Measured, tally.Duplicated, tally.Unexpected));
        Assert.True(tally.IsOpen, tally.Failure);
        Assert.Contains("legacy-websocket", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_subscription_fails_the_connection_with_the_server_s_answer()
    {
        await using var server = MarketplaceServer.StartSqlite();
        var tally = new ClientTally(new SequencePlan("not a channel!", 1, 0, 1), 0, new LatencyHistogram());
        using var poller = new EpollPoller();
        await using var client = new EpollLegacyClient(server.WebSocketAddress(), tally, poller);

        var refusal = await Assert.ThrowsAnyAsync<Exception>(
            () => client.ConnectAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains("\"type\":\"error\"", refusal.Message, StringComparison.Ordinal);
    }
}
