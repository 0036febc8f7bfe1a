using Marketplace.Data.ChangeFeed;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Marketplace.Tests.ChangeFeed;

/// <summary>
/// Every change another program makes to <c>producto</c> with plain SQL reaches channel <c>productos</c> once,
/// in commit order, through outages of the feed's own connection.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class PostgresChangeFeedTests(PostgresServer postgres)
{

    [Theory]
    [InlineData("Listen")]
    [InlineData("Poll")]
    public async Task Insert_update_and_delete_by_another_program_each_arrive_once_with_their_content(string mode)
    {
        await using var host = await ServerOnEngine.StartAsync(
            Engine.PostgreSql, postgres, ("ChangeFeed:Mode", mode), ("ChangeFeed:PollInterval", "00:00:00.100"));
        var database = host.ConnectionString!;
        await using var legacy = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await legacy.SubscribeAsync("productos");
        await using var hub = await HubClient.ConnectAsync(host.Server.HubAddress);
        await hub.InvokeAsync("Subscribe", "productos");

        await Sql.ExecuteAsync(database, InsertOne("Teclado"));
        var created = await ProductEvents.ReceiveAsync(legacy);
        await Sql.ExecuteAsync(
            database, $"UPDATE producto SET precio = 12.75, stock = 0 WHERE \"idProducto\" = {created.Id}");
        var updated = await ProductEvents.ReceiveAsync(legacy);
        await Sql.ExecuteAsync(database, $"DELETE FROM producto WHERE \"idProducto\" = {created.Id}");
        var deleted = await ProductEvents.ReceiveAsync(legacy);
        var afterwards = await legacy.RequestAsync(new { action = "ping" });

        Assert.Equal("product_created", created.Event);
        Assert.Equal("Teclado", created.Name);
        Assert.Equal("externo", created.Product.GetProperty("descripcion").GetString());
        Assert.Equal(10.50m, created.Product.GetProperty("precio").GetDecimal());
        Assert.Equal(2, created.Product.GetProperty("stock").GetInt32());
        Assert.Equal("product_updated", updated.Event);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(12.75m, updated.Product.GetProperty("precio").GetDecimal());
        Assert.Equal(0, updated.Product.GetProperty("stock").GetInt32());
        Assert.Equal("product_deleted", deleted.Event);
        Assert.Equal(created.Id, deleted.Id);
        Assert.Equal("Teclado", deleted.Name);
        Assert.Equal("pong", JsonAssert.Type(afterwards));

        var seenBySignalR = new[]
        {
            await ProductEvents.ReceiveAsync(hub),
            await ProductEvents.ReceiveAsync(hub),
            await ProductEvents.ReceiveAsync(hub),
        };
        Assert.Equal(["product_created", "product_updated", "product_deleted"], seenBySignalR.Select(e => e.Event));
        JsonAssert.SameProduct(updated.Product, seenBySignalR[1].Product);
    }

    [Fact]
    public async Task A_thousand_rows_inserted_in_one_transaction_arrive_complete_and_in_order()
    {
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");

        await Sql.ExecuteAsync(host.ConnectionString!, """
            INSERT INTO producto ("nombreProducto", descripcion, precio)
            SELECT 'lote ' || n, 'importado', n FROM generate_series(1, 1000) AS n
            """);
        var events = await ProductEvents.ReceiveAsync(client, 1000);
        var afterwards = await client.RequestAsync(new { action = "ping" });

        Assert.All(events, change => Assert.Equal("product_created", change.Event));
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => $"lote {n}"), events.Select(change => change.Name));
        Assert.Equal("pong", JsonAssert.Type(afterwards));
    }

    [Fact]
    public async Task A_transaction_that_commits_after_a_later_one_is_not_skipped()
    {
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");

        // The slow writer takes the lower id and the lower change sequence, then commits last.
        await using var slow = new NpgsqlConnection(host.ConnectionString);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await InsertAsync(slow, "lento");
        await Sql.ExecuteAsync(host.ConnectionString!, InsertOne("rapido"));
        var first = await ProductEvents.ReceiveAsync(client);
        await slowTransaction.CommitAsync();
        var second = await ProductEvents.ReceiveAsync(client);
        var afterwards = await client.RequestAsync(new { action = "ping" });

        Assert.Equal("rapido", first.Name);
        Assert.Equal("lento", second.Name);
        Assert.True(second.Id < first.Id);
        Assert.Equal("pong", JsonAssert.Type(afterwards));
    }

    [Fact]
    public async Task Concurrent_writers_holding_transactions_open_for_different_times_lose_and_repeat_nothing()
    {
        const int writers = 4;
        const int rowsPerWriter = 40;
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");

        var writing = Enumerable.Range(0, writers)
            .Select(writer => WriteHoldingTransactionsAsync(host.ConnectionString!, writer, rowsPerWriter));
        await Task.WhenAll(writing);
        var events = await ProductEvents.ReceiveAsync(client, writers * rowsPerWriter);
        await Sql.ExecuteAsync(host.ConnectionString!, InsertOne("fin"));
        var marker = await ProductEvents.ReceiveAsync(client);

        var expected = Enumerable.Range(0, writers)
            .SelectMany(writer => Enumerable.Range(0, rowsPerWriter).Select(row => $"w{writer}-{row}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, events.Select(change => change.Name).Order(StringComparer.Ordinal));
        Assert.Equal("fin", marker.Name);
    }

    [Fact]
    public async Task Changes_committed_while_the_listen_connection_is_down_arrive_once_after_it_recovers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServerOnEngine.StartPostgresAsync(postgres, clock);
        var database = host.ConnectionString!;
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");
        await Sql.ExecuteAsync(database, InsertOne("antes"));
        var before = await ProductEvents.ReceiveAsync(client);

        await Sql.ExecuteAsync(database, $"""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = '{ChangeLogNames.ApplicationName}' AND datname = current_database()
            """);
        var lost = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 4001);

        // The reconnection waits on the fake clock, so these rows are written while the feed is away for sure.
        await Sql.ExecuteAsync(database, """
            INSERT INTO producto ("nombreProducto", descripcion, precio)
            SELECT 'durante ' || n, 'corte', n FROM generate_series(1, 25) AS n
            """);
        clock.Advance(TimeSpan.FromMinutes(1));
        var during = await ProductEvents.ReceiveAsync(client, 25);
        await Sql.ExecuteAsync(database, InsertOne("despues"));
        var after = await ProductEvents.ReceiveAsync(client);

        Assert.Equal("antes", before.Name);
        Assert.Equal(LogLevel.Warning, lost.Level);
        Assert.DoesNotContain("marketplace-test", lost.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"durante {n}"), during.Select(change => change.Name));
        Assert.Equal("despues", after.Name);
        await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 4002);
    }

    [Fact]
    public async Task The_feed_starts_at_the_end_of_the_log_and_logs_its_position()
    {
        await using var host = await ServerOnEngine.StartPostgresAsync(postgres, async database =>
        {
            await Sql.ExecuteAsync(database, """
                CREATE TABLE producto ("idProducto" serial PRIMARY KEY, "nombreProducto" text NOT NULL,
                    descripcion text, precio numeric NOT NULL, stock integer NOT NULL DEFAULT 1, "imagenURL" text,
                    "emprendedorIdEmprendedor" integer, "categoriaIdCategoria" integer);
                INSERT INTO producto ("nombreProducto", precio) VALUES ('viejo', 1);
                """);
        });
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");
        await Sql.ExecuteAsync(host.ConnectionString!, "UPDATE producto SET stock = 5 WHERE precio = 1");
        var updated = await ProductEvents.ReceiveAsync(client);
        await Sql.ExecuteAsync(host.ConnectionString!, "UPDATE producto SET stock = 6 WHERE precio = 1");
        var second = await ProductEvents.ReceiveAsync(client);

        var started = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 4000);
        Assert.Contains("sequence 0, snapshot ", started.Message, StringComparison.Ordinal);
        Assert.Contains("LISTEN producto_cambio", started.Message, StringComparison.Ordinal);
        Assert.Equal(("product_updated", 5), (updated.Event, updated.Product.GetProperty("stock").GetInt32()));
        Assert.Equal(6, second.Product.GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task An_update_that_changes_nothing_is_not_announced_and_truncate_announces_every_deletion()
    {
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        var database = host.ConnectionString!;
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");
        await Sql.ExecuteAsync(database, """
            INSERT INTO producto ("nombreProducto", descripcion, precio) VALUES ('a', 'x', 1), ('b', 'x', 2)
            """);
        var created = await ProductEvents.ReceiveAsync(client, 2);

        await Sql.ExecuteAsync(database, "UPDATE producto SET precio = precio");
        await Sql.ExecuteAsync(database, "TRUNCATE producto");
        var deleted = await ProductEvents.ReceiveAsync(client, 2);

        Assert.Equal(["a", "b"], created.Select(change => change.Name));
        Assert.Equal(["product_deleted", "product_deleted"], deleted.Select(change => change.Event));
        Assert.Equal(["a", "b"], deleted.Select(change => change.Name));
    }

    [Fact]
    public async Task Entries_older_than_the_retention_are_pruned()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServerOnEngine.StartPostgresAsync(
            postgres,
            clock,
            ("ChangeFeed:Retention", "01:00:00"),
            ("ChangeFeed:PruneInterval", "00:01:00"),
            ("Logging:LogLevel:Marketplace.Hubs.ChangeFeed", "Debug"));
        var database = host.ConnectionString!;
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await client.SubscribeAsync("productos");
        await Sql.ExecuteAsync(database, InsertOne("efimero"));
        await ProductEvents.ReceiveAsync(client);

        var kept = await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM producto_cambio");
        clock.Advance(TimeSpan.FromMinutes(61));
        var pruned = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 4010);

        Assert.Equal(1L, kept);
        Assert.StartsWith("Pruned 1 change log entries", pruned.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM producto_cambio"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM producto"));
    }

    private static string InsertOne(string name) =>
        "INSERT INTO producto (\"nombreProducto\", descripcion, precio, stock) " +
        $"VALUES ('{name}', 'externo', 10.50, 2)";

    private static async Task InsertAsync(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand(
            InsertOne(name), connection);
        await command.ExecuteNonQueryAsync();
    }

    // Each transaction inserts a few rows, then stays open a different while before it commits, so sequences
    // and ids commit out of order across writers.
    private static async Task WriteHoldingTransactionsAsync(string connectionString, int writer, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        for (var row = 0; row < rows; row += 4)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = row; i < row + 4; i++)
            {
                await InsertAsync(connection, $"w{writer}-{i}");
            }

            var holdMilliseconds = (writer * 7 + row) % 5 * 4;
            await using var hold = new NpgsqlCommand($"SELECT pg_sleep({holdMilliseconds} / 1000.0)", connection);
            await hold.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }
}
