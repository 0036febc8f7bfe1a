using Marketplace.Hubs.Liveness;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Liveness;

/// <summary>
/// The server pings every connection and drops the ones that stop answering, with their subscriptions.
/// </summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task A_client_that_stops_answering_pings_is_dropped_and_a_live_one_is_kept()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Heartbeat:PingInterval", "00:00:00.300"),
            ("Heartbeat:PongTimeout", "00:00:01"),
            ("Logging:LogLevel:Marketplace.Hubs.Legacy", "Debug"));
        var channel = Channels.Unique();
        await using var live = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await live.SubscribeAsync(channel);

        // A ClientWebSocket answers pings only while it reads; this one never reads.
        await using var silent = await LegacyClient.ConnectAsync(server.WebSocketAddress(), receive: false);
        await silent.SendAsync(new { action = "subscribe", channel });
        var dropped = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 2001);
        var notification = await live.RequestAsync(new { action = "notify", channel, payload = "after" });

        Assert.Contains("legacy-websocket", dropped.Message, StringComparison.Ordinal);
        Assert.Single(server.Logs.Entries, entry => entry.EventId.Id == 3006);

        // The live client sat through several of SignalR's keep-alive intervals (set to PingInterval); had one
        // reached it as a frame, that frame would come before this notification.
        Assert.Equal("after", notification.GetProperty("payload").GetString());
        Assert.Single(server.Logs.Entries, entry => entry.EventId.Id == 2001);
    }

    [Fact]
    public async Task A_signalr_client_that_sends_nothing_for_the_client_timeout_is_dropped_and_a_live_one_is_kept()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Heartbeat:PingInterval", "00:00:00.300"),
            ("Heartbeat:SignalRClientTimeout", "00:00:02"));
        var channel = Channels.Unique();
        await using var live = await HubClient.ConnectAsync(
            server.HubAddress, keepAliveInterval: TimeSpan.FromMilliseconds(200));
        await live.InvokeAsync("Subscribe", channel);

        // Its keep-alive would come long after the timeout, and it calls nothing.
        await using var silent = await HubClient.ConnectAsync(
            server.HubAddress, keepAliveInterval: TimeSpan.FromMinutes(5));
        var closed = new TaskCompletionSource();
        silent.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await closed.Task.WaitAsync(TestTimeouts.Default);
        await server.Logs.WaitForAsync(entry => entry.EventId.Id == 2001);
        var published = await live.InvokeAsync("Notify", channel, "after");
        var notification = await live.ReceiveAsync();

        Assert.Equal("notify_ack", JsonAssert.Type(published));
        Assert.Equal("after", notification.GetProperty("payload").GetString());
        Assert.Single(server.Logs.Entries, entry => entry.EventId.Id == 2001);
    }

    [Fact]
    public async Task Defaults_ping_every_ten_seconds_and_spare_signalr_clients_on_their_default_keep_alive()
    {
        await using var server = MarketplaceServer.StartSqlite();

        var heartbeat = server.Services.GetRequiredService<IOptions<HeartbeatOptions>>().Value;
        var webSockets = server.Services.GetRequiredService<IOptions<WebSocketOptions>>().Value;
        var hub = server.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        // SignalR's keep-alive messages judge SignalR clients; no runtime ping timer per socket.
        Assert.Equal(TimeSpan.FromSeconds(10), heartbeat.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), heartbeat.PongTimeout);
        Assert.Equal(TimeSpan.Zero, webSockets.KeepAliveInterval);

        // SignalR clients send a keep-alive every 15 s by default; the server must wait at least twice that.
        Assert.True(hub.ClientTimeoutInterval >= TimeSpan.FromSeconds(30));
    }
}
