using System.Text.Json.Serialization;
using Marketplace.Hubs.Products;

namespace Marketplace.Hubs.Realtime.Replies;

/// <summary>The reply to <c>add_product</c>: the stored product, with its id, in a one-element list.</summary>
/// <param name="Data">The stored product.</param>
public sealed record ProductAddedReply([property: JsonPropertyName("data")] IReadOnlyList<ProductJson> Data)
{
    /// <summary>Gets the reply type.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-2)]
    public string Type => "add_product";

    /// <summary>Gets the outcome; failures are error frames, so it is always <c>success</c>.</summary>
    [JsonPropertyName("status")]
    [JsonPropertyOrder(-1)]
    public string Status => "success";
}
