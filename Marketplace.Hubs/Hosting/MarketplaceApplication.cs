using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Legacy.Takeover;
using Marketplace.Hubs.Limits;
using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Security;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Builds the realtime server's request pipeline.
/// </summary>
internal static class MarketplaceApplication
{
    /// <summary>The SignalR hub's path.</summary>
    public const string HubPath = "/hubs/marketplace";

    /// <summary>
    /// Maps the hub at <see cref="HubPath"/> and legacy WebSocket clients at <c>/</c> and <c>/ws</c>.
    /// </summary>
    public static WebApplication UseMarketplace(this WebApplication app)
    {
        // A legacy socket runs over a stream the shim writes its frames to; see LegacyWire. One served below the
        // HTTP layer gets its stream there.
        var handoffs = app.Services.GetRequiredService<LegacyHandoffs>();
        app.Use((context, next) =>
        {
            if (IsLegacyEndpoint(context.Request.Path) && handoffs.Find(context) is null)
            {
                LegacyWireFeature.Install(context);
            }

            return next(context);
        });

        // The middleware's options carry the heartbeat, for SignalR's WebSocket transport and the shim alike.
        app.UseWebSockets();
        app.UseWhen(
            context => IsRealtimeEndpoint(context.Request.Path),
            realtime => realtime.UseMiddleware<ConnectionGateMiddleware>().UseMiddleware<BearerTokenMiddleware>());

        app.MapHub<MarketplaceHub>(HubPath);
        app.MapLegacyWebSockets("/", "/ws");

        return app;
    }

    private static bool IsRealtimeEndpoint(PathString path) =>
        IsLegacyEndpoint(path) || path.StartsWithSegments(HubPath, StringComparison.Ordinal);

    private static bool IsLegacyEndpoint(PathString path) => path == "/" || path == "/ws";
}
