using System.Buffers;
using System.Text;
using System.Text.Json;
using Marketplace.Bench.Agents;

namespace Marketplace.Tests.Bench.Agents;

/// <summary>The publisher's stamped payload, written as a notify request and read back from notifications.</summary>
public sealed class StampedPayloadTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(4096)]
    public void A_notify_carries_a_payload_of_exactly_the_requested_size(int payloadBytes)
    {
        var buffer = new ArrayBufferWriter<byte>();

        new StampedPayload(1234, 987_654_321_000).WriteNotify(buffer, "bench-fanout-2", payloadBytes);

        using var request = JsonDocument.Parse(buffer.WrittenMemory);
        var root = request.RootElement;
        Assert.Equal("notify", root.GetProperty("action").GetString());
        Assert.Equal("bench-fanout-2", root.GetProperty("channel").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal(payloadBytes, Encoding.UTF8.GetByteCount(payload.GetRawText()));
        Assert.Equal(1234, payload.GetProperty("seq").GetInt64());
        Assert.Equal(987_654_321_000, payload.GetProperty("sentAt").GetInt64());
    }

    [Fact]
    public void A_legacy_notification_gives_back_its_stamps_and_says_whether_the_channel_is_the_expected_one()
    {
        var frame = """{"type":"notification","channel":"c1","payload":{"pad":"x","seq":7,"sentAt":99}}"""u8;

        var stamps = StampedPayload.FromNotification(frame, "c1"u8, out var onChannel);
        var elsewhere = StampedPayload.FromNotification(frame, "c2"u8, out var onOtherChannel);

        Assert.Equal(new StampedPayload(7, 99), stamps);
        Assert.True(onChannel);
        Assert.Equal(new StampedPayload(7, 99), elsewhere);
        Assert.False(onOtherChannel);
    }

    [Theory]
    [InlineData("""{"type":"notify_ack","channel":"c1"}""")]
    [InlineData("""{"type":"notification","channel":"c1","payload":{"seq":7}}""")]
    [InlineData("""{"type":"notification","channel":"c1","payload":{"seq":"7","sentAt":99}}""")]
    [InlineData("""{"type":"notification","channel":"c1","payload":null}""")]
    [InlineData("""{"payload":{"seq":7,"sentAt":99},"type":"error"}""")]
    [InlineData("""[1,2]""")]
    public void Anything_but_a_stamped_notification_has_no_stamps(string frame)
    {
        Assert.Null(StampedPayload.FromNotification(Encoding.UTF8.GetBytes(frame), "c1"u8, out _));
    }

    [Fact]
    public void A_SignalR_notification_argument_gives_back_the_same_stamps()
    {
        using var argument = JsonDocument.Parse(
            """{"type":"notification","channel":"c1","payload":{"seq":7,"sentAt":99,"pad":""}}""");

        var stamps = StampedPayload.FromNotification(argument.RootElement, "c1", out var onChannel);

        Assert.Equal(new StampedPayload(7, 99), stamps);
        Assert.True(onChannel);
    }
}
