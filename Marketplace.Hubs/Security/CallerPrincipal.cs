using System.Globalization;
using System.Security.Claims;

namespace Marketplace.Hubs.Security;

/// <summary>
/// Carries a <see cref="CallerIdentity"/> as the request's <see cref="ClaimsPrincipal"/>, which SignalR hands to
/// the hub for every transport, and reads it back there.
/// </summary>
internal static class CallerPrincipal
{
    private const string AuthenticationType = "Bearer";
    private const string SubjectClaim = "sub";
    private const string RoleClaim = "role";
    private const string ExpiryClaim = "exp";

    /// <summary>Creates the principal of <paramref name="identity"/>.</summary>
    public static ClaimsPrincipal Create(CallerIdentity identity)
    {
        var claims = new List<Claim> { new(SubjectClaim, identity.UserId ?? string.Empty) };
        claims.AddRange(identity.Roles.Select(role => new Claim(RoleClaim, role)));
        if (identity.ExpiresAt is { } expiry)
        {
            claims.Add(new Claim(ExpiryClaim, expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, SubjectClaim, RoleClaim));
    }

    /// <summary>Reads the identity back; anonymous when the principal did not come from a valid token.</summary>
    public static CallerIdentity Read(ClaimsPrincipal? principal)
    {
        var identity = principal?.Identities.FirstOrDefault(
            candidate => candidate.AuthenticationType == AuthenticationType);
        if (identity is null)
        {
            return CallerIdentity.Anonymous;
        }

        var roles = identity.FindAll(RoleClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        DateTimeOffset? expiresAt = long.TryParse(
            identity.FindFirst(ExpiryClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

        return new CallerIdentity(identity.FindFirst(SubjectClaim)?.Value, roles, expiresAt);
    }
}
