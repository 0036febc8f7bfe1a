using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Products;

/// <summary>
/// Paging of <c>get_products</c> and the ranges of <c>add_product</c>'s fields, bound from the <c>Products</c>
/// section.
/// </summary>
public sealed class ProductOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Products";

    /// <summary>Gets or sets the page size when a request names no <c>limit</c>. Default 100.</summary>
    [Range(1, 100_000)]
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Gets or sets the largest <c>limit</c> a request may ask for. Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Gets or sets the longest product name, in characters. Default 255.</summary>
    [Range(1, 100_000)]
    public int MaxNameLength { get; set; } = 255;

    /// <summary>Gets or sets the longest description, in characters. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxDescriptionLength { get; set; } = 10_000;

    /// <summary>Gets or sets the longest image address, in characters. Default 2,048.</summary>
    [Range(1, 100_000)]
    public int MaxImageUrlLength { get; set; } = 2_048;

    /// <summary>
    /// Gets or sets the highest price accepted. Default 10^12: the column holds more, but a price beyond a
    /// trillion is a typo, not a product.
    /// </summary>
    [Range(typeof(decimal), "0", "79228162514264337593543950335")]
    public decimal MaxPrice { get; set; } = 1_000_000_000_000m;

    /// <summary>Gets or sets the most units in stock accepted. Default 1,000,000,000.</summary>
    [Range(0, int.MaxValue)]
    public int MaxStock { get; set; } = 1_000_000_000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultPageSize > MaxPageSize)
        {
            yield return new ValidationResult(
                $"DefaultPageSize ({DefaultPageSize}) must not exceed MaxPageSize ({MaxPageSize}).",
                [nameof(DefaultPageSize), nameof(MaxPageSize)]);
        }
    }
}
