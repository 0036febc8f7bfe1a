using System.Globalization;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Hubs.Security;

/// <summary>
/// Says why a token was refused, in a sentence for the client that holds it. Never repeats the token.
/// </summary>
internal static class TokenFailures
{
    /// <summary>Describes the validation failure <paramref name="exception"/>.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException expired =>
            $"The token expired at {expired.Expires.ToString("u", CultureInfo.InvariantCulture)}; sign in again " +
            "for a fresh one.",
        SecurityTokenNotYetValidException notYet =>
            $"The token is not valid before {notYet.NotBefore.ToString("u", CultureInfo.InvariantCulture)}.",
        SecurityTokenNoExpirationException =>
            "The token has no expiry ('exp'); only tokens that expire are accepted.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The token's signature does not match this marketplace's keys: it was altered, or issued elsewhere.",
        SecurityTokenInvalidAudienceException =>
            "The token was issued for another audience ('aud').",
        SecurityTokenInvalidIssuerException =>
            "The token was issued by another issuer ('iss').",
        SecurityTokenInvalidAlgorithmException =>
            "The token is signed with an algorithm this server does not accept.",
        SecurityTokenMalformedException or ArgumentException =>
            "The token is not a well-formed JWT (three base64url parts separated by dots).",
        _ => "The token is not valid.",
    };
}
