using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using Marketplace.Bench.Agents.Epoll;

namespace Marketplace.Tests.Bench.Agents.Epoll;

/// <summary>Server frames cut out of a byte stream, however the reads split it.</summary>
public sealed class WebSocketFrameReaderTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    [InlineData(70_000)]
    public void A_stream_split_at_any_point_gives_the_same_frames(int length)
    {
        var text = new string('a', length);
        var stream = Concat(Frame(0x81, "first"), Frame(0x89, "beat"), Frame(0x81, text), Frame(0x88, [3, 232]));
        var expected = new[] { "message:first", "ping:beat", $"message:{text}", "close:03E8" };

        foreach (var cut in new[] { 1, 2, 3, 7, 11, stream.Length / 2, stream.Length - 1 })
        {
            var sink = new RecordingFrameSink();
            var reader = new WebSocketFrameReader();

            reader.Read(stream.AsSpan(0, cut), sink);
            reader.Read(stream.AsSpan(cut), sink);

            Assert.Equal(expected, sink.Frames);
        }
    }

    [Fact]
    public void Byte_by_byte_reads_give_the_same_frames_as_one_read()
    {
        var stream = Concat(Frame(0x81, "one"), Frame(0x81, new string('b', 200)), Frame(0x81, "three"));
        var whole = new RecordingFrameSink();
        var bytewise = new RecordingFrameSink();
        var reader = new WebSocketFrameReader();

        new WebSocketFrameReader().Read(stream, whole);
        for (var index = 0; index < stream.Length; index++)
        {
            reader.Read(stream.AsSpan(index, 1), bytewise);
        }

        Assert.Equal(3, whole.Frames.Count);
        Assert.Equal(whole.Frames, bytewise.Frames);
    }

    [Fact]
    public void Fragments_are_joined_and_a_ping_between_them_comes_first()
    {
        var sink = new RecordingFrameSink();

        new WebSocketFrameReader().Read(
            Concat(Frame(0x01, "{\"a\":"), Frame(0x89, "p"), Frame(0x00, "1"), Frame(0x80, "}")),
            sink);

        Assert.Equal(["ping:p", "message:{\"a\":1}"], sink.Frames);
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0x81, 1, 2, 3, 4, 0x61 }, "masked")]
    [InlineData(new byte[] { 0xC1, 0x01, 0x61 }, "reserved")]
    [InlineData(new byte[] { 0x80, 0x01, 0x61 }, "continuation")]
    [InlineData(new byte[] { 0x83, 0x00 }, "opcode 3")]
    [InlineData(new byte[] { 0x01, 0x01, 0x61, 0x81, 0x01, 0x62 }, "before the last one ended")]
    [InlineData(new byte[] { 0x81, 0x7F, 0, 0, 0, 0, 0x10, 0, 0, 0 }, "more than")]
    public void Bytes_that_break_the_protocol_are_refused_with_the_reason(byte[] stream, string reason)
    {
        var refusal = Assert.Throws<WebSocketException>(
            () => new WebSocketFrameReader().Read(stream, new RecordingFrameSink()));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    private static byte[] Frame(byte first, string payload) => Frame(first, Encoding.UTF8.GetBytes(payload));

    private static byte[] Frame(byte first, byte[] body)
    {
        var header = body.Length switch
        {
            < 126 => [first, (byte)body.Length],
            <= ushort.MaxValue => [first, 126, (byte)(body.Length >> 8), (byte)body.Length],
            _ => LongHeader(first, body.Length),
        };
        return Concat(header, body);
    }

    private static byte[] LongHeader(byte first, int length)
    {
        var header = new byte[10];
        header[0] = first;
        header[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), (ulong)length);
        return header;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
