using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Stands in for the server's upgrade features on a legacy endpoint, so the WebSocket that the middleware
/// accepts runs over a <see cref="LegacyWire"/> the shim can also write to.
/// </summary>
internal sealed class LegacyWireFeature(
    IHttpUpgradeFeature? upgrade,
    IHttpExtendedConnectFeature? connect,
    Socket? socket)
    : IHttpUpgradeFeature, IHttpExtendedConnectFeature
{
    /// <summary>Gets the wire once the request has been upgraded.</summary>
    public LegacyWire? Wire { get; private set; }

    /// <inheritdoc />
    public bool IsUpgradableRequest => upgrade?.IsUpgradableRequest ?? false;

    /// <inheritdoc />
    public bool IsExtendedConnect => connect?.IsExtendedConnect ?? false;

    /// <inheritdoc />
    public string? Protocol => connect?.Protocol;

    /// <summary>Puts the feature in front of the request's own, before the WebSocket middleware reads them.</summary>
    public static void Install(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var connect = context.Features.Get<IHttpExtendedConnectFeature>();

        // Under TLS the socket carries ciphertext, so frames must go through the server's stream.
        var socket = context.Features.Get<ITlsConnectionFeature>() is null
            ? context.Features.Get<IConnectionSocketFeature>()?.Socket
            : null;
        var feature = new LegacyWireFeature(upgrade, connect, socket);

        context.Features.Set(feature);
        if (upgrade is not null)
        {
            context.Features.Set<IHttpUpgradeFeature>(feature);
        }

        if (connect is not null)
        {
            context.Features.Set<IHttpExtendedConnectFeature>(feature);
        }
    }

    /// <inheritdoc />
    public async Task<Stream> UpgradeAsync()
    {
        var stream = await (upgrade ?? throw new InvalidOperationException("The request cannot be upgraded."))
            .UpgradeAsync();
        Wire = new LegacyWire(stream, socket);
        return Wire;
    }

    /// <inheritdoc />
    public async ValueTask<Stream> AcceptAsync()
    {
        var stream = await (connect ?? throw new InvalidOperationException("The request is no CONNECT."))
            .AcceptAsync();

        // An HTTP/2 stream shares its socket with others: it is only ever written through the server.
        Wire = new LegacyWire(stream, socket: null);
        return Wire;
    }
}
