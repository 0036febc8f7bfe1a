using System.Buffers.Binary;
using System.Text;
using Marketplace.Bench.Agents.Epoll;

namespace Marketplace.Tests.Bench.Agents.Epoll;

/// <summary>The frames the lean client sends: final, masked, with the length in the form RFC 6455 asks.</summary>
public sealed class WebSocketClientFrameTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65_535, 4)]
    [InlineData(65_536, 10)]
    public void A_frame_unmasks_to_its_payload(int length, int headerBytes)
    {
        var payload = Encoding.ASCII.GetBytes(new string('z', length));

        var frame = WebSocketClientFrame.Build(WebSocketClientFrame.Text, payload);

        Assert.Equal(0x81, frame[0]);
        Assert.Equal(0x80, frame[1] & 0x80);
        Assert.Equal(length, DeclaredLength(frame));
        Assert.Equal(headerBytes + 4 + length, frame.Length);
        var mask = frame.AsSpan(headerBytes, 4).ToArray();
        var body = frame.AsSpan(headerBytes + 4).ToArray();
        Assert.Equal(payload, body.Select((value, index) => (byte)(value ^ mask[index % 4])));
    }

    [Fact]
    public void A_close_frame_carries_its_status()
    {
        var frame = WebSocketClientFrame.BuildClose(1000);
        var mask = frame.AsSpan(2, 4);

        Assert.Equal(0x88, frame[0]);
        Assert.Equal(0x82, frame[1]);
        Assert.Equal(0x03, frame[6] ^ mask[0]);
        Assert.Equal(0xE8, frame[7] ^ mask[1]);
    }

    private static long DeclaredLength(byte[] frame) => (frame[1] & 0x7F) switch
    {
        126 => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(2)),
        127 => (long)BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(2)),
        var small => small,
    };
}
