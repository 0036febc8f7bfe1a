using System.Collections.Frozen;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// A legacy <c>action</c>: the hub method it calls and the request members that hold its arguments, in order.
/// </summary>
/// <param name="Target">The hub method.</param>
/// <param name="Arguments">The request members passed as the method's arguments.</param>
internal sealed record LegacyAction(string Target, string[] Arguments)
{
    /// <summary>Gets every action by name: PROTOCOL.md's, and <c>auth</c> for clients without headers.</summary>
    public static FrozenDictionary<string, LegacyAction> All { get; } = new Dictionary<string, LegacyAction>
    {
        ["ping"] = new("Ping", []),
        ["get_products"] = new("GetProducts", ["limit", "after"]),
        ["add_product"] = new("AddProduct", ["product"]),
        ["subscribe"] = new("Subscribe", ["channel"]),
        ["unsubscribe"] = new("Unsubscribe", ["channel"]),
        ["notify"] = new("Notify", ["channel", "payload"]),
        ["auth"] = new("Authenticate", ["token"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
