using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Security;

/// <summary>
/// How clients prove who they are, bound from the <c>Auth</c> section. With neither <see cref="JwtSecret"/> nor
/// <see cref="JwksUrl"/> set, authentication is off and everyone may do everything, as with the predecessor.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// Gets or sets the shared secret of HS256 tokens (Supabase: Project Settings, API, JWT secret). Never logged.
    /// </summary>
    public string? JwtSecret { get; set; }

    /// <summary>
    /// Gets or sets the address of the issuer's signing keys, a JSON Web Key Set (Supabase:
    /// <c>https://PROJECT.supabase.co/auth/v1/.well-known/jwks.json</c>). Keys are fetched and refreshed
    /// as the issuer rotates them.
    /// </summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>Gets or sets the required <c>iss</c> claim; unchecked when empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Gets or sets the required <c>aud</c> claim (Supabase: <c>authenticated</c>); unchecked when empty.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Gets the claims that hold a user's roles, a dotted path for claims nested in objects. Default
    /// <c>role</c> (Supabase: <c>authenticated</c>, <c>service_role</c>), <c>app_metadata.role</c> and
    /// <c>app_metadata.roles</c> (roles an administrator set).
    /// </summary>
    public IList<string> RoleClaims { get; } = [];

    /// <summary>Gets or sets the clock difference tolerated in <c>exp</c> and <c>nbf</c>. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether <see cref="JwksUrl"/> must be https. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Gets a value indicating whether tokens are checked at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(JwtSecret) || JwksUrl is not null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // HS256 keys shorter than the hash are guessable; the token library refuses them anyway.
        if (!string.IsNullOrEmpty(JwtSecret) && JwtSecret.Length < 32)
        {
            yield return new ValidationResult(
                "Auth:JwtSecret must be at least 32 characters long.", [nameof(JwtSecret)]);
        }

        if (JwksUrl is not null && RequireHttpsMetadata && JwksUrl.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult(
                "Auth:JwksUrl must be an https address (or set Auth:RequireHttpsMetadata to false).",
                [nameof(JwksUrl)]);
        }
    }
}
