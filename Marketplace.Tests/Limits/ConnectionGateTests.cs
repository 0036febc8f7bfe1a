using System.Net;
using System.Net.WebSockets;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Limits;

/// <summary>
/// Connections per remote address and browser origins are checked before a WebSocket is accepted.
/// </summary>
public sealed class ConnectionGateTests
{
    [Fact]
    public async Task An_address_past_its_share_of_connections_is_refused_until_one_closes()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Limits:Connections:PerAddress", "2"), ("Limits:Connections:ExemptLoopback", "false"));
        await using var first = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var second = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        var refused = await Assert.ThrowsAsync<WebSocketException>(
            () => LegacyClient.ConnectAsync(server.WebSocketAddress()));
        await second.DisposeAsync();
        await server.Logs.WaitForAsync(entry => entry.Message.Contains("disconnected", StringComparison.Ordinal));
        await using var third = await ConnectWhenAdmittedAsync(server);

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal("pong", JsonAssert.Type(await third.RequestAsync(new { action = "ping" })));
        await server.Logs.WaitForAsync(entry => entry.EventId.Id == 6001);
    }

    [Fact]
    public async Task Loopback_is_exempt_by_default()
    {
        await using var server = MarketplaceServer.StartSqlite(("Limits:Connections:PerAddress", "1"));

        await using var first = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await using var second = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        Assert.Equal("pong", JsonAssert.Type(await second.RequestAsync(new { action = "ping" })));
    }

    [Fact]
    public async Task A_browser_from_an_origin_not_allowed_is_refused_and_others_are_not()
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Limits:Connections:AllowedOrigins:0", "https://tienda.example"));
        using var http = new HttpClient();

        var foreign = await ConnectWithOriginAsync(server, "https://evil.example");
        await using var allowed = await ConnectWithOriginAsync(server, "https://tienda.example");
        await using var noOrigin = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        using var negotiate = new HttpRequestMessage(
            HttpMethod.Post, server.HubAddress + "/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "https://evil.example");
        using var negotiated = await http.SendAsync(negotiate);

        Assert.Null(foreign.Client);
        Assert.Contains("403", foreign.Failure, StringComparison.Ordinal);
        Assert.NotNull(allowed.Client);
        Assert.Equal("pong", JsonAssert.Type(await noOrigin.RequestAsync(new { action = "ping" })));
        Assert.Equal(HttpStatusCode.Forbidden, negotiated.StatusCode);
    }

    // The server counts a closed connection down when its request ends, just after the client sees the close.
    private static async Task<LegacyClient> ConnectWhenAdmittedAsync(MarketplaceServer server)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            try
            {
                return await LegacyClient.ConnectAsync(server.WebSocketAddress());
            }
            catch (WebSocketException) when (!deadline.IsCancellationRequested)
            {
                await Task.Yield();
            }
        }
    }

    private static async Task<OriginAttempt> ConnectWithOriginAsync(MarketplaceServer server, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(server.WebSocketAddress(), CancellationToken.None);
            return new OriginAttempt(socket, null);
        }
        catch (WebSocketException exception)
        {
            socket.Dispose();
            return new OriginAttempt(null, exception.Message);
        }
    }

    private sealed record OriginAttempt(ClientWebSocket? Client, string? Failure) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Client?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
