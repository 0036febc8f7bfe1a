using System.Security.Cryptography;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Tests.Security;

/// <summary>
/// Tokens signed with an issuer's published keys (a JWKS, as Supabase Auth publishes) are accepted; tokens
/// signed with any other key are not.
/// </summary>
public sealed class JwksTests : IAsyncLifetime
{
    private readonly RSA _issuerKey = RSA.Create(2048);
    private WebApplication _issuer = null!;

    public async Task InitializeAsync()
    {
        var publicKey = _issuerKey.ExportParameters(includePrivateParameters: false);
        var document = new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA",
                    kid = "issuer-key",
                    use = "sig",
                    alg = "RS256",
                    n = Base64UrlEncoder.Encode(publicKey.Modulus),
                    e = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        _issuer.MapGet("/auth/v1/.well-known/jwks.json", () => Results.Json(document));
        await _issuer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _issuerKey.Dispose();
    }

    [Fact]
    public async Task A_token_signed_with_the_published_key_is_accepted_and_another_key_is_refused()
    {
        var jwks = $"{_issuer.Urls.First()}/auth/v1/.well-known/jwks.json";
        await using var server = MarketplaceServer.StartSqlite(
            ("Auth:JwksUrl", jwks), ("Auth:RequireHttpsMetadata", "false"), ("Auth:Audience", "authenticated"));
        using var stranger = RSA.Create(2048);

        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var accepted = await client.RequestAsync(new
        {
            action = "auth",
            token = TestTokens.For("lia", key: new RsaSecurityKey(_issuerKey) { KeyId = "issuer-key" }),
        });
        var refused = await client.RequestAsync(new
        {
            action = "auth",
            token = TestTokens.For("lia", key: new RsaSecurityKey(stranger) { KeyId = "issuer-key" }),
        });

        Assert.Equal("authenticated", JsonAssert.Type(accepted));
        Assert.Equal("lia", accepted.GetProperty("user").GetString());
        JsonAssert.Error(refused, "forbidden");
        var reason = refused.GetProperty("message").GetString();
        Assert.Contains("signature does not match", reason, StringComparison.Ordinal);
    }
}
