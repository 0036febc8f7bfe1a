using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// Frames written straight to a legacy client's socket: one the socket has no room for waits, whole and in its
/// place, until the client reads again.
/// </summary>
public sealed class LegacyWireTests
{
    private const int Messages = 300;
    private const int PayloadBytes = 40_000;

    [Fact]
    public async Task A_client_that_reads_late_receives_every_frame_whole_and_in_order()
    {
        await using var server = MarketplaceServer.StartSqlite(("Delivery:MaxQueuedBytes", "67108864"));
        var channel = Channels.Unique();
        using var late = new ClientWebSocket();
        await late.ConnectAsync(server.WebSocketAddress(), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var request = Encoding.UTF8.GetBytes($$"""{"action":"subscribe","channel":"{{channel}}"}""");
        await late.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Equal("subscribed", JsonAssert.Type(await ReceiveAsync(late)));
        await using var publisher = await LegacyClient.ConnectAsync(server.WebSocketAddress());

        // 12 MB for a client that reads nothing meanwhile: far more than the sockets between them hold.
        var payload = new string('p', PayloadBytes);
        for (var i = 0; i < Messages; i++)
        {
            await publisher.SendAsync(new { action = "notify", channel, payload = new { n = i, payload } });
        }

        for (var i = 0; i < Messages; i++)
        {
            Assert.Equal("notify_ack", JsonAssert.Type(await publisher.ReceiveAsync()));
        }

        for (var i = 0; i < Messages; i++)
        {
            var notification = (await ReceiveAsync(late)).GetProperty("payload");
            Assert.Equal(i, notification.GetProperty("n").GetInt32());
            Assert.Equal(PayloadBytes, notification.GetProperty("payload").GetString()!.Length);
        }
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new ArraySegment<byte>(new byte[64 * 1024]);
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Default);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer.Array!, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
