using System.Net.Sockets;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy.Takeover;

/// <summary>
/// Upgrade heads that look like a legacy client's to the takeover middleware but that HTTP must refuse: each gets
/// the answer it gets with the middleware off, the connection ends, nothing is logged as a server error, and the
/// next client is served.
/// </summary>
public sealed class RefusedUpgradeTests
{
    private const string Upgrade =
        "GET /ws HTTP/1.1\r\nHost: tienda\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n";

    private const string Key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    [Theory]
    [InlineData(Upgrade + "Sec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 426")]
    [InlineData(Upgrade + "Sec-WebSocket-Version: 8\r\n" + Key + "\r\n", "HTTP/1.1 426")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: tienda\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\n" + Key + "\r\n", "HTTP/1.1 426")]
    [InlineData(Upgrade + "Sec-WebSocket-Version: 13\r\n" + Key + "Content-Length: 5\r\n\r\n", "HTTP/1.1 426")]
    [InlineData(
        Upgrade + "Sec-WebSocket-Version: 13\r\n" + Key + "Transfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 426")]
    [InlineData("GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\n" + Key + "\r\n", "HTTP/1.1 400")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: tienda\r\nHost: other\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\n" + Key + "\r\n", "HTTP/1.1 400")]
    [InlineData(Upgrade + "Bad Header: x\r\n" + Key + "\r\n", "HTTP/1.1 400")]
    public async Task A_refused_upgrade_gets_the_answer_http_gives_and_the_connection_ends(string head, string status)
    {
        await using var server = MarketplaceServer.StartSqlite();
        await using var inside = MarketplaceServer.StartSqlite(("Legacy:ServeBelowHttp", "false"));

        using var tcp = await server.ConnectTcpAsync();
        using var tcpInside = await inside.ConnectTcpAsync();

        var answer = await RefuseAsync(tcp.GetStream(), head);
        var answerInside = await RefuseAsync(tcpInside.GetStream(), head);
        var ended = tcp.GetStream().CopyToAsync(Stream.Null).WaitAsync(TestTimeouts.Default);

        Assert.StartsWith(status + " ", answer, StringComparison.Ordinal);
        Assert.Equal(answerInside, answer);
        await ended;
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.EventId.Id == 3007);
        await AssertServesLegacyClientAsync(server);
    }

    [Fact]
    public async Task A_client_that_resets_right_after_its_upgrade_head_leaves_the_server_serving()
    {
        await using var server = MarketplaceServer.StartSqlite();
        using (var tcp = await server.ConnectTcpAsync())
        {
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                Upgrade + "Sec-WebSocket-Version: 13\r\n" + Key + "\r\n"));
            tcp.Client.LingerState = new LingerOption(enable: true, seconds: 0);
        }

        await AssertServesLegacyClientAsync(server);
    }

    // Sends the head and returns the answer's status line, having read the answer's head (and no more).
    private static async Task<string> RefuseAsync(NetworkStream stream, string head)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var answer = await HttpHead.ReadAsync(stream);
        return answer[..answer.IndexOf("\r\n", StringComparison.Ordinal)];
    }

    private static async Task AssertServesLegacyClientAsync(MarketplaceServer server)
    {
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var pong = await client.RequestAsync(new { action = "ping" });

        Assert.Equal("pong", JsonAssert.Type(pong));
    }
}
