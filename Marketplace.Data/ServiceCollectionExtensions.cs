using Marketplace.Data.ChangeFeed;
using Marketplace.Data.Configuration;
using Marketplace.Data.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Data;

/// <summary>
/// Registers the product database.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The assembly that holds the EF Core migrations (the <c>migrations/</c> folder).</summary>
    public const string MigrationsAssembly = "Marketplace.Migrations";

    /// <summary>
    /// Adds the pooled <see cref="MarketplaceDbContext"/> factory, the <see cref="IProductStore"/> and the
    /// <see cref="IChangeLog"/>, for the <see cref="DatabaseTarget"/> the host registers.
    /// </summary>
    /// <remarks>
    /// The target is resolved from the container on first use, so a host can report a bad setting as one
    /// clear log line at start instead of failing while services are being registered.
    /// </remarks>
    public static IServiceCollection AddMarketplaceData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddPooledDbContextFactory<MarketplaceDbContext>(
            (provider, options) => Configure(options, provider.GetRequiredService<DatabaseTarget>()));
        services.TryAddSingleton<IProductStore, ProductStore>();
        services.TryAddSingleton(provider => CreateChangeLog(provider.GetRequiredService<DatabaseTarget>()));

        return services;
    }

    private static IChangeLog CreateChangeLog(DatabaseTarget target) =>
        target.Provider == DatabaseProvider.PostgreSql ? new PostgresChangeLog(target) : new SqliteChangeLog(target);

    /// <summary>
    /// Points <paramref name="options"/> at <paramref name="target"/> with the project's migrations.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);

        if (target.Provider == DatabaseProvider.PostgreSql)
        {
            return options.UseNpgsql(
                target.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(MigrationsAssembly));
        }

        // One migration history serves both engines; its snapshot carries PostgreSQL's annotations, which
        // SQLite would otherwise report as model changes that no migration covers.
        return options
            .UseSqlite(target.ConnectionString, sqlite => sqlite.MigrationsAssembly(MigrationsAssembly))
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
