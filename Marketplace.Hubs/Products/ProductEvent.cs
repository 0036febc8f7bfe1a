using System.Text.Json.Serialization;
using Marketplace.Data.ChangeFeed;

namespace Marketplace.Hubs.Products;

/// <summary>
/// The payload of a catalogue change on channel <c>productos</c>.
/// </summary>
/// <param name="Event"><c>product_created</c>, <c>product_updated</c> or <c>product_deleted</c>.</param>
/// <param name="Product">The product after the change; for a deletion, as it was before.</param>
public sealed record ProductEvent(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("product")] ProductJson Product)
{
    /// <summary>The event name for a new product.</summary>
    public const string Created = "product_created";

    /// <summary>The event name for a changed product.</summary>
    public const string Updated = "product_updated";

    /// <summary>The event name for a deleted product.</summary>
    public const string Deleted = "product_deleted";

    /// <summary>Creates the event for a change read from the change log.</summary>
    public static ProductEvent From(ProductChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        var name = change.Kind switch
        {
            ProductChangeKind.Created => Created,
            ProductChangeKind.Updated => Updated,
            _ => Deleted,
        };

        return new ProductEvent(name, ProductJson.From(change.Product));
    }
}
