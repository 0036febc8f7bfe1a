using System.Text.Json.Serialization;

namespace Marketplace.Hubs.Products;

/// <summary>
/// The payload of a catalogue change on channel <c>productos</c>.
/// </summary>
/// <param name="Event"><c>product_created</c>, <c>product_updated</c> or <c>product_deleted</c>.</param>
/// <param name="Product">The product after the change; for a deletion at least its id.</param>
public sealed record ProductEvent(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("product")] ProductJson Product)
{
    /// <summary>The event name for a new product.</summary>
    public const string Created = "product_created";
}
