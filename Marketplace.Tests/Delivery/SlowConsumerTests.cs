using System.Net.WebSockets;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Delivery;

/// <summary>
/// A client that stops reading is closed once it falls too far behind; everyone else gets every message, and
/// the server's memory stays bounded. The server runs as its own process, so its memory is its own.
/// </summary>
public sealed class SlowConsumerTests : IDisposable
{
    private const int Messages = 10_000;
    private const int PayloadBytes = 2_000;

    // Resident memory the server may gain while 20 MB pass through it to a client that reads nothing: that
    // client's queue limit (4 MiB) and transport buffers, plus the garbage collector's working room under the
    // server's own GC settings (22 to 39 MB measured on the reference machine).
    private const long MemoryBound = 64L * 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("marketplace-slow-").FullName;

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_and_every_other_member_receives_everything()
    {
        await using var server = await ServerProcess.StartAsync(
            _directory,
            ("Delivery__MaxQueuedBytes", "4194304"),
            ("Limits__Requests__PerSecond", "1000000"),
            ("Limits__Requests__Burst", "1000000"),
            ("Heartbeat__PingInterval", "00:10:00"));
        var channel = Channels.Unique();
        using var stalled = await ConnectStalledAsync(server.WebSocketAddress(), channel);
        await using var reader = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await reader.SubscribeAsync(channel);
        await using var signalR = await HubClient.ConnectAsync(server.HubAddress);
        await signalR.InvokeAsync("Subscribe", channel);
        await using var publisher = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var before = server.ResidentBytes;

        var payload = new string('p', PayloadBytes);
        for (var i = 0; i < Messages; i++)
        {
            await publisher.SendAsync(new { action = "notify", channel, payload = new { n = i, payload } });
        }

        var closed = await server.WaitForLineAsync("fell");
        for (var i = 0; i < Messages; i++)
        {
            var legacy = await reader.ReceiveAsync();
            var hub = await signalR.ReceiveAsync();
            Assert.Equal(i, legacy.GetProperty("payload").GetProperty("n").GetInt32());
            Assert.Equal(i, hub.GetProperty("payload").GetProperty("n").GetInt32());
        }

        for (var i = 0; i < Messages; i++)
        {
            Assert.Equal("notify_ack", JsonAssert.Type(await publisher.ReceiveAsync()));
        }

        Assert.Contains("too slowly or not at all", closed, StringComparison.Ordinal);
        var grown = server.PeakResidentBytes - before;
        Assert.True(grown < MemoryBound, $"The server grew by {grown / 1024 / 1024} MB.");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Subscribes, reads the confirmation, and never reads again.
    private static async Task<ClientWebSocket> ConnectStalledAsync(Uri address, string channel)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(address, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var request = Encoding.UTF8.GetBytes($$"""{"action":"subscribe","channel":"{{channel}}"}""");
        await socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        var buffer = new byte[1024];
        var reply = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        Assert.Contains("subscribed", Encoding.UTF8.GetString(buffer, 0, reply.Count), StringComparison.Ordinal);
        return socket;
    }
}
