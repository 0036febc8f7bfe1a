using Marketplace.Hubs.Limits;
using Marketplace.Hubs.Security;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Realtime;

/// <summary>
/// What the hub keeps about one connection between its calls: who the caller is and its request budget. Calls
/// of one connection run one at a time, so nothing here needs a lock.
/// </summary>
/// <remarks>
/// It is one entry in the connection's features rather than two in <see cref="HubCallerContext.Items"/>:
/// SignalR creates the items' concurrent dictionary on first use, about 600 bytes for every connection.
/// </remarks>
/// <param name="identity">The identity the connection opened with.</param>
internal sealed class ConnectionSession(CallerIdentity identity)
{
    /// <summary>
    /// Gets or sets the caller's identity. It lives here, not in <see cref="HubCallerContext.User"/>, which
    /// SignalR reads once: an <c>auth</c> request must be able to replace it.
    /// </summary>
    public CallerIdentity Identity { get; set; } = identity;

    /// <summary>Gets or sets the connection's request budget, made at its first call.</summary>
    public RequestBucket? Requests { get; set; }

    /// <summary>Starts the session of the connection behind <paramref name="context"/>.</summary>
    /// <remarks>
    /// A feature collection takes no lock; this runs as the hub opens the connection, before any of its calls
    /// and while nothing else sets the connection's features.
    /// </remarks>
    public static void Start(HubCallerContext context, CallerIdentity identity) =>
        context.Features.Set(new ConnectionSession(identity));

    /// <summary>Returns the session of the connection behind <paramref name="context"/>.</summary>
    /// <exception cref="InvalidOperationException">The hub has not seen the connection open.</exception>
    public static ConnectionSession Of(HubCallerContext context) =>
        context.Features.Get<ConnectionSession>()
        ?? throw new InvalidOperationException("The connection's session starts when the hub sees it open.");
}
