using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Products;

/// <summary>
/// Paging of <c>get_products</c>, bound from the <c>Products</c> section.
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
