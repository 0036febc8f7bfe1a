namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Maps the legacy WebSocket endpoints.
/// </summary>
internal static class LegacyEndpointRouteBuilderExtensions
{
    /// <summary>Serves legacy WebSocket clients on each of <paramref name="paths"/>.</summary>
    public static IEndpointRouteBuilder MapLegacyWebSockets(
        this IEndpointRouteBuilder endpoints,
        params string[] paths)
    {
        foreach (var path in paths)
        {
            endpoints.Map(path, (HttpContext context, LegacyWebSocketHandler handler) => handler.HandleAsync(context));
        }

        return endpoints;
    }
}
