namespace Marketplace.Bench.Servers;

/// <summary>Where a server's SignalR clients connect, worked out from whatever address names the server.</summary>
internal static class HubEndpoint
{
    /// <summary>The hub's path.</summary>
    public const string Path = "/hubs/marketplace";

    /// <summary>
    /// Returns the hub address of the server at <paramref name="server"/>: <c>ws://host:port/ws</c> and
    /// <c>http://host:port</c> alike become <c>http://host:port/hubs/marketplace</c>, <c>wss</c> becomes
    /// <c>https</c>.
    /// </summary>
    public static Uri FromServerUrl(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);

        var builder = new UriBuilder(server)
        {
            Scheme = server.Scheme switch
            {
                "ws" => "http",
                "wss" => "https",
                _ => server.Scheme,
            },
            Path = Path,
        };

        // UriBuilder keeps an explicit port; a default port (80, 443) is left for the new scheme's default.
        if (server.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }
}
