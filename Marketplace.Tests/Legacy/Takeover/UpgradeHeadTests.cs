using System.Buffers;
using System.Text;
using Marketplace.Hubs.Legacy.Takeover;

namespace Marketplace.Tests.Legacy.Takeover;

/// <summary>
/// Only a whole HTTP/1.1 GET head for a legacy path with an Upgrade header, and nothing after it, is recognized;
/// everything else is left to HTTP as it came.
/// </summary>
public sealed class UpgradeHeadTests
{
    private const string Headers =
        "Host: tienda\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /ws HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /WS?access_token=abc HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /?x=1 HTTP/1.1\r\nhost: tienda\r\nUPGRADE: WebSocket\r\n\r\n")]
    public void A_whole_legacy_upgrade_head_is_recognized(string head)
    {
        var found = UpgradeHead.Find(Sequence(head));

        Assert.Equal(head, Encoding.ASCII.GetString(found!));
    }

    [Theory]
    [InlineData("POST /ws HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /hubs/marketplace HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /wss HTTP/1.1\r\n" + Headers)]
    [InlineData("GET /ws HTTP/1.0\r\n" + Headers)]
    [InlineData("GET /ws HTTP/1.1\r\nHost: tienda\r\n\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: tienda\r\nX-Upgrade: websocket\r\n\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: tienda\r\nUpgrade: websocket\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\n" + Headers + "GET / HTTP/1.1\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003")]
    public void Anything_else_is_left_to_http(string bytes)
    {
        Assert.Null(UpgradeHead.Find(Sequence(bytes)));
    }

    [Fact]
    public void A_head_larger_than_the_limit_is_left_to_http()
    {
        var cookie = new string('c', UpgradeHead.MaxBytes);

        Assert.Null(UpgradeHead.Find(Sequence($"GET /ws HTTP/1.1\r\nCookie: {cookie}\r\n" + Headers)));
    }

    [Fact]
    public void A_head_in_several_buffers_is_recognized_whole()
    {
        var head = "GET /ws HTTP/1.1\r\n" + Headers;
        var first = new Segment(Encoding.ASCII.GetBytes(head[..10]));
        var last = first.Append(Encoding.ASCII.GetBytes(head[10..]));

        var found = UpgradeHead.Find(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.Equal(head, Encoding.ASCII.GetString(found!));
    }

    private static ReadOnlySequence<byte> Sequence(string text) => new(Encoding.Latin1.GetBytes(text));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
