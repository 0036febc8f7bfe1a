namespace Marketplace.Hubs.Security;

/// <summary>
/// The outcome of checking a token: an identity, or the reason it was refused.
/// </summary>
/// <param name="Identity">The caller, when the token is valid.</param>
/// <param name="Failure">A sentence for the client saying why the token was refused, when it is not.</param>
public sealed record TokenValidation(CallerIdentity? Identity, string? Failure)
{
    /// <summary>Gets a value indicating whether the token is valid.</summary>
    public bool IsValid => Identity is not null;
}
