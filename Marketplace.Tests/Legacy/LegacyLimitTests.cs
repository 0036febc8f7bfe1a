using System.Net.WebSockets;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// The configured limits answer with their error codes and leave the connection open.
/// </summary>
public sealed class LegacyLimitTests
{
    [Fact]
    public async Task An_oversized_frame_gets_message_too_large_and_the_connection_lives()
    {
        await using var server = MarketplaceServer.StartSqlite(("Legacy:MaxFrameBytes", "2048"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var huge = $$"""{"action":"notify","channel":"c","payload":"{{new string('x', 100_000)}}"}""";

        await client.SendRawAsync(huge);
        var error = await client.ReceiveAsync();
        var after = await client.RequestAsync(new { action = "ping", id = 2 });

        JsonAssert.Error(error, "message_too_large");
        Assert.Contains("2048", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("pong", JsonAssert.Type(after));
    }

    [Fact]
    public async Task A_frame_exactly_at_the_limit_is_accepted()
    {
        await using var server = MarketplaceServer.StartSqlite(("Legacy:MaxFrameBytes", "2048"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        const string prefix = "{\"action\":\"ping\",\"pad\":\"";
        var frame = prefix + new string('x', 2048 - prefix.Length - 2) + "\"}";

        await client.SendRawAsync(frame);
        var reply = await client.ReceiveAsync();

        Assert.Equal(2048, System.Text.Encoding.UTF8.GetByteCount(frame));
        Assert.Equal("pong", JsonAssert.Type(reply));
    }

    [Fact]
    public async Task Notify_to_a_server_only_channel_is_forbidden_but_subscribing_works()
    {
        await using var server = MarketplaceServer.StartSqlite(("Channels:ServerOnly:0", "productos"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        var notify = await client.RequestAsync(new { action = "notify", channel = "productos", payload = 1, id = 5 });
        var subscribe = await client.RequestAsync(new { action = "subscribe", channel = "productos" });

        JsonAssert.Error(notify, "forbidden");
        Assert.Equal(5, notify.GetProperty("id").GetInt32());
        Assert.Equal("subscribed", JsonAssert.Type(subscribe));
    }

    [Fact]
    public async Task Requests_over_the_rate_get_rate_limited_with_when_to_retry()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Limits:Requests:PerSecond", "1"),
            ("Limits:Requests:Burst", "2"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        // Sent back to back, so that far less than the one second that refills a token passes between them.
        await client.SendAsync(new { action = "ping" });
        await client.SendAsync(new { action = "ping" });
        await client.SendAsync(new { action = "ping", id = "x" });
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        var third = await client.ReceiveAsync();

        Assert.Equal("pong", JsonAssert.Type(first));
        Assert.Equal("pong", JsonAssert.Type(second));
        JsonAssert.Error(third, "rate_limited");
        Assert.Matches("Retry in [0-9]+ ms", third.GetProperty("message").GetString());
        Assert.Equal("x", third.GetProperty("id").GetString());
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task A_frame_past_the_hard_limit_closes_the_connection_with_1009()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Legacy:MaxFrameBytes", "2048"), ("Legacy:HardMaxFrameBytes", "65536"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        await client.SendRawAsync(new string('x', 200_000));
        await client.Closed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        await server.Logs.WaitForAsync(entry => entry.EventId.Id == 3005);
    }

    [Fact]
    public async Task A_client_that_keeps_flooding_after_rate_limited_is_closed_with_1008()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Limits:Requests:PerSecond", "1"),
            ("Limits:Requests:Burst", "1"),
            ("Limits:Requests:DisconnectAfterRefusals", "20"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        // Far more than the 20 refusals, so a token refilled by a slow machine meanwhile cannot save the client.
        for (var i = 0; i < 200 && !client.Closed.IsCompleted; i++)
        {
            try
            {
                await client.SendAsync(new { action = "ping" });
            }
            catch (WebSocketException)
            {
                // The server closed the connection while pings were still going out, as it should.
                break;
            }
        }

        await client.Closed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        var closed = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 6002);
        Assert.Contains("20 requests in a row", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriptions_past_the_limit_are_forbidden_and_unsubscribing_makes_room()
    {
        await using var server = MarketplaceServer.StartSqlite(("Channels:MaxSubscriptionsPerConnection", "2"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        await client.SubscribeAsync("a");
        await client.SubscribeAsync("b");
        var again = await client.RequestAsync(new { action = "subscribe", channel = "b" });
        var third = await client.RequestAsync(new { action = "subscribe", channel = "c" });
        await client.RequestAsync(new { action = "unsubscribe", channel = "a" });
        var afterRoom = await client.RequestAsync(new { action = "subscribe", channel = "c" });

        Assert.Equal("subscribed", JsonAssert.Type(again));
        JsonAssert.Error(third, "forbidden");
        Assert.Contains("at most 2 channels", third.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("subscribed", JsonAssert.Type(afterRoom));
    }

    [Fact]
    public async Task Nesting_depth_and_product_field_ranges_follow_their_settings()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Legacy:MaxJsonDepth", "4"), ("Products:MaxNameLength", "5"), ("Products:MaxStock", "10"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        // The request object is one level of the depth, its payload the others.
        await client.SendRawAsync("""{"action":"notify","channel":"c","payload":[[1]]}""");
        var shallow = await client.ReceiveAsync();
        await client.SendRawAsync("""{"action":"notify","channel":"c","payload":[[[[1]]]]}""");
        var deep = await client.ReceiveAsync();
        var product = await client.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = "Escritorio", descripcion = "d", precio = 1, stock = 11 },
        });

        Assert.Equal("notify_ack", JsonAssert.Type(shallow));
        JsonAssert.Error(deep, "invalid_json");
        JsonAssert.Error(product, "validation_failed");
        var message = product.GetProperty("message").GetString();
        Assert.Contains("nombre must be at most 5 characters long.", message, StringComparison.Ordinal);
        Assert.Contains("stock must be at most 10.", message, StringComparison.Ordinal);
    }
}
