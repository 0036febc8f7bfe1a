using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Marketplace.Bench.Agents;

/// <summary>
/// The payload the fan-out publisher sends, <c>{"seq":N,"sentAt":T,"pad":"..."}</c>: a sequence number to count
/// losses and duplicates by, the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the send, and padding
/// up to the requested size.
/// </summary>
/// <param name="Sequence">The publish's number, from zero.</param>
/// <param name="SentAt">The publisher's Stopwatch timestamp just before the frame was sent.</param>
internal readonly record struct StampedPayload(long Sequence, long SentAt)
{
    /// <summary>The smallest payload size the stamps fit in, with an empty pad.</summary>
    public const int MinimumBytes = 64;

    private static ReadOnlySpan<byte> TypeName => "type"u8;

    private static ReadOnlySpan<byte> ChannelName => "channel"u8;

    private static ReadOnlySpan<byte> PayloadName => "payload"u8;

    private static ReadOnlySpan<byte> SequenceName => "seq"u8;

    private static ReadOnlySpan<byte> SentAtName => "sentAt"u8;

    /// <summary>
    /// Writes the legacy <c>notify</c> request for this payload to <paramref name="channel"/>, the payload padded
    /// to <paramref name="payloadBytes"/> bytes of JSON.
    /// </summary>
    public void WriteNotify(IBufferWriter<byte> output, string channel, int payloadBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, MinimumBytes);

        // The payload ends with the padding's closing quote and brace: two bytes after the padding.
        var stamps = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"seq\":{Sequence},\"sentAt\":{SentAt},\"pad\":\"");
        var padding = new string('x', Math.Max(0, payloadBytes - stamps.Length - 2));
        var request = $"{{\"action\":\"notify\",\"channel\":\"{channel}\",\"payload\":{stamps}{padding}\"}}}}";
        output.Write(Encoding.UTF8.GetBytes(request));
    }

    /// <summary>
    /// Reads the stamps of a <c>notification</c> frame, <c>{"type":"notification","channel":C,"payload":P}</c>,
    /// whichever protocol carried it: null for any other frame, or a payload without both stamps.
    /// </summary>
    /// <param name="frame">The frame's UTF-8 JSON.</param>
    /// <param name="expectedChannel">The channel the receiver subscribed to, in UTF-8.</param>
    /// <param name="onExpectedChannel">Whether the frame names <paramref name="expectedChannel"/>.</param>
    public static StampedPayload? FromNotification(
        ReadOnlySpan<byte> frame,
        ReadOnlySpan<byte> expectedChannel,
        out bool onExpectedChannel)
    {
        onExpectedChannel = false;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var isNotification = false;
        StampedPayload? stamps = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TypeName))
            {
                reader.Read();
                isNotification = reader.TokenType == JsonTokenType.String
                    && reader.ValueTextEquals("notification"u8);
            }
            else if (reader.ValueTextEquals(ChannelName))
            {
                // Compared in place: the agent reads every delivery, and allocates nothing per frame.
                reader.Read();
                onExpectedChannel = reader.TokenType == JsonTokenType.String
                    && reader.ValueTextEquals(expectedChannel);
            }
            else if (reader.ValueTextEquals(PayloadName))
            {
                reader.Read();
                stamps = ReadStamps(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return isNotification ? stamps : null;
    }

    /// <summary>
    /// Reads the stamps of a notification that a SignalR client handed over as the argument of
    /// <c>notification</c>; null for an argument of another shape.
    /// </summary>
    public static StampedPayload? FromNotification(
        JsonElement notification,
        string expectedChannel,
        out bool onExpectedChannel)
    {
        onExpectedChannel = false;
        if (notification.ValueKind != JsonValueKind.Object
            || !notification.TryGetProperty("type", out var type) || !type.ValueEquals("notification"))
        {
            return null;
        }

        onExpectedChannel = notification.TryGetProperty("channel", out var channel)
            && channel.ValueKind == JsonValueKind.String
            && channel.ValueEquals(expectedChannel);
        if (!notification.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("seq", out var sequence) || sequence.ValueKind != JsonValueKind.Number
            || !payload.TryGetProperty("sentAt", out var sentAt) || sentAt.ValueKind != JsonValueKind.Number
            || !sequence.TryGetInt64(out var number) || !sentAt.TryGetInt64(out var stamp))
        {
            return null;
        }

        return new StampedPayload(number, stamp);
    }

    private static StampedPayload? ReadStamps(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? sequence = null;
        long? sentAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSequence = reader.ValueTextEquals(SequenceName);
            var isSentAt = !isSequence && reader.ValueTextEquals(SentAtName);
            reader.Read();
            if ((isSequence || isSentAt)
                && reader.TokenType == JsonTokenType.Number
                && reader.TryGetInt64(out var value))
            {
                sequence = isSequence ? value : sequence;
                sentAt = isSentAt ? value : sentAt;
            }
            else
            {
                reader.Skip();
            }
        }

        return sequence is { } number && sentAt is { } stamp ? new StampedPayload(number, stamp) : null;
    }
}
