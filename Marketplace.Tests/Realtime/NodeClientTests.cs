using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Realtime;

/// <summary>
/// The clients the marketplace's web and Node code use, <c>ws</c> and <c>@microsoft/signalr</c> from npm, against
/// the real server: they share a channel both ways, and every legacy frame is one JSON object.
/// </summary>
public sealed class NodeClientTests(SqliteServerFixture fixture, NodeClients node)
    : IClassFixture<SqliteServerFixture>, IClassFixture<NodeClients>
{
    [Fact]
    public async Task Node_ws_and_signalr_clients_share_a_channel_both_ways()
    {
        var channel = Channels.Unique("node");

        var address = fixture.Server.HttpAddress.ToString().TrimEnd('/');
        var run = await node.RunScriptAsync("clients.mjs", address, channel);

        Assert.True(run.ExitCode == 0, run.AllOutput);
        var seen = JsonElement.Parse(run.Output.Trim().Split('\n')[^1]);
        Assert.Equal("pong", seen.GetProperty("pong").GetProperty("type").GetString());
        Assert.Equal("ws", seen.GetProperty("crossed").GetProperty("payload").GetProperty("from").GetString());
        Assert.Equal("signalr", seen.GetProperty("fromHub").GetProperty("payload").GetProperty("from").GetString());
        Assert.StartsWith("validation_failed", seen.GetProperty("hubError").GetString(), StringComparison.Ordinal);
    }
}
