using System.Net.WebSockets;
using System.Text;
using Marketplace.Hubs.Hosting;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Liveness;

/// <summary>
/// SignalR clients get SignalR's keep-alive message from the server's own rounds, each client once per ping
/// interval, with SignalR's own keep-alive out of the way. The clients here speak SignalR's JSON protocol over a
/// bare WebSocket, so every frame the server sends is seen.
/// </summary>
public sealed class HubKeepAliveTests
{
    private const char RecordSeparator = '\u001e';
    private const string Ping = """{"type":6}""";

    [Fact]
    public async Task Every_signalr_client_gets_a_keep_alive_each_ping_interval()
    {
        await using var server = MarketplaceServer.StartSqlite(("Heartbeat:PingInterval", "00:00:00.320"));
        var clients = new List<ClientWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await ConnectAsync(server));
        }

        var pings = await Task.WhenAll(clients.Select(client => CountPingsAsync(client, 3)))
            .WaitAsync(TestTimeouts.Default);

        Assert.All(pings, count => Assert.True(count >= 3, $"{count} pings"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task SignalR_s_own_keep_alive_is_out_of_the_way()
    {
        await using var server = MarketplaceServer.StartSqlite();

        var hub = server.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        Assert.True(hub.KeepAliveInterval >= TimeSpan.FromHours(1), $"KeepAliveInterval is {hub.KeepAliveInterval}");
    }

    private static async Task<ClientWebSocket> ConnectAsync(MarketplaceServer server)
    {
        var client = new ClientWebSocket();
        var address = new UriBuilder(server.HttpAddress) { Scheme = "ws", Path = MarketplaceApplication.HubPath };
        await client.ConnectAsync(address.Uri, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        var handshake = Encoding.UTF8.GetBytes("""{"protocol":"json","version":1}""" + RecordSeparator);
        await client.SendAsync(handshake, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Equal("{}", Assert.Single(await ReceiveRecordsAsync(client)));
        return client;
    }

    private static async Task<int> CountPingsAsync(ClientWebSocket client, int wanted)
    {
        var pings = 0;
        while (pings < wanted)
        {
            var records = await ReceiveRecordsAsync(client);
            Assert.All(records, record => Assert.Equal(Ping, record));
            pings += records.Length;
        }

        return pings;
    }

    private static async Task<string[]> ReceiveRecordsAsync(ClientWebSocket client)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        WebSocketReceiveResult received;
        do
        {
            received = await client.ReceiveAsync(buffer, CancellationToken.None);
            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
        while (!received.EndOfMessage);

        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }
}
