using System.Net.WebSockets;
using System.Text;
using Marketplace.Bench.Agents.Epoll;

namespace Marketplace.Tests.Bench.Agents.Epoll;

/// <summary>The lean client's upgrade request, and the checks on the server's answer.</summary>
public sealed class WebSocketHandshakeTests
{
    // The example of RFC 6455, section 1.3.
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static readonly Uri Address = new("ws://127.0.0.1:8000/ws?x=1");

    [Fact]
    public void The_request_upgrades_the_path_and_a_matching_accept_ends_the_head()
    {
        var handshake = new WebSocketHandshake(Key);
        var request = Encoding.ASCII.GetString(handshake.Request(Address));
        var response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {Accept}\r\n\r\n\u0001\u0002{{}}");

        Assert.StartsWith("GET /ws?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n", request, StringComparison.Ordinal);
        Assert.Contains($"\r\nSec-WebSocket-Key: {Key}\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", request, StringComparison.Ordinal);
        Assert.Equal(0, handshake.ReadResponse(response.AsSpan(0, 40)));
        Assert.Equal(response.Length - 4, handshake.ReadResponse(response));
    }

    [Theory]
    [InlineData("HTTP/1.1 403 Forbidden\r\n\r\n", "refused the upgrade: HTTP/1.1 403 Forbidden")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: d3Jvbmc=\r\n\r\n", "does not answer")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\n\r\n", "does not answer")]
    public void An_answer_that_does_not_accept_the_upgrade_is_refused(string response, string reason)
    {
        var handshake = new WebSocketHandshake(Key);

        var refusal = Assert.Throws<WebSocketException>(
            () => handshake.ReadResponse(Encoding.ASCII.GetBytes(response)));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }
}
