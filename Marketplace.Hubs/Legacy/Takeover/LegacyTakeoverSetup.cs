using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// Puts <see cref="LegacyTakeoverMiddleware"/> on every endpoint Kestrel listens on.
/// </summary>
internal sealed class LegacyTakeoverSetup : IConfigureOptions<KestrelServerOptions>
{
    /// <inheritdoc />
    public void Configure(KestrelServerOptions options)
    {
        // Endpoint defaults come before an endpoint's own TLS, so the middleware sees TLS connections encrypted
        // and leaves them to HTTP.
        options.ConfigureEndpointDefaults(listen => listen.Use(next =>
            listen.ApplicationServices.GetRequiredService<LegacyTakeoverMiddleware>().Wrap(next, options.Limits)));
    }
}
