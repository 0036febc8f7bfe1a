using Marketplace.Bench.Servers;

namespace Marketplace.Tests.Bench.Servers;

/// <summary>Finding a server's legacy WebSocket address from the address it was named by.</summary>
public sealed class LegacyEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8000", "ws://127.0.0.1:8000/ws")]
    [InlineData("http://127.0.0.1:8000/", "ws://127.0.0.1:8000/ws")]
    [InlineData("https://realtime.example.com", "wss://realtime.example.com/ws")]
    [InlineData("ws://127.0.0.1:9000", "ws://127.0.0.1:9000/ws")]
    [InlineData("ws://127.0.0.1:9000/ws", "ws://127.0.0.1:9000/ws")]
    [InlineData("wss://realtime.example.com/legacy", "wss://realtime.example.com/legacy")]
    public void A_server_address_becomes_its_legacy_websocket_address(string server, string expected)
    {
        Assert.Equal(new Uri(expected), LegacyEndpoint.FromServerUrl(new Uri(server)));
    }
}
