using System.Text.Json.Serialization;
using Marketplace.Hubs.Products;

namespace Marketplace.Hubs.Realtime.Replies;

/// <summary>The reply to <c>get_products</c>: one page of products and the <c>after</c> of the next.</summary>
/// <param name="Data">The products, ordered by id.</param>
/// <param name="Next">The <c>after</c> value of the following page, or null on the last page.</param>
public sealed record ProductsReply(
    [property: JsonPropertyName("data")] IReadOnlyList<ProductJson> Data,
    [property: JsonPropertyName("next")] int? Next)
{
    /// <summary>Gets the reply type.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "products";
}
