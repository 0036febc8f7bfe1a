using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>Builds the frames a client sends: final, and masked with a fresh key as RFC 6455 requires.</summary>
internal static class WebSocketClientFrame
{
    /// <summary>The opcode of a text message.</summary>
    public const byte Text = 0x1;

    /// <summary>The opcode of a close frame.</summary>
    public const byte Close = 0x8;

    /// <summary>The opcode of a pong.</summary>
    public const byte Pong = 0xA;

    /// <summary>Builds one final frame of <paramref name="opcode"/> carrying <paramref name="payload"/>.</summary>
    public static byte[] Build(byte opcode, ReadOnlySpan<byte> payload)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (lengthBytes == 2)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var mask = frame.AsSpan(2 + lengthBytes, 4);
        RandomNumberGenerator.Fill(mask);
        var body = frame.AsSpan(6 + lengthBytes);
        for (var index = 0; index < payload.Length; index++)
        {
            body[index] = (byte)(payload[index] ^ mask[index % 4]);
        }

        return frame;
    }

    /// <summary>Builds a close frame with <paramref name="status"/> and no reason.</summary>
    public static byte[] BuildClose(ushort status)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, status);
        return Build(Close, payload);
    }
}
