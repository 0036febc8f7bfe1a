namespace Marketplace.Bench.Servers;

/// <summary>Where a server's legacy WebSocket clients connect, worked out from whatever address names it.</summary>
internal static class LegacyEndpoint
{
    /// <summary>The path legacy clients connect to; <c>/</c> works too.</summary>
    public const string Path = "/ws";

    /// <summary>
    /// Returns the legacy WebSocket address of the server at <paramref name="server"/>: <c>http://host:port</c>
    /// becomes <c>ws://host:port/ws</c>, <c>https</c> becomes <c>wss</c>, and a WebSocket address with a path
    /// is kept as it is.
    /// </summary>
    public static Uri FromServerUrl(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);

        var builder = new UriBuilder(server)
        {
            Scheme = server.Scheme switch
            {
                "http" => "ws",
                "https" => "wss",
                _ => server.Scheme,
            },
        };

        // UriBuilder keeps an explicit port; a default port (80, 443) is left for the new scheme's default.
        if (server.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var keepsPath = server.Scheme is "ws" or "wss" && server.AbsolutePath != "/";
        if (!keepsPath)
        {
            builder.Path = Path;
        }

        return builder.Uri;
    }
}
