using Marketplace.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Marketplace.Tests.ChangeFeed;

/// <summary>
/// The embedded database keeps the same change log: other programs' writes arrive by polling, the server's own
/// at once.
/// </summary>
public sealed class SqliteChangeFeedTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"marketplace-feed-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Writes_by_another_program_arrive_by_polling_each_once()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Database:SqlitePath", _path), ("ChangeFeed:PollInterval", "00:00:00.100"));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await client.SubscribeAsync("productos");

        await ExecuteAsync("""
            INSERT INTO producto ("nombreProducto", descripcion, precio, stock) VALUES ('Mate', 'calabaza', '12.5', 4)
            """);
        var created = await ProductEvents.ReceiveAsync(client);
        await ExecuteAsync($"UPDATE producto SET precio = '13.25' WHERE \"idProducto\" = {created.Id}");
        var updated = await ProductEvents.ReceiveAsync(client);
        await ExecuteAsync($"DELETE FROM producto WHERE \"idProducto\" = {created.Id}");
        var deleted = await ProductEvents.ReceiveAsync(client);
        var afterwards = await client.RequestAsync(new { action = "ping" });

        Assert.Equal(("product_created", "Mate"), (created.Event, created.Name));
        Assert.Equal(12.5m, created.Product.GetProperty("precio").GetDecimal());
        Assert.Equal(4, created.Product.GetProperty("stock").GetInt32());
        Assert.Equal(("product_updated", created.Id), (updated.Event, updated.Id));
        Assert.Equal(13.25m, updated.Product.GetProperty("precio").GetDecimal());
        Assert.Equal(("product_deleted", created.Id), (deleted.Event, deleted.Id));
        Assert.Equal("pong", JsonAssert.Type(afterwards));
    }

    [Fact]
    public async Task The_servers_own_write_is_announced_at_once_even_with_an_hour_between_polls()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Database:SqlitePath", _path), ("ChangeFeed:PollInterval", "01:00:00"));
        await using var seller = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await using var watcher = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await watcher.SubscribeAsync("productos");

        var reply = await seller.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = "Poncho", descripcion = "Lana", precio = 80 },
        });
        var announced = await ProductEvents.ReceiveAsync(watcher);
        var afterwards = await watcher.RequestAsync(new { action = "ping" });

        Assert.Equal("product_created", announced.Event);
        JsonAssert.SameProduct(reply.GetProperty("data")[0], announced.Product);
        Assert.Equal("pong", JsonAssert.Type(afterwards));
        var started = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 4000);
        Assert.Contains("sequence 0", started.Message, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
