using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Issues JWTs as Supabase Auth does, signed with the test secret or any key a test chooses.
/// </summary>
public static class TestTokens
{
    /// <summary>The HS256 secret of servers started with <see cref="Settings"/>.</summary>
    public const string Secret = "a-test-secret-that-is-long-enough-for-hs256";

    /// <summary>Gets the settings that turn authentication on with <see cref="Secret"/>.</summary>
    public static (string Key, string? Value)[] Settings { get; } =
        [("Auth:JwtSecret", Secret), ("Auth:Audience", "authenticated")];

    /// <summary>Creates a token for <paramref name="user"/> with <paramref name="role"/>, as Supabase does.</summary>
    public static string For(
        string user,
        string role = "authenticated",
        DateTime? expires = null,
        SecurityKey? key = null,
        object? appMetadata = null)
    {
        var signingKey = key ?? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));
        var algorithm = signingKey is SymmetricSecurityKey
            ? SecurityAlgorithms.HmacSha256
            : SecurityAlgorithms.RsaSha256;
        var claims = new Dictionary<string, object> { ["role"] = role };
        if (appMetadata is not null)
        {
            claims["app_metadata"] = System.Text.Json.JsonSerializer.SerializeToElement(appMetadata);
        }

        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Claims = claims,
            Audience = "authenticated",
            Issuer = "https://test.supabase.co/auth/v1",
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(signingKey, algorithm),
        });
    }

    /// <summary>
    /// Returns <paramref name="token"/> with its role raised to <c>service_role</c> and its signature kept, as an
    /// attacker would try.
    /// </summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var raised = payload.Replace("\"authenticated\"", "\"service_role\"", StringComparison.Ordinal);
        Assert.NotEqual(payload, raised);

        return $"{parts[0]}.{Base64UrlEncoder.Encode(raised)}.{parts[2]}";
    }
}
