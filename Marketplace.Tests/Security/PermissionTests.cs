using System.Text.Json;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Tests.Security;

/// <summary>
/// The default channel rules, for legacy and SignalR clients alike: who may subscribe, publish and add products.
/// </summary>
public sealed class PermissionTests : IAsyncLifetime
{
    private MarketplaceServer _server = null!;

    public enum Client
    {
        Legacy,
        SignalR,
    }

    public Task InitializeAsync()
    {
        _server = MarketplaceServer.StartSqlite(TestTokens.Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(Client.Legacy, null, "subscribe", "productos", true)]
    [InlineData(Client.Legacy, null, "subscribe", "dashboard", true)]
    [InlineData(Client.Legacy, null, "subscribe", "ordenes", false)]
    [InlineData(Client.Legacy, null, "subscribe", "user:ana", false)]
    [InlineData(Client.Legacy, null, "notify", "productos", false)]
    [InlineData(Client.Legacy, "authenticated", "subscribe", "ordenes", true)]
    [InlineData(Client.Legacy, "authenticated", "subscribe", "notificaciones", true)]
    [InlineData(Client.Legacy, "authenticated", "subscribe", "user:ana", true)]
    [InlineData(Client.Legacy, "authenticated", "subscribe", "user:otro", false)]
    [InlineData(Client.Legacy, "authenticated", "notify", "ordenes", false)]
    [InlineData(Client.Legacy, "seller", "notify", "productos", false)]
    [InlineData(Client.Legacy, "service_role", "notify", "ordenes", true)]
    [InlineData(Client.Legacy, "admin", "notify", "user:otro", true)]
    [InlineData(Client.SignalR, null, "subscribe", "productos", true)]
    [InlineData(Client.SignalR, null, "subscribe", "ordenes", false)]
    [InlineData(Client.SignalR, "authenticated", "subscribe", "user:ana", true)]
    [InlineData(Client.SignalR, "authenticated", "subscribe", "user:otro", false)]
    [InlineData(Client.SignalR, "authenticated", "notify", "productos", false)]
    [InlineData(Client.SignalR, "service_role", "notify", "productos", true)]
    public async Task Channel_rules_decide_who_subscribes_and_who_publishes(
        Client client,
        string? role,
        string action,
        string channel,
        bool allowed)
    {
        var token = role is null ? null : TestTokens.For("ana", role);

        var reply = client == Client.Legacy
            ? await AsLegacyAsync(token, action, channel)
            : await AsSignalRAsync(token, action, channel);

        if (allowed)
        {
            Assert.NotEqual("error", JsonAssert.Type(reply));
        }
        else
        {
            JsonAssert.Error(reply, "forbidden");
            Assert.Contains($"You may not {(action == "notify" ? "publish" : action)} to '{channel}'",
                reply.GetProperty("message").GetString(), StringComparison.Ordinal);
            await _server.Logs.WaitForAsync(entry => entry.EventId.Id == 5002);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("authenticated", false)]
    [InlineData("seller", true)]
    [InlineData("service_role", true)]
    public async Task Only_configured_roles_add_products(string? role, bool allowed)
    {
        var token = role is null ? null : TestTokens.For("vendedora", role);
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress(), bearerToken: token);

        var reply = await client.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = "Taza", descripcion = "Barro", precio = 9 },
        });

        if (allowed)
        {
            Assert.Equal("add_product", JsonAssert.Type(reply));
        }
        else
        {
            JsonAssert.Error(reply, "forbidden");
        }
    }

    [Fact]
    public async Task Roles_nested_in_app_metadata_count()
    {
        string[] roles = ["admin"];
        var token = TestTokens.For("admin-1", appMetadata: new { roles });
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress(), bearerToken: token);

        var reply = await client.RequestAsync(new { action = "notify", channel = "dashboard", payload = 1 });

        Assert.Equal("notify_ack", JsonAssert.Type(reply));
    }

    private async Task<JsonElement> AsLegacyAsync(string? token, string action, string channel)
    {
        await using var client = await LegacyClient.ConnectAsync(_server.WebSocketAddress(), bearerToken: token);
        // A notify to a channel the sender is not in yields just the acknowledgement.
        return await client.RequestAsync(new { action, channel, payload = "x" });
    }

    private async Task<JsonElement> AsSignalRAsync(string? token, string action, string channel)
    {
        await using var client = await HubClient.ConnectAsync(_server.HubAddress, token);
        try
        {
            return action == "subscribe"
                ? await client.InvokeAsync("Subscribe", channel)
                : await client.InvokeAsync("Notify", channel, "x");
        }
        catch (HubException exception)
        {
            // Hub errors carry "code: sentence"; shape them as a legacy error frame for one set of assertions.
            var separator = exception.Message.IndexOf(": ", StringComparison.Ordinal);
            return JsonSerializer.SerializeToElement(new
            {
                type = "error",
                error = exception.Message[..separator],
                message = exception.Message[(separator + 2)..],
            });
        }
    }
}
