using System.Text.Json.Serialization;

namespace Marketplace.Hubs.Realtime.Replies;

/// <summary>
/// The reply to <c>auth</c>: <c>{"type":"authenticated","user":...,"roles":[...],"expiresAt":...}</c>.
/// </summary>
/// <param name="User">The token's subject.</param>
/// <param name="Roles">The roles the token grants.</param>
/// <param name="ExpiresAt">When the token expires; the connection is anonymous again from then on.</param>
public sealed record AuthenticatedReply(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("roles")] IReadOnlyCollection<string> Roles,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt)
{
    /// <summary>Gets the reply type.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "authenticated";
}
