using System.Text.Json;
using Marketplace.Hubs.Realtime;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Realtime;

/// <summary>
/// Legacy and SignalR clients are members of the same channels: messages cross between them both ways, and
/// anything that reaches a SignalR group reaches legacy members too.
/// </summary>
public sealed class InteropTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private readonly MarketplaceServer _server = fixture.Server;

    [Fact]
    public async Task A_legacy_notify_reaches_a_signalr_member()
    {
        var channel = Channels.Unique("dashboard");
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);
        await using var legacy = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await hub.InvokeAsync("Subscribe", channel);

        await legacy.RequestAsync(new { action = "notify", channel, payload = new { ventas = 12 } });
        var notification = await hub.ReceiveAsync();

        Assert.Equal("notification", JsonAssert.Type(notification));
        Assert.Equal(channel, notification.GetProperty("channel").GetString());
        Assert.Equal(12, notification.GetProperty("payload").GetProperty("ventas").GetInt32());
    }

    [Fact]
    public async Task A_signalr_notify_reaches_a_legacy_member()
    {
        var channel = Channels.Unique("notificaciones");
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);
        await using var legacy = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await legacy.SubscribeAsync(channel);

        var ack = await hub.InvokeAsync("Notify", channel, new { texto = "hola" });
        var notification = await legacy.ReceiveAsync();

        Assert.Equal("notify_ack", JsonAssert.Type(ack));
        Assert.Equal(channel, ack.GetProperty("channel").GetString());
        Assert.Equal("notification", JsonAssert.Type(notification));
        Assert.Equal("hola", notification.GetProperty("payload").GetProperty("texto").GetString());
    }

    [Fact]
    public async Task The_hub_context_reaches_legacy_members_of_a_group()
    {
        var channel = Channels.Unique();
        await using var legacy = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await legacy.SubscribeAsync(channel);
        var context = _server.Services.GetRequiredService<IHubContext<MarketplaceHub>>();

        await context.Clients.Group(channel)
            .SendAsync(ChannelNotification.Method, new ChannelNotification(channel, new { desde = "backend" }));
        var notification = await legacy.ReceiveAsync();

        Assert.Equal("notification", JsonAssert.Type(notification));
        Assert.Equal("backend", notification.GetProperty("payload").GetProperty("desde").GetString());
    }

    [Fact]
    public async Task A_product_added_over_signalr_reaches_legacy_and_signalr_members_of_productos()
    {
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);
        await using var legacy = await LegacyClient.ConnectAsync(_server.WebSocketAddress());
        await legacy.SubscribeAsync("productos");
        await hub.InvokeAsync("Subscribe", "productos");
        var name = Channels.Unique("producto");

        var reply = await hub.InvokeAsync("AddProduct", new { nombre = name, descripcion = "d", precio = 5.5 });
        var legacyEvent = await legacy.WaitForAsync(frame => IsCreated(frame, name));
        var hubEvent = await WaitForAsync(hub, frame => IsCreated(frame, name));

        Assert.Equal("add_product", JsonAssert.Type(reply));
        Assert.Equal(name, reply.GetProperty("data")[0].GetProperty("nombreProducto").GetString());
        Assert.Equal(legacyEvent.GetRawText(), hubEvent.GetRawText());
    }

    [Fact]
    public async Task Hub_methods_return_the_legacy_replies()
    {
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);
        var channel = Channels.Unique();

        var pong = await hub.InvokeAsync("Ping");
        var subscribed = await hub.InvokeAsync("Subscribe", channel);
        var unsubscribed = await hub.InvokeAsync("Unsubscribe", channel);
        var products = await hub.InvokeAsync("GetProducts", 1, null);

        Assert.Equal("""{"type":"pong"}""", pong.GetRawText());
        Assert.Equal("subscribed", JsonAssert.Type(subscribed));
        Assert.Equal(channel, subscribed.GetProperty("channel").GetString());
        Assert.Equal("unsubscribed", JsonAssert.Type(unsubscribed));
        Assert.Equal("products", JsonAssert.Type(products));
        Assert.True(products.GetProperty("data").GetArrayLength() <= 1);
    }

    [Theory]
    [InlineData("Subscribe", "invalid_channel", new object?[] { "bad name" })]
    [InlineData("Notify", "invalid_channel", new object?[] { "", 1 })]
    [InlineData("GetProducts", "invalid_request", new object?[] { 0, null })]
    [InlineData("GetProducts", "invalid_request", new object?[] { "ten", null })]
    [InlineData("Subscribe", "invalid_request", new object?[] { "a", "b" })]
    [InlineData("Fly", "unknown_action", new object?[] { })]
    public async Task Hub_errors_start_with_the_error_code(string method, string code, object?[] arguments)
    {
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(method, arguments));

        Assert.StartsWith(code + ":", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("HubException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_validation_error_names_the_field()
    {
        await using var hub = await HubClient.ConnectAsync(_server.HubAddress);

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.InvokeAsync("AddProduct", new { nombre = "n", descripcion = "d", precio = -3 }));

        Assert.Equal("validation_failed: precio must not be negative.", error.Message);
    }

    private static bool IsCreated(JsonElement frame, string name) =>
        frame.GetProperty("payload").GetProperty("event").GetString() == "product_created" &&
        frame.GetProperty("payload").GetProperty("product").GetProperty("nombreProducto").GetString() == name;

    private static async Task<JsonElement> WaitForAsync(HubClient hub, Func<JsonElement, bool> predicate)
    {
        while (true)
        {
            var frame = await hub.ReceiveAsync();
            if (predicate(frame))
            {
                return frame;
            }
        }
    }
}
