using System.Buffers;
using System.Buffers.Binary;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The framing between a legacy socket and the hub pipeline, which both ends of the pipe pair share.
/// </summary>
/// <remarks>
/// Towards the hub each WebSocket message travels whole, behind a kind byte and its length, so any byte a
/// client sends (a stray record separator included) reaches the parser, which reports it as bad JSON. Back
/// towards the socket each message ends with a record separator: the protocol writes JSON, which escapes
/// control characters, so the separator can never occur inside a message.
/// </remarks>
internal static class LegacyRecord
{
    /// <summary>The bytes before each incoming message: its kind and its length.</summary>
    public const int HeaderSize = 5;

    /// <summary>Ends each outgoing message.</summary>
    public const byte Separator = 0x1E;

    /// <summary>Writes a whole client message.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, ReadOnlySpan<byte> frame)
    {
        var span = output.GetSpan(HeaderSize + frame.Length);
        span[0] = (byte)LegacyRecordKind.Frame;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], frame.Length);
        frame.CopyTo(span[HeaderSize..]);
        output.Advance(HeaderSize + frame.Length);
    }

    /// <summary>Writes the mark of a client message that was too large and was dropped unread.</summary>
    public static void WriteOversized(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(HeaderSize);
        span[0] = (byte)LegacyRecordKind.Oversized;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], 0);
        output.Advance(HeaderSize);
    }

    /// <summary>Reads one incoming record when the whole of it is in <paramref name="input"/>.</summary>
    public static bool TryReadIncoming(
        ref ReadOnlySequence<byte> input,
        out LegacyRecordKind kind,
        out ReadOnlySequence<byte> frame)
    {
        kind = default;
        frame = default;

        if (input.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        input.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);

        if (input.Length < HeaderSize + length)
        {
            return false;
        }

        kind = (LegacyRecordKind)header[0];
        frame = input.Slice(HeaderSize, length);
        input = input.Slice(frame.End);
        return true;
    }

    /// <summary>Reads one outgoing message, without its separator, when the whole of it is in the buffer.</summary>
    public static bool TryReadOutgoing(ref ReadOnlySequence<byte> input, out ReadOnlySequence<byte> message)
    {
        var end = input.PositionOf(Separator);
        if (end is null)
        {
            message = default;
            return false;
        }

        message = input.Slice(0, end.Value);
        input = input.Slice(input.GetPosition(1, end.Value));
        return true;
    }
}
