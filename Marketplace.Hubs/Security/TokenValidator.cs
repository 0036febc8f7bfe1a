using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Hubs.Security;

/// <summary>
/// Checks bearer tokens against the configured HS256 secret or the issuer's published keys, whichever way the
/// token arrived: a header, the <c>access_token</c> query parameter, or a legacy <c>auth</c> request.
/// </summary>
internal sealed class TokenValidator
{
    // Far above any real JWT, and small enough that a hostile one costs nothing to refuse.
    private const int MaxTokenLength = 16 * 1024;

    private readonly AuthOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly string[] _roleClaims;

    /// <summary>Initializes a new instance of the <see cref="TokenValidator"/> class.</summary>
    public TokenValidator(IOptions<AuthOptions> options)
    {
        _options = options.Value;
        _roleClaims = _options.RoleClaims.Count > 0
            ? [.. _options.RoleClaims]
            : ["role", "app_metadata.role", "app_metadata.roles"];

        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = !string.IsNullOrEmpty(_options.Issuer),
            ValidIssuer = _options.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(_options.Audience),
            ValidAudience = _options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
            NameClaimType = "sub",
            RoleClaimType = "role",
        };

        if (!string.IsNullOrEmpty(_options.JwtSecret))
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.JwtSecret));
        }

        if (_options.JwksUrl is not null)
        {
            // The handler asks the manager for keys, which caches them and refetches when a token names a key
            // it has not seen, so the issuer can rotate keys without a restart.
            _parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.JwksUrl.ToString(),
                new JwksRetriever(),
                new HttpDocumentRetriever { RequireHttps = _options.RequireHttpsMetadata });
        }
    }

    /// <summary>Gets a value indicating whether tokens are checked at all.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Checks <paramref name="token"/>; returns the caller or why the token was refused.</summary>
    public async Task<TokenValidation> ValidateAsync(string? token)
    {
        if (!Enabled)
        {
            return new TokenValidation(null, "This server does not check tokens: no authentication is configured.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return new TokenValidation(null, "The token is empty.");
        }

        if (token.Length > MaxTokenLength)
        {
            return new TokenValidation(null, $"The token is longer than {MaxTokenLength} characters.");
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return new TokenValidation(null, TokenFailures.Describe(result.Exception));
        }

        DateTimeOffset? expiresAt = result.SecurityToken is JsonWebToken jwt
            ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)
            : null;
        return new TokenValidation(IdentityReader.Read(result.ClaimsIdentity, _roleClaims, expiresAt), null);
    }
}
