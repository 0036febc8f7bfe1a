using System.Net.WebSockets;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// Frames no client should send: every one gets exactly one reply, the connection lives on, and nothing reaches
/// the server's error log.
/// </summary>
public sealed class HostileInputTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    // Characters that break JSON in interesting ways, the shim's record separator and a NUL among them.
    private const string Splinters = "{}[]\",:0-eE\\\u001e\u0000 ñ";

    private static readonly string[] Seeds =
    [
        """{"action":"ping","id":1}""",
        """{"action":"get_products","limit":2,"after":0}""",
        """{"action":"add_product","product":{"nombre":"n","descripcion":"d","precio":1,"stock":2}}""",
        """{"action":"subscribe","channel":"fuzz"}""",
        """{"action":"notify","channel":"fuzz","payload":{"a":[1,2,{"b":null}]}}""",
        """{"action":"unsubscribe","channel":"fuzz"}""",
    ];

    [Fact]
    public async Task Every_mutated_request_gets_exactly_one_reply_and_the_connection_lives()
    {
        const int count = 1500;
        var random = new Random(20261203);
        await using var client = await LegacyClient.ConnectAsync(fixture.Server.WebSocketAddress());

        for (var i = 0; i < count; i++)
        {
            await client.SendRawAsync(Mutate(Seeds[random.Next(Seeds.Length)], random));
        }

        await client.SendAsync(new { action = "ping", id = "end" });

        // Channel messages come on top of replies; every other frame is the reply to one request.
        var replies = 0;
        while (true)
        {
            var frame = await client.ReceiveAsync();
            if (JsonAssert.Type(frame) == "notification")
            {
                continue;
            }

            if (frame.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String &&
                id.GetString() == "end")
            {
                break;
            }

            replies++;
        }

        Assert.Equal(count, replies);
    }

    [Fact]
    public async Task Deep_nesting_is_refused_as_invalid_json()
    {
        await using var client = await LegacyClient.ConnectAsync(fixture.Server.WebSocketAddress());
        var deep = string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));

        await client.SendRawAsync($$"""{"action":"notify","channel":"c","payload":{{deep}}}""");
        var error = await client.ReceiveAsync();

        JsonAssert.Error(error, "invalid_json");
        Assert.Equal("pong", JsonAssert.Type(await client.RequestAsync(new { action = "ping" })));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_closes_the_connection_with_1007()
    {
        await using var client = await LegacyClient.ConnectAsync(fixture.Server.WebSocketAddress());

        await client.SendBytesAsync([.. "{\"action\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        await client.Closed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, client.CloseStatus);
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && text.Length > 0; i++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Splinters[random.Next(Splinters.Length)]);
                    break;
                case 2:
                    text.Length = at;
                    break;
                default:
                    text[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return text.ToString();
    }
}
