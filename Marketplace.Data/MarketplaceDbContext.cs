using Marketplace.Data.Products;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data;

/// <summary>
/// The marketplace's database: the legacy <c>producto</c> table, on PostgreSQL or SQLite.
/// </summary>
public sealed class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options) : DbContext(options)
{
    /// <summary>Gets the product catalogue.</summary>
    public DbSet<Product> Products => Set<Product>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
    }
}
