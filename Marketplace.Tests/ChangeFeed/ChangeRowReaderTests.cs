using Marketplace.Data.ChangeFeed;

namespace Marketplace.Tests.ChangeFeed;

public sealed class ChangeRowReaderTests
{
    [Fact]
    public void Reads_a_postgres_row_with_every_column()
    {
        var product = ChangeRowReader.Read("""
            {"idProducto": 7, "nombreProducto": "Silla", "descripcion": "Roble", "precio": 45.50, "stock": 3,
             "imagenURL": "silla.png", "emprendedorIdEmprendedor": 4, "categoriaIdCategoria": null}
            """);

        Assert.Equal(7, product.Id);
        Assert.Equal("Silla", product.Name);
        Assert.Equal("Roble", product.Description);
        Assert.Equal(45.50m, product.Price);
        Assert.Equal(3, product.Stock);
        Assert.Equal("silla.png", product.ImageUrl);
        Assert.Equal(4, product.SellerId);
        Assert.Null(product.CategoryId);
    }

    [Fact]
    public void Reads_a_price_kept_as_text_and_ignores_columns_it_does_not_know()
    {
        var product = ChangeRowReader.Read("""
            {"idProducto": 2, "nombreProducto": "Mesa", "precio": "19.99", "color": "rojo"}
            """);

        Assert.Equal(19.99m, product.Price);
        Assert.Null(product.Description);
        Assert.Equal(0, product.Stock);
    }
}
