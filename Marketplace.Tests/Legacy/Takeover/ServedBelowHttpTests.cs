using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy.Takeover;

/// <summary>
/// A legacy client whose connection opens with its upgrade is served below Kestrel's HTTP layer once the HTTP
/// pipeline has accepted it, and behaves as one served inside its request; upgrades after another request on the
/// same connection, and every client when the setting is off, are served by HTTP as before.
/// </summary>
public sealed class ServedBelowHttpTests
{
    // RFC 6455's own example: this key must be answered with this accept value.
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Fact]
    public async Task A_client_that_opens_with_its_upgrade_is_served_below_http_with_its_address_known()
    {
        await using var server = MarketplaceServer.StartSqlite();
        var channel = Channels.Unique();
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        await client.SubscribeAsync(channel);
        var notification = await client.RequestAsync(new { action = "notify", channel, payload = "below" });
        var connected = await server.Logs.WaitForAsync(entry => entry.EventId.Id == 2000);

        Assert.Equal("below", notification.GetProperty("payload").GetString());
        Assert.Single(server.Logs.Entries, entry => entry.EventId.Id == 3007);
        Assert.Contains("from 127.0.0.1 over legacy-websocket", connected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upgrade_is_answered_by_http_with_the_accept_key_and_the_socket_runs_on_the_connection()
    {
        await using var server = MarketplaceServer.StartSqlite();
        using var tcp = await server.ConnectTcpAsync();
        var stream = tcp.GetStream();

        await WriteAsync(stream, UpgradeRequest("/ws"));
        var answer = await HttpHead.ReadAsync(stream);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        var pong = await RequestAsync(socket, """{"action":"ping"}""");

        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", answer, StringComparison.Ordinal);
        Assert.Contains($"\r\nSec-WebSocket-Accept: {Accept}\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nUpgrade: websocket\r\n", answer, StringComparison.Ordinal);
        Assert.Equal("pong", JsonAssert.Type(pong));
        Assert.Single(server.Logs.Entries, entry => entry.EventId.Id == 3007);
    }

    [Fact]
    public async Task An_upgrade_after_another_request_on_the_same_connection_is_served_by_http()
    {
        await using var server = MarketplaceServer.StartSqlite();
        using var tcp = await server.ConnectTcpAsync();
        var stream = tcp.GetStream();

        await WriteAsync(stream, "GET /nowhere HTTP/1.1\r\nHost: tienda\r\n\r\n");
        var notFound = await HttpHead.ReadAsync(stream);
        await WriteAsync(stream, UpgradeRequest("/"));
        var answer = await HttpHead.ReadAsync(stream);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        var pong = await RequestAsync(socket, """{"action":"ping"}""");

        Assert.StartsWith("HTTP/1.1 404", notFound, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 0\r\n", notFound, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101", answer, StringComparison.Ordinal);
        Assert.Equal("pong", JsonAssert.Type(pong));
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.EventId.Id == 3007);
    }

    [Fact]
    public async Task With_the_setting_off_every_client_is_served_inside_its_request()
    {
        await using var server = MarketplaceServer.StartSqlite(("Legacy:ServeBelowHttp", "false"));
        var channel = Channels.Unique();
        await using var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        await client.SubscribeAsync(channel);
        var notification = await client.RequestAsync(new { action = "notify", channel, payload = "inside" });

        Assert.Equal("inside", notification.GetProperty("payload").GetString());
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.EventId.Id == 3007);
    }

    [Fact]
    public async Task A_plain_request_to_a_legacy_path_is_still_told_to_use_a_websocket()
    {
        await using var server = MarketplaceServer.StartSqlite();
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.HttpAddress);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(426, (int)response.StatusCode);
        Assert.Contains("WebSocket", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_connection_that_never_sends_a_byte_is_closed_after_the_keep_alive_timeout(string belowHttp)
    {
        await using var server = MarketplaceServer.StartSqlite(
            ("Legacy:ServeBelowHttp", belowHttp), ("Kestrel:Limits:KeepAliveTimeout", "00:00:02"));
        using var tcp = await server.ConnectTcpAsync();

        var read = await tcp.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(0, read);
        Assert.Equal(belowHttp == "true", server.Logs.Entries.Any(entry => entry.EventId.Id == 3008));
    }

    private static string UpgradeRequest(string path) =>
        $"GET {path} HTTP/1.1\r\nHost: tienda\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n";

    private static async Task WriteAsync(NetworkStream stream, string text) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));

    private static async Task<JsonElement> RequestAsync(WebSocket socket, string request)
    {
        await socket.SendAsync(
            Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        Assert.True(result.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
    }
}
