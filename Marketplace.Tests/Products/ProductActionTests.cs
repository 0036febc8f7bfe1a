using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Products;

/// <summary>
/// <c>add_product</c> and <c>get_products</c> on both database engines: field mapping, defaults, paging and the
/// <c>product_created</c> announcement.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class ProductActionTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public async Task Add_product_maps_nombre_applies_defaults_and_is_announced_once(Engine engine)
    {
        await using var host = await ServerOnEngine.StartAsync(engine, postgres);
        await using var seller = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await using var watcher = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        await watcher.SubscribeAsync("productos");

        var reply = await seller.RequestAsync(new
        {
            action = "add_product",
            id = 41,
            product = new { nombre = "Mi Laptop", descripcion = "Laptop potente", precio = 2000.0 },
        });
        var announced = await watcher.ReceiveAsync();
        var afterwards = await watcher.RequestAsync(new { action = "ping" });

        Assert.Equal("add_product", JsonAssert.Type(reply));
        Assert.Equal("success", reply.GetProperty("status").GetString());
        Assert.Equal(41, reply.GetProperty("id").GetInt32());
        var product = Assert.Single(reply.GetProperty("data").EnumerateArray());
        Assert.True(product.GetProperty("idProducto").GetInt32() > 0);
        Assert.Equal("Mi Laptop", product.GetProperty("nombreProducto").GetString());
        Assert.Equal("Laptop potente", product.GetProperty("descripcion").GetString());
        Assert.Equal(JsonValueKind.Number, product.GetProperty("precio").ValueKind);
        Assert.Equal(2000m, product.GetProperty("precio").GetDecimal());
        Assert.Equal(1, product.GetProperty("stock").GetInt32());
        Assert.Equal(string.Empty, product.GetProperty("imagenURL").GetString());
        Assert.Equal(JsonValueKind.Null, product.GetProperty("emprendedorIdEmprendedor").ValueKind);
        Assert.Equal(JsonValueKind.Null, product.GetProperty("categoriaIdCategoria").ValueKind);
        Assert.False(product.TryGetProperty("nombre", out _));

        Assert.Equal("notification", JsonAssert.Type(announced));
        Assert.Equal("productos", announced.GetProperty("channel").GetString());
        Assert.Equal("product_created", announced.GetProperty("payload").GetProperty("event").GetString());
        JsonAssert.SameProduct(product, announced.GetProperty("payload").GetProperty("product"));

        // Exactly once: the next frame after the announcement is the reply to a later ping.
        Assert.Equal("pong", JsonAssert.Type(afterwards));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public async Task Add_product_keeps_every_optional_field_and_exact_prices(Engine engine)
    {
        await using var host = await ServerOnEngine.StartAsync(engine, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());

        var reply = await client.RequestAsync(new
        {
            action = "add_product",
            product = new
            {
                nombreProducto = "Café de Huila",
                descripcion = "Tostado medio",
                precio = 19.99m,
                stock = 0,
                imagenURL = "https://example.test/cafe.png",
                categoriaIdCategoria = 3,
                emprendedorIdEmprendedor = 8,
            },
        });
        var listed = await client.RequestAsync(new { action = "get_products" });

        var product = Assert.Single(reply.GetProperty("data").EnumerateArray());
        Assert.Equal("Café de Huila", product.GetProperty("nombreProducto").GetString());
        Assert.Equal(19.99m, product.GetProperty("precio").GetDecimal());
        Assert.Equal(0, product.GetProperty("stock").GetInt32());
        Assert.Equal("https://example.test/cafe.png", product.GetProperty("imagenURL").GetString());
        Assert.Equal(3, product.GetProperty("categoriaIdCategoria").GetInt32());
        Assert.Equal(8, product.GetProperty("emprendedorIdEmprendedor").GetInt32());
        Assert.Equal(product.GetRawText(), Assert.Single(listed.GetProperty("data").EnumerateArray()).GetRawText());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public async Task Get_products_pages_in_id_order_with_next(Engine engine)
    {
        await using var host = await ServerOnEngine.StartAsync(engine, postgres, ("Products:DefaultPageSize", "4"));
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var added = await client.RequestAsync(new
            {
                action = "add_product",
                product = new { nombre = $"Producto {i}", descripcion = "d", precio = i },
            });
            ids.Add(added.GetProperty("data")[0].GetProperty("idProducto").GetInt32());
        }

        var first = await client.RequestAsync(new { action = "get_products", limit = 2, id = "p1" });
        var second = await client.RequestAsync(new { action = "get_products", limit = 2, after = Next(first) });
        var last = await client.RequestAsync(new { action = "get_products", limit = 2, after = Next(second) });
        var byDefault = await client.RequestAsync(new { action = "get_products" });

        Assert.Equal("products", JsonAssert.Type(first));
        Assert.Equal("p1", first.GetProperty("id").GetString());
        Assert.Equal(ids[..2], Ids(first));
        Assert.Equal(ids[1], first.GetProperty("next").GetInt32());
        Assert.Equal(ids[2..4], Ids(second));
        Assert.Equal(ids[4..], Ids(last));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Equal(ids[..4], Ids(byDefault));
        Assert.Equal(ids[3], byDefault.GetProperty("next").GetInt32());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public async Task Get_products_on_an_empty_catalogue_returns_no_data_and_no_next(Engine engine)
    {
        await using var host = await ServerOnEngine.StartAsync(engine, postgres);
        await using var client = await LegacyClient.ConnectAsync(host.Server.WebSocketAddress());

        var reply = await client.RequestAsync(new { action = "get_products" });

        Assert.Empty(reply.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("next").ValueKind);
    }

    private static int Next(JsonElement page) => page.GetProperty("next").GetInt32();

    private static List<int> Ids(JsonElement page) =>
        page.GetProperty("data").EnumerateArray()
            .Select(product => product.GetProperty("idProducto").GetInt32())
            .ToList();
}
