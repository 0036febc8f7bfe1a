using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// The legacy protocol of PROTOCOL.md over a real WebSocket: every action, the id echo and every request error.
/// </summary>
public sealed class LegacyProtocolTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private readonly MarketplaceServer _server = fixture.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/ws")]
    public async Task Ping_on_either_path_answers_pong(string path)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress(path));

        var reply = await client.RequestAsync(new { action = "ping" });

        Assert.Equal("pong", JsonAssert.Type(reply));
        Assert.False(reply.TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ws")]
    public async Task A_plain_http_request_is_told_to_upgrade(string path)
    {
        using var http = new HttpClient { BaseAddress = _server.HttpAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"abc\"")]
    [InlineData("1.50")]
    [InlineData("\"ñandú 🚀\"")]
    public async Task Replies_echo_the_request_id_exactly(string rawId)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        var channel = Channels.Unique();

        await client.SendRawAsync($$"""{"action":"ping","id":{{rawId}}}""");
        var pong = await client.ReceiveAsync();
        await client.SendRawAsync($$"""{"id":{{rawId}},"action":"subscribe","channel":"{{channel}}"}""");
        var subscribed = await client.ReceiveAsync();
        await client.SendRawAsync($$"""{"action":"nope","id":{{rawId}}}""");
        var error = await client.ReceiveAsync();

        Assert.Equal(rawId, pong.GetProperty("id").GetRawText());
        Assert.Equal(rawId, subscribed.GetProperty("id").GetRawText());
        Assert.Equal(rawId, error.GetProperty("id").GetRawText());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("{")]
    [InlineData("{} {}")]
    [InlineData("")]
    [InlineData("{\"action\":\"ping\"\u001e}")]
    public async Task A_frame_that_is_not_json_gets_invalid_json_and_the_connection_lives(string frame)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());

        await client.SendRawAsync(frame);
        var error = await client.ReceiveAsync();

        JsonAssert.Error(error, "invalid_json");
        Assert.Equal("pong", JsonAssert.Type(await client.RequestAsync(new { action = "ping" })));
    }

    [Theory]
    [InlineData("[1,2]", null)]
    [InlineData("42", null)]
    [InlineData("{}", null)]
    [InlineData("{\"action\":5}", null)]
    [InlineData("{\"action\":\"ping\",\"id\":{\"a\":1}}", null)]
    [InlineData("{\"action\":\"subscribe\",\"channel\":5}", "subscribe")]
    [InlineData("{\"action\":\"get_products\",\"limit\":\"ten\"}", "get_products")]
    [InlineData("{\"action\":\"get_products\",\"after\":1.5}", "get_products")]
    [InlineData("{\"action\":\"get_products\",\"limit\":0}", "get_products")]
    [InlineData("{\"action\":\"get_products\",\"limit\":100000}", "get_products")]
    public async Task A_malformed_request_gets_invalid_request_naming_its_action(string frame, string? action)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());

        await client.SendRawAsync(frame);
        var error = await client.ReceiveAsync();

        JsonAssert.Error(error, "invalid_request");
        Assert.Equal(action, error.TryGetProperty("action", out var named) ? named.GetString() : null);
        Assert.Equal("pong", JsonAssert.Type(await client.RequestAsync(new { action = "ping" })));
    }

    [Fact]
    public async Task An_unknown_action_gets_unknown_action_with_action_and_id()
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());

        var error = await client.RequestAsync(new { action = "fly", id = 3 });

        JsonAssert.Error(error, "unknown_action");
        Assert.Equal("fly", error.GetProperty("action").GetString());
        Assert.Equal(3, error.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData(null)]
    public async Task A_bad_channel_name_gets_invalid_channel(string? channel)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());

        var subscribe = await client.RequestAsync(new { action = "subscribe", channel });
        var notify = await client.RequestAsync(new { action = "notify", channel, payload = 1 });

        JsonAssert.Error(subscribe, "invalid_channel");
        JsonAssert.Error(notify, "invalid_channel");
        Assert.Equal("subscribe", subscribe.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_channel_name_over_the_limit_gets_invalid_channel()
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());

        var error = await client.RequestAsync(new { action = "subscribe", channel = new string('a', 101) });

        JsonAssert.Error(error, "invalid_channel");
    }

    [Fact]
    public async Task Notify_reaches_every_member_the_sender_included_and_is_acknowledged()
    {
        var channel = Channels.Unique("ordenes");
        await using var sender = await LegacyClient.ConnectAsync(_server.WebSocketAddress("/"));
        await using var member = await LegacyClient.ConnectAsync(_server.WebSocketAddress("/ws"));
        await sender.SubscribeAsync(channel);
        await member.SubscribeAsync(channel);

        var payload = new { orden = 15, total = 99.5 };
        await sender.SendAsync(new { action = "notify", channel, payload, id = "n1" });
        var first = await sender.ReceiveAsync();
        var second = await sender.ReceiveAsync();
        var received = await member.ReceiveAsync();

        var frames = new[] { first, second };
        var ack = Assert.Single(frames, frame => JsonAssert.Type(frame) == "notify_ack");
        var own = Assert.Single(frames, frame => JsonAssert.Type(frame) == "notification");
        Assert.Equal(channel, ack.GetProperty("channel").GetString());
        Assert.Equal("n1", ack.GetProperty("id").GetString());
        Assert.False(own.TryGetProperty("id", out _));
        foreach (var notification in new[] { own, received })
        {
            Assert.Equal(channel, notification.GetProperty("channel").GetString());
            Assert.Equal(15, notification.GetProperty("payload").GetProperty("orden").GetInt32());
            Assert.Equal(99.5, notification.GetProperty("payload").GetProperty("total").GetDouble());
        }
    }

    [Fact]
    public async Task After_unsubscribe_no_more_messages_arrive_from_that_channel()
    {
        var left = Channels.Unique();
        var kept = Channels.Unique();
        await using var publisher = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await using var member = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await member.SubscribeAsync(left);
        await member.SubscribeAsync(kept);

        var reply = await member.RequestAsync(new { action = "unsubscribe", channel = left });
        await publisher.RequestAsync(new { action = "notify", channel = left, payload = "gone" });
        await publisher.RequestAsync(new { action = "notify", channel = kept, payload = "marker" });
        var next = await member.ReceiveAsync();

        Assert.Equal("unsubscribed", JsonAssert.Type(reply));
        Assert.Equal(left, reply.GetProperty("channel").GetString());

        // Messages to one connection keep their order, so the marker arriving first proves "gone" never will.
        Assert.Equal(kept, next.GetProperty("channel").GetString());
        Assert.Equal("marker", next.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task Notify_without_payload_sends_null()
    {
        var channel = Channels.Unique();
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await client.SubscribeAsync(channel);

        await client.SendAsync(new { action = "notify", channel });
        var notification = await client.WaitForAsync(frame => JsonAssert.Type(frame) == "notification");

        Assert.Equal(JsonValueKind.Null, notification.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task A_burst_of_notifications_arrives_complete_in_order_one_object_per_frame()
    {
        const int count = 2000;
        var channel = Channels.Unique();
        await using var publisher = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await using var member = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await member.SubscribeAsync(channel);

        for (var i = 0; i < count; i++)
        {
            await publisher.SendAsync(new { action = "notify", channel, payload = new { seq = i, text = "x" } });
        }

        // LegacyClient parses every frame as exactly one JSON object and fails the test otherwise.
        for (var i = 0; i < count; i++)
        {
            var frame = await member.ReceiveAsync();
            Assert.Equal(i, frame.GetProperty("payload").GetProperty("seq").GetInt32());
        }
    }
}
