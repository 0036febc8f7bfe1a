namespace Marketplace.Data.Products;

/// <summary>
/// Reads and writes the product catalogue.
/// </summary>
/// <remarks>
/// Database outages surface as <see cref="Failures.DatabaseUnavailableException"/>, so callers can tell
/// "try again later" from a fault of their own.
/// </remarks>
public interface IProductStore
{
    /// <summary>Reads up to <paramref name="limit"/> products with an id above <paramref name="after"/>.</summary>
    Task<ProductPage> GetPageAsync(int limit, int? after, CancellationToken cancellationToken = default);

    /// <summary>Stores a new product and returns it with the id the database gave it.</summary>
    Task<Product> AddAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>Returns the highest product id stored, or null when the table is empty.</summary>
    Task<int?> GetHighestIdAsync(CancellationToken cancellationToken = default);
}
