using System.Net.WebSockets;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// The hub's replies to a legacy client go through the same queue and byte limit as the broadcasts.
/// </summary>
public sealed class LegacyReplyTests
{
    private const int Products = 12;

    [Fact]
    public async Task A_reply_past_the_queue_limit_closes_the_client_as_too_slow()
    {
        await using var server = MarketplaceServer.StartSqlite(("Delivery:MaxQueuedBytes", "1024"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        for (var i = 0; i < Products; i++)
        {
            var added = await client.RequestAsync(new
            {
                action = "add_product",
                product = new { nombre = $"Producto {i}", descripcion = new string('d', 80), precio = 9 },
            });
            Assert.Equal("add_product", JsonAssert.Type(added));
        }

        // A page of twelve products is one frame of well over 1 KiB: more than may queue for one connection.
        await client.SendAsync(new { action = "get_products", limit = Products });

        var logged = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 6003);
        await client.Closed.WaitAsync(TestTimeouts.Default);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Contains("too slowly", logged.Message, StringComparison.Ordinal);
    }
}
