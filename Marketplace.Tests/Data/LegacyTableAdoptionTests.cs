using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Data;

/// <summary>
/// A database whose <c>producto</c> table was created by plain SQL, as the predecessor's was: the server adopts
/// it, keeps every row and keeps working.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class LegacyTableAdoptionTests(PostgresServer postgres)
{
    private const string LegacySchema = """
        CREATE TABLE producto (
            "idProducto" SERIAL PRIMARY KEY,
            "nombreProducto" character varying(40) NOT NULL,
            descripcion character varying NOT NULL,
            precio numeric(10,2) NOT NULL,
            stock integer NOT NULL,
            "imagenURL" character varying NOT NULL,
            "emprendedorIdEmprendedor" integer,
            "categoriaIdCategoria" integer
        );
        INSERT INTO producto ("nombreProducto", descripcion, precio, stock, "imagenURL", "categoriaIdCategoria")
        VALUES ('Silla', 'De madera', 45.50, 3, 'silla.png', 2),
               ('Mesa', 'Roble', 120.00, 1, '', NULL),
               ('Lámpara', 'LED', 15.99, 10, 'lampara.png', 2);
        """;

    [Fact]
    public async Task The_server_adopts_a_legacy_table_and_loses_no_row()
    {
        await using var host = await ServerOnEngine.StartPostgresAsync(postgres, CreateLegacyTableAsync);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());

        var listed = await client.RequestAsync(new { action = "get_products" });
        var added = await client.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = "Estante", descripcion = "Pino", precio = 80 },
        });

        var products = listed.GetProperty("data").EnumerateArray().ToList();
        var names = products.Select(product => product.GetProperty("nombreProducto").GetString());
        Assert.Equal(["Silla", "Mesa", "Lámpara"], names);
        Assert.Equal(45.50m, products[0].GetProperty("precio").GetDecimal());
        Assert.Equal("silla.png", products[0].GetProperty("imagenURL").GetString());
        Assert.Equal(2, products[0].GetProperty("categoriaIdCategoria").GetInt32());
        Assert.Equal(4, added.GetProperty("data")[0].GetProperty("idProducto").GetInt32());
        Assert.Equal(4L, await ScalarAsync(host.ConnectionString!, "SELECT count(*) FROM producto"));
        var migrations = await ScalarAsync(host.ConnectionString!, "SELECT count(*) FROM \"__EFMigrationsHistory\"");
        Assert.Equal(2L, migrations);
        Assert.Contains(host.Server.Logs.Entries, entry => entry.Message.EndsWith(
            "Highest product id seen at start: 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_the_legacy_column_cannot_hold_gets_internal_error_without_sql()
    {
        await using var host = await ServerOnEngine.StartPostgresAsync(postgres, CreateLegacyTableAsync);
        host.Server.ExpectedErrors = entry => entry.EventId.Id == 2005;
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());

        // The legacy column holds 40 characters; the protocol allows 255.
        var error = await client.RequestAsync(new
        {
            action = "add_product",
            product = new { nombre = new string('n', 60), descripcion = "d", precio = 1 },
        });
        var stillServing = await client.RequestAsync(new { action = "ping" });

        JsonAssert.Error(error, "internal_error");
        var message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("INSERT", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("producto", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Password", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pong", JsonAssert.Type(stillServing));
        var logged = await host.Server.Logs.WaitForAsync(entry => entry.EventId.Id == 2005);
        Assert.Equal(LogLevel.Error, logged.Level);
    }

    private static async Task CreateLegacyTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(LegacySchema, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
