using System.Net;
using System.Net.WebSockets;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Tests.Security;

/// <summary>
/// Tokens reach the server every way a client can send them, and bad ones are refused with their reason.
/// </summary>
public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_legacy_client_signs_in_with_a_header_the_access_token_parameter_or_an_auth_request()
    {
        await using var server = MarketplaceServer.StartSqlite(TestTokens.Settings);
        var token = TestTokens.For("ana");
        var query = new UriBuilder(server.WebSocketAddress()) { Query = $"access_token={token}" }.Uri;

        await using var byHeader = await LegacyClient.ConnectAsync(server.WebSocketAddress(), bearerToken: token);
        await using var byQuery = await LegacyClient.ConnectAsync(query);
        await using var byRequest = await LegacyClient.ConnectAsync(server.WebSocketAddress("/"));
        var before = await byRequest.RequestAsync(new { action = "subscribe", channel = "ordenes" });
        var signedIn = await byRequest.RequestAsync(new { action = "auth", token, id = 3 });

        foreach (var client in new[] { byHeader, byQuery, byRequest })
        {
            var reply = await client.RequestAsync(new { action = "subscribe", channel = "user:ana" });
            Assert.Equal("subscribed", JsonAssert.Type(reply));
        }

        JsonAssert.Error(before, "forbidden");
        Assert.Equal("authenticated", JsonAssert.Type(signedIn));
        Assert.Equal("ana", signedIn.GetProperty("user").GetString());
        Assert.Equal("authenticated", signedIn.GetProperty("roles")[0].GetString());
        Assert.Equal(3, signedIn.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("expired", "expired at")]
    [InlineData("tampered", "signature does not match")]
    [InlineData("malformed", "not a well-formed JWT")]
    [InlineData("foreign", "signature does not match")]
    public async Task A_bad_token_in_the_header_gets_an_error_frame_with_the_reason_and_close_1008(
        string kind,
        string reason)
    {
        await using var server = MarketplaceServer.StartSqlite(TestTokens.Settings);

        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress(), bearerToken: Bad(kind));
        var frame = await client.ReceiveAsync();
        await client.Closed.WaitAsync(TestTimeouts.Default);

        JsonAssert.Error(frame, "forbidden");
        Assert.Contains(reason, frame.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        var logged = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 5003);
        Assert.DoesNotContain(Bad(kind), logged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired", "expired at")]
    [InlineData("tampered", "signature does not match")]
    public async Task A_bad_token_in_an_auth_request_is_refused_and_the_connection_lives_on(string kind, string reason)
    {
        await using var server = MarketplaceServer.StartSqlite(TestTokens.Settings);
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        var refused = await client.RequestAsync(new { action = "auth", token = Bad(kind) });
        var pong = await client.RequestAsync(new { action = "ping" });

        JsonAssert.Error(refused, "forbidden");
        Assert.Equal("auth", refused.GetProperty("action").GetString());
        Assert.Contains(reason, refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("pong", JsonAssert.Type(pong));
    }

    [Theory]
    [InlineData("expired", "expired at")]
    [InlineData("tampered", "signature does not match")]
    [InlineData("malformed", "not a well-formed JWT")]
    public async Task A_signalr_client_signs_in_the_signalr_way_and_a_bad_token_is_refused_with_401(
        string kind,
        string reason)
    {
        await using var server = MarketplaceServer.StartSqlite(TestTokens.Settings);
        using var http = new HttpClient();

        await using var signedIn = await HubClient.ConnectAsync(server.HubAddress, TestTokens.For("beto"));
        var own = await signedIn.InvokeAsync("Subscribe", "user:beto");
        var refusal = await Assert.ThrowsAsync<HttpRequestException>(
            () => HubClient.ConnectAsync(server.HubAddress, Bad(kind)));
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{server.HubAddress}/negotiate");
        negotiate.Headers.Authorization = new("Bearer", Bad(kind));
        using var refused = await http.SendAsync(negotiate);

        Assert.Equal("subscribed", JsonAssert.Type(own));
        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
        Assert.Contains(reason, refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_authentication_the_server_warns_at_start_that_anyone_can_publish()
    {
        await using var server = MarketplaceServer.StartSqlite();
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        var ack = await client.RequestAsync(new { action = "notify", channel = "ordenes", payload = 1 });
        var ignored = await client.RequestAsync(new { action = "auth", token = "x" });

        Assert.Equal("notify_ack", JsonAssert.Type(ack));
        JsonAssert.Error(ignored, "forbidden");
        var warning = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 5000);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("anyone who can connect may", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_whose_token_expires_is_anonymous_from_then_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = MarketplaceServer.StartSqlite(clock, TestTokens.Settings);
        var token = TestTokens.For("iris", expires: DateTime.UtcNow.AddMinutes(10));
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress(), bearerToken: token);

        var before = await client.RequestAsync(new { action = "subscribe", channel = "ordenes" });
        clock.Advance(TimeSpan.FromMinutes(11));
        var after = await client.RequestAsync(new { action = "subscribe", channel = "notificaciones" });

        Assert.Equal("subscribed", JsonAssert.Type(before));
        JsonAssert.Error(after, "forbidden");
        Assert.Contains("Send a token to sign in", after.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_secret_nor_any_token_reaches_the_log()
    {
        await using var server = MarketplaceServer.StartSqlite(TestTokens.Settings);
        var good = TestTokens.For("oscar");
        var expired = TestTokens.For("oscar", expires: DateTime.UtcNow.AddMinutes(-5));
        await using (var client = await LegacyClient.ConnectAsync(server.WebSocketAddress(), bearerToken: good))
        {
            await client.RequestAsync(new { action = "auth", token = expired });
            await client.RequestAsync(new { action = "notify", channel = "ordenes", payload = 1 });
        }

        await using (var refused = await LegacyClient.ConnectAsync(server.WebSocketAddress(), bearerToken: expired))
        {
            await refused.Closed.WaitAsync(TestTimeouts.Default);
        }

        await server.Logs.WaitForAsync(entry => entry.EventId.Id == 5003);
        string[] secrets = [TestTokens.Secret, good, expired, good.Split('.')[2], expired.Split('.')[2]];
        foreach (var entry in server.Logs.Entries)
        {
            var text = $"{entry.Message} {entry.Exception}";
            Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Bad(string kind) => kind switch
    {
        "expired" => TestTokens.For("eva", expires: DateTime.UtcNow.AddMinutes(-5)),
        "tampered" => TestTokens.Tampered(TestTokens.For("eva")),
        "malformed" => "not-a-jwt",
        _ => TestTokens.For("eva", key: new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(
            "another-secret-that-is-long-enough-for-hs256"u8.ToArray())),
    };
}
