using System.Text.Json.Serialization;
using Marketplace.Data.Products;

namespace Marketplace.Hubs.Products;

/// <summary>
/// A product as clients see it, with the legacy member names of PROTOCOL.md.
/// </summary>
public sealed record ProductJson
{
    /// <summary>Gets the id.</summary>
    [JsonPropertyName("idProducto")]
    public required int IdProducto { get; init; }

    /// <summary>Gets the name.</summary>
    [JsonPropertyName("nombreProducto")]
    public required string NombreProducto { get; init; }

    /// <summary>Gets the description.</summary>
    [JsonPropertyName("descripcion")]
    public string? Descripcion { get; init; }

    /// <summary>Gets the price, written as a JSON number.</summary>
    [JsonPropertyName("precio")]
    public decimal Precio { get; init; }

    /// <summary>Gets the units in stock.</summary>
    [JsonPropertyName("stock")]
    public int Stock { get; init; }

    /// <summary>Gets the image address.</summary>
    [JsonPropertyName("imagenURL")]
    public string? ImagenUrl { get; init; }

    /// <summary>Gets the seller's id.</summary>
    [JsonPropertyName("emprendedorIdEmprendedor")]
    public int? EmprendedorIdEmprendedor { get; init; }

    /// <summary>Gets the category's id.</summary>
    [JsonPropertyName("categoriaIdCategoria")]
    public int? CategoriaIdCategoria { get; init; }

    /// <summary>Creates the client view of a stored product.</summary>
    public static ProductJson From(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);

        return new ProductJson
        {
            IdProducto = product.Id,
            NombreProducto = product.Name,
            Descripcion = product.Description,
            Precio = product.Price,
            Stock = product.Stock,
            ImagenUrl = product.ImageUrl,
            EmprendedorIdEmprendedor = product.SellerId,
            CategoriaIdCategoria = product.CategoryId,
        };
    }
}
