namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// Registers the product change feed.
/// </summary>
internal static class ChangeFeedServiceCollectionExtensions
{
    /// <summary>Adds the feed, its pruner, its counters and its validated options.</summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.AddOptions<ChangeFeedOptions>()
            .BindConfiguration(ChangeFeedOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ChangeFeedSignal>();
        services.AddSingleton<ChangeFeedMetrics>();
        services.AddHostedService<ChangeFeedService>();
        services.AddHostedService<ChangeLogPruner>();

        return services;
    }
}
