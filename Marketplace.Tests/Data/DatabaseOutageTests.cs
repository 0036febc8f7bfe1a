using Marketplace.Data;
using Marketplace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Data;

/// <summary>
/// While the database is away the server keeps serving: database requests get <c>unavailable</c>, everything
/// else works, and the log says what is wrong in one line.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres)
{
    [Fact]
    public async Task Database_requests_get_unavailable_while_the_database_is_gone()
    {
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        var channel = Channels.Unique();
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync(channel);

        await postgres.DropDatabaseAsync(host.ConnectionString!);
        var list = await client.RequestAsync(new { action = "get_products", id = 1 });
        var add = await client.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = "n", descripcion = "d", precio = 1 },
        });
        var notify = await client.RequestAsync(new { action = "notify", channel, payload = "still here" });

        JsonAssert.Error(list, "unavailable");
        Assert.Equal(1, list.GetProperty("id").GetInt32());
        Assert.Equal("get_products", list.GetProperty("action").GetString());
        JsonAssert.Error(add, "unavailable");
        Assert.DoesNotContain("Host=", list.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("notification", JsonAssert.Type(notify));
        var warning = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 2004);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain("marketplace-test", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public async Task A_dropped_product_table_gets_unavailable_and_a_log_line_that_says_what_to_do(Engine engine)
    {
        await using var host = await ServerOnEngine.StartAsync(engine, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        var contexts = host.Server.Services.GetRequiredService<IDbContextFactory<MarketplaceDbContext>>();
        await using (var context = await contexts.CreateDbContextAsync())
        {
            await context.Database.ExecuteSqlRawAsync("DROP TABLE producto");
        }

        var reply = await client.RequestAsync(new { action = "get_products" });

        JsonAssert.Error(reply, "unavailable");
        var warning = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 2004);
        Assert.Contains("product table is missing", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Restart the server", warning.Message, StringComparison.Ordinal);
    }
}
