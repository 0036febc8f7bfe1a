using System.Text.Json;

namespace Marketplace.Tests.Infrastructure;

/// <summary>One change as a client sees it.</summary>
/// <param name="Event">The event name.</param>
/// <param name="Product">The product object.</param>
public sealed record CatalogueChange(string Event, JsonElement Product)
{
    /// <summary>Gets the product's id.</summary>
    public int Id => Product.GetProperty("idProducto").GetInt32();

    /// <summary>Gets the product's name.</summary>
    public string? Name => Product.GetProperty("nombreProducto").GetString();
}
