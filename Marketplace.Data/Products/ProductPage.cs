namespace Marketplace.Data.Products;

/// <summary>
/// One page of products ordered by id.
/// </summary>
/// <param name="Items">The products on this page.</param>
/// <param name="Next">The id to pass as <c>after</c> for the following page, or null on the last page.</param>
public sealed record ProductPage(IReadOnlyList<Product> Items, int? Next);
