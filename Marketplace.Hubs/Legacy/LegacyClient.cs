using System.Net;
using System.Security.Claims;
using Marketplace.Hubs.Limits;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// What a legacy connection keeps of the request that opened it.
/// </summary>
/// <param name="User">The caller, anonymous unless the request carried a valid token.</param>
/// <param name="Path">The path the client connected to: <c>/</c> or <c>/ws</c>.</param>
/// <param name="ConnectionId">The request's trace identifier, which names the connection in logs.</param>
/// <param name="RemoteEndPoint">The client's address and port.</param>
/// <param name="LocalEndPoint">The server's address and port.</param>
/// <param name="HttpContext">The request, while it lasts as long as the connection; null once it has ended.</param>
/// <param name="Slot">
/// The connection's place among its address's, taken from a request that ends before the connection does, to be
/// released with the connection; null when the request releases it, or the address is not counted.
/// </param>
internal sealed record LegacyClient(
    ClaimsPrincipal User,
    string Path,
    string ConnectionId,
    IPEndPoint? RemoteEndPoint,
    IPEndPoint? LocalEndPoint,
    HttpContext? HttpContext,
    ConnectionSlot? Slot)
{
    // Every anonymous client shares one caller, instead of the one each request makes for itself, since the
    // connection keeps it as long as it lives.
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <summary>Reads the client from its upgrade request.</summary>
    /// <param name="context">The upgrade request.</param>
    /// <param name="keepsRequest">Whether the request lasts as long as the connection.</param>
    public static LegacyClient From(HttpContext context, bool keepsRequest)
    {
        // Read from the feature: HttpContext.Connection makes a wrapper that would live as long as the connection.
        var endPoints = context.Features.Get<IHttpConnectionFeature>();
        return new LegacyClient(
            context.User is { Identity.IsAuthenticated: false } user && !user.Claims.Any() ? Anonymous : context.User,
            context.Request.Path.Value ?? "/",
            context.TraceIdentifier,
            endPoints?.RemoteIpAddress is { } remote ? new IPEndPoint(remote, endPoints.RemotePort) : null,
            endPoints?.LocalIpAddress is { } local ? new IPEndPoint(local, endPoints.LocalPort) : null,
            keepsRequest ? context : null,
            keepsRequest ? null : context.Features.Get<ConnectionSlot>()?.Keep());
    }
}
