using System.Buffers;
using System.Buffers.Binary;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Writes messages as whole WebSocket text frames, header included, as a server sends them (unmasked, one
/// frame per message). A broadcast is framed once and its bytes go to every legacy recipient as they are.
/// </summary>
internal sealed class LegacyFrameWriter
{
    // Large enough for nearly every reply and notification; a larger buffer is not kept between messages.
    private const int RetainedCapacity = 16 * 1024;

    /// <summary>Gets a ping frame with no payload, shared by every client; nobody may change it.</summary>
    public static ArraySegment<byte> Ping { get; } = new([0x89, 0x00]);

    // The protocol writes one message at a time per thread, so each thread keeps one payload buffer.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_payload;

    /// <summary>Gets the buffer to write the next message's payload to, emptied.</summary>
    public static ArrayBufferWriter<byte> RentPayload()
    {
        var payload = t_payload ?? new ArrayBufferWriter<byte>(1024);
        t_payload = null;
        payload.ResetWrittenCount();
        return payload;
    }

    /// <summary>Writes <paramref name="payload"/>'s content as one text frame and takes the buffer back.</summary>
    public static void WriteTextFrame(ArrayBufferWriter<byte> payload, IBufferWriter<byte> output)
    {
        WriteTextFrame(payload.WrittenSpan, output);

        if (payload.Capacity <= RetainedCapacity)
        {
            t_payload = payload;
        }
    }

    /// <summary>Writes <paramref name="payload"/> as one text frame.</summary>
    public static void WriteTextFrame(ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        var headerSize = payload.Length switch
        {
            < 126 => 2,
            <= ushort.MaxValue => 4,
            _ => 10,
        };

        var frame = output.GetSpan(headerSize + payload.Length);

        // FIN and the text opcode; server frames carry no mask.
        frame[0] = 0x81;
        switch (headerSize)
        {
            case 2:
                frame[1] = (byte)payload.Length;
                break;
            case 4:
                frame[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)payload.Length);
                break;
            default:
                frame[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame[2..], (ulong)payload.Length);
                break;
        }

        payload.CopyTo(frame[headerSize..]);
        output.Advance(headerSize + payload.Length);
    }
}
