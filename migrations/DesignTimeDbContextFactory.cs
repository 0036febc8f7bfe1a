using Marketplace.Data;
using Marketplace.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Migrations;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the server. PostgreSQL is the
/// reference engine for the snapshot; no connection is opened to generate a migration.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    /// <inheritdoc />
    public MarketplaceDbContext CreateDbContext(string[] args)
    {
        var target = new DatabaseTarget(
            DatabaseProvider.PostgreSql,
            "Host=localhost;Database=marketplace_design",
            "design-time model",
            "none");

        var options = new DbContextOptionsBuilder<MarketplaceDbContext>();
        ServiceCollectionExtensions.Configure(options, target);

        return new MarketplaceDbContext(options.Options);
    }
}
