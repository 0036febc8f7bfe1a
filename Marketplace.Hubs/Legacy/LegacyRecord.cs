using System.Buffers;
using System.Buffers.Binary;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The framing of a legacy client's messages on their way to the hub pipeline.
/// </summary>
/// <remarks>
/// Each WebSocket message travels whole, behind a kind byte and its length, so any byte a client sends reaches
/// the parser, which reports bad JSON as such. The other way, the protocol writes WebSocket frames
/// (<see cref="LegacyFrameWriter"/>).
/// </remarks>
internal static class LegacyRecord
{
    /// <summary>The bytes before each incoming message: its kind and its length.</summary>
    public const int HeaderSize = 5;

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
}
