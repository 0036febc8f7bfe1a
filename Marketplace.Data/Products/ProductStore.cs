using Marketplace.Data.Failures;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data.Products;

/// <summary>
/// The EF Core implementation of <see cref="IProductStore"/>; one pooled context per call.
/// </summary>
internal sealed class ProductStore(IDbContextFactory<MarketplaceDbContext> contextFactory) : IProductStore
{
    /// <inheritdoc />
    public Task<ProductPage> GetPageAsync(int limit, int? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

            var lowest = after ?? int.MinValue;

            // One row more than asked tells whether a following page exists without a second query.
            var rows = await context.Products
                .AsNoTracking()
                .Where(product => product.Id > lowest)
                .OrderBy(product => product.Id)
                .Take(limit + 1)
                .ToListAsync(cancellationToken);

            if (rows.Count <= limit)
            {
                return new ProductPage(rows, null);
            }

            rows.RemoveAt(limit);
            return new ProductPage(rows, rows[^1].Id);
        });
    }

    /// <inheritdoc />
    public Task<Product> AddAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);

        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

            context.Products.Add(product);
            await context.SaveChangesAsync(cancellationToken);

            return product;
        });
    }

    /// <inheritdoc />
    public Task<int?> GetHighestIdAsync(CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

            return await context.Products.MaxAsync(product => (int?)product.Id, cancellationToken);
        });
    }
}
