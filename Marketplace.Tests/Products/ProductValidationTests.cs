using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Products;

/// <summary>
/// Every NewProduct field rule: a wrong product gets <c>validation_failed</c> naming the field, and nothing is stored.
/// </summary>
public sealed class ProductValidationTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Theory]
    [InlineData("""{"descripcion":"d","precio":1}""", "nombre is required")]
    [InlineData("""{"nombre":"  ","descripcion":"d","precio":1}""", "nombre must not be blank")]
    [InlineData("""{"nombre":5,"descripcion":"d","precio":1}""", "nombre must be a string")]
    [InlineData("""{"nombre":"n","precio":1}""", "descripcion is required")]
    [InlineData("""{"nombre":"n","descripcion":"d"}""", "precio is required")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":-0.01}""", "precio must not be negative")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":"12"}""", "precio must be a number")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":1,"stock":-1}""", "stock must not be negative")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":1,"stock":1.5}""", "stock must be a whole number")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":1,"imagenURL":7}""", "imagenURL must be a string")]
    [InlineData("""{"nombre":"n","descripcion":"d","precio":1,"categoriaIdCategoria":"x"}""", "categoriaIdCategoria")]
    [InlineData(
        """{"nombre":"n","descripcion":"d","precio":1,"emprendedorIdEmprendedor":[]}""",
        "emprendedorIdEmprendedor")]
    [InlineData("""[1]""", "'product' must be an object")]
    [InlineData("""null""", "'product' must be an object")]
    public async Task A_wrong_field_gets_validation_failed_naming_it(string product, string expected)
    {
        await using var client = await LegacyClient.ConnectAsync(fixture.Server.WebSocketAddress());

        await client.SendRawAsync($$"""{"action":"add_product","id":9,"product":{{product}}}""");
        var error = await client.ReceiveAsync();

        JsonAssert.Error(error, "validation_failed");
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("add_product", error.GetProperty("action").GetString());
        Assert.Equal(9, error.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_request_without_product_gets_validation_failed()
    {
        await using var client = await LegacyClient.ConnectAsync(fixture.Server.WebSocketAddress());

        var error = await client.RequestAsync(new { action = "add_product" });

        JsonAssert.Error(error, "validation_failed");
    }
}
