using System.Net.WebSockets;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// Thousands of generated hostile frames from several connections at once, against the server as its own
/// process: each frame gets one reply or a close, a well-behaved member keeps receiving every notification,
/// the server never fails, and its memory stays bounded.
/// </summary>
public sealed class HostileLoadTests : IDisposable
{
    private const int Attackers = 4;
    private const int FramesPerAttacker = 600;
    private const int MaxFrameBytes = 8192;

    // The attack passes about 20 MB of frames through the server; it may keep little of it.
    private const long MemoryBound = 64L * 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("marketplace-hostile-").FullName;

    private enum Kind
    {
        Mutated,
        Garbage,
        WrongTypes,
        DeepNesting,
        Oversized,
        PastHardLimit,
        InvalidUtf8,
    }

    [Fact]
    public async Task Hostile_frames_from_many_connections_get_replies_or_closes_while_a_member_gets_everything()
    {
        await using var server = await ServerProcess.StartAsync(
            _directory,
            ("Legacy__MaxFrameBytes", $"{MaxFrameBytes}"),
            ("Legacy__HardMaxFrameBytes", "65536"));
        var channel = Channels.Unique();
        await using var member = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        await member.SubscribeAsync(channel);
        await using var publisher = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        var before = server.ResidentBytes;

        var attacks = Enumerable.Range(0, Attackers).Select(seed => AttackAsync(server, seed)).ToList();
        var published = 0;
        while (attacks.Any(attack => !attack.IsCompleted))
        {
            var ack = await publisher.RequestAsync(new { action = "notify", channel, payload = published });
            Assert.Equal("notify_ack", JsonAssert.Type(ack));
            published++;
        }

        var outcomes = await Task.WhenAll(attacks);
        for (var i = 0; i < published; i++)
        {
            Assert.Equal(i, (await member.ReceiveAsync()).GetProperty("payload").GetInt32());
        }

        Assert.All(outcomes, outcome => Assert.Equal(FramesPerAttacker, outcome.Replies + outcome.Closes));
        Assert.All(outcomes, outcome => Assert.True(outcome.Closes > 0));
        Assert.True(published > 0);
        Assert.Equal("pong", JsonAssert.Type(await member.RequestAsync(new { action = "ping" })));
        Assert.DoesNotContain(server.Lines, IsFailure);
        var grown = server.PeakResidentBytes - before;
        Assert.True(grown < MemoryBound, $"The server grew by {grown / 1024 / 1024} MB.");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<Outcome> AttackAsync(ServerProcess server, int seed)
    {
        var random = new Random(20261203 + seed);
        var replies = 0;
        var closes = 0;
        var client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
        try
        {
            for (var i = 0; i < FramesPerAttacker; i++)
            {
                var kind = (Kind)random.Next(Enum.GetValues<Kind>().Length);
                await client.SendBytesAsync(Generate(kind, random, seed));

                if (kind is Kind.InvalidUtf8 or Kind.PastHardLimit)
                {
                    await client.Closed.WaitAsync(TestTimeouts.Default);
                    var status = client.CloseStatus;
                    Assert.True(IsExpectedClose(kind, status), $"{kind} closed with {status}.");
                    closes++;

                    await client.DisposeAsync();
                    client = await LegacyClient.ConnectAsync(server.WebSocketAddress());
                    continue;
                }

                // Channel messages from the attacker's own subscriptions come on top of the one reply.
                await client.WaitForAsync(frame => JsonAssert.Type(frame) != "notification");
                replies++;
            }
        }
        finally
        {
            await client.DisposeAsync();
        }

        return new Outcome(replies, closes);
    }

    // On invalid UTF-8 the runtime's WebSocket sends close 1007 and drops the connection at once, so a client
    // that has not read the close frame yet sees the connection reset instead (no status).
    private static bool IsExpectedClose(Kind kind, WebSocketCloseStatus? status) => kind == Kind.InvalidUtf8
        ? status is WebSocketCloseStatus.InvalidPayloadData or null
        : status == WebSocketCloseStatus.MessageTooBig;

    private static byte[] Generate(Kind kind, Random random, int seed)
    {
        var channel = $"fuzz-{seed}";
        return kind switch
        {
            Kind.Mutated => Encoding.UTF8.GetBytes(Mutate(Seed(random, channel), random)),
            Kind.Garbage => Encoding.UTF8.GetBytes(new string([.. Enumerable.Range(0, random.Next(1, 200))
                .Select(_ => (char)random.Next(32, 127))])),
            Kind.WrongTypes => Encoding.UTF8.GetBytes(random.Next(4) switch
            {
                0 => """{"action":5}""",
                1 => """{"action":"notify","channel":["a"],"payload":1}""",
                2 => """{"action":"get_products","limit":"10"}""",
                _ => """{"action":"add_product","product":{"nombre":7,"precio":"1","descripcion":null}}""",
            }),
            Kind.DeepNesting => Encoding.UTF8.GetBytes(
                $"{{\"action\":\"notify\",\"channel\":\"{channel}\",\"payload\":{Nested(3000)}}}"),
            Kind.Oversized => Encoding.UTF8.GetBytes(
                $$"""{"action":"notify","channel":"{{channel}}","payload":"{{Filler(2 * MaxFrameBytes)}}"}"""),
            Kind.PastHardLimit => new byte[100_000],
            _ => [.. "{\"action\":\"ping\",\"id\":\""u8, 0xF0, 0x28, 0x8C, 0x28, .. "\"}"u8],
        };
    }

    // A server error, a critical failure, or a stack trace: none may reach the log.
    private static bool IsFailure(string line) =>
        line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
        || line.Contains("   at ", StringComparison.Ordinal);

    private static string Filler(int length) => new('x', length);

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string Seed(Random random, string channel) => random.Next(5) switch
    {
        0 => """{"action":"ping","id":1}""",
        1 => """{"action":"get_products","limit":2,"after":0}""",
        2 => $$"""{"action":"subscribe","channel":"{{channel}}"}""",
        3 => $$$"""{"action":"notify","channel":"{{{channel}}}","payload":{"a":[1,2,{"b":null}]}}""",
        _ => $$"""{"action":"unsubscribe","channel":"{{channel}}"}""",
    };

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        for (var i = random.Next(1, 4); i > 0 && text.Length > 0; i--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Length = at;
                    break;
                default:
                    text[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return text.ToString();
    }

    private sealed record Outcome(int Replies, int Closes);
}
