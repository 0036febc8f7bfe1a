namespace Marketplace.Hubs.Security;

/// <summary>
/// Who is on the other end of a connection, as far as permissions go.
/// </summary>
/// <param name="UserId">The token's subject (<c>sub</c>), or null for an anonymous caller.</param>
/// <param name="Roles">The roles the token grants.</param>
/// <param name="ExpiresAt">When the token stops counting; after that the caller is anonymous again.</param>
public sealed record CallerIdentity(string? UserId, IReadOnlySet<string> Roles, DateTimeOffset? ExpiresAt)
{
    /// <summary>Gets the identity of a caller that showed no token.</summary>
    public static CallerIdentity Anonymous { get; } = new(null, new HashSet<string>(), null);

    /// <summary>Returns the identity as it counts at <paramref name="now"/>: anonymous once expired.</summary>
    public CallerIdentity At(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now ? Anonymous : this;

    /// <summary>Gets a value indicating whether the caller showed a valid token.</summary>
    public bool IsAuthenticated => UserId is not null;

    /// <inheritdoc />
    public override string ToString() =>
        UserId is null ? "anonymous" : $"user {UserId} ({(Roles.Count == 0 ? "no role" : string.Join(", ", Roles))})";
}
