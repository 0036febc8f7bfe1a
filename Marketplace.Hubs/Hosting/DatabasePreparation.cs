using System.Globalization;
using Marketplace.Data;
using Marketplace.Data.Configuration;
using Marketplace.Data.Failures;
using Marketplace.Data.Products;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Brings the database up to date at start: says which one is used, applies the migrations (adopting a legacy
/// table as it is) and logs the highest product id, as the predecessor logged its last seen id.
/// </summary>
internal static class DatabasePreparation
{
    /// <summary>Prepares the database; returns what to do when it cannot be used, or null.</summary>
    public static async Task<string?> RunAsync(
        IServiceProvider services,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var target = services.GetRequiredService<DatabaseTarget>();
        if (target.IsEmbeddedDefault)
        {
            StartupLog.EmbeddedDatabase(logger, target.Description);
        }
        else
        {
            StartupLog.Database(logger, target.Description);
        }

        try
        {
            var contexts = services.GetRequiredService<IDbContextFactory<MarketplaceDbContext>>();
            await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await context.Database.MigrateAsync(cancellationToken);
            }

            var highest = await services.GetRequiredService<IProductStore>().GetHighestIdAsync(cancellationToken);
            var shown = highest?.ToString(CultureInfo.InvariantCulture) ?? "none (the catalogue is empty)";
            StartupLog.HighestProductId(logger, shown);
            return null;
        }
        catch (Exception exception) when (DatabaseFailures.Describe(exception, target) is { } advice)
        {
            return advice;
        }
    }
}
