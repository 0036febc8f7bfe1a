using System.Buffers.Binary;
using System.Net.WebSockets;

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>
/// Cuts the bytes a client receives into RFC 6455 frames, however the reads split them, and joins fragmented
/// messages. Bytes of a frame not yet whole wait in a buffer of its own; whole frames are read in place.
/// </summary>
internal sealed class WebSocketFrameReader
{
    /// <summary>The largest frame or message accepted, far above anything the bench publishes.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    private const byte Final = 0x80;
    private const byte Reserved = 0x70;
    private const byte Masked = 0x80;

    private byte[] _partial = [];
    private int _partialCount;
    private byte[] _message = [];
    private int _messageCount;
    private bool _inMessage;

    /// <summary>Reads <paramref name="received"/>, handing each whole frame to <paramref name="sink"/>.</summary>
    /// <exception cref="WebSocketException">The bytes break the protocol.</exception>
    public void Read(ReadOnlySpan<byte> received, IWebSocketFrameSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);

        if (_partialCount == 0)
        {
            var consumed = ReadFrames(received, sink);
            Keep(received[consumed..]);
            return;
        }

        Keep(received);
        var used = ReadFrames(_partial.AsSpan(0, _partialCount), sink);
        _partial.AsSpan(used, _partialCount - used).CopyTo(_partial);
        _partialCount -= used;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> bytes, out int headerBytes, out long payloadBytes)
    {
        headerBytes = 2;
        payloadBytes = 0;
        if (bytes.Length < 2)
        {
            return false;
        }

        if ((bytes[1] & Masked) != 0)
        {
            throw new WebSocketException("the server masked a frame, which RFC 6455 forbids.");
        }

        payloadBytes = bytes[1] & 0x7F;
        if (payloadBytes == 126)
        {
            headerBytes = 4;
            payloadBytes = bytes.Length < 4 ? 0 : BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        }
        else if (payloadBytes == 127)
        {
            headerBytes = 10;
            payloadBytes = bytes.Length < 10 ? 0 : (long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
        }

        if (payloadBytes is < 0 or > MaxMessageBytes)
        {
            throw new WebSocketException($"a frame declares more than {MaxMessageBytes} bytes.");
        }

        return bytes.Length >= headerBytes;
    }

    private int ReadFrames(ReadOnlySpan<byte> bytes, IWebSocketFrameSink sink)
    {
        var consumed = 0;
        while (TryReadHeader(bytes[consumed..], out var headerBytes, out var payloadBytes)
            && bytes.Length - consumed - headerBytes >= payloadBytes)
        {
            var first = bytes[consumed];
            var payload = bytes.Slice(consumed + headerBytes, (int)payloadBytes);
            consumed += headerBytes + (int)payloadBytes;
            if ((first & Reserved) != 0)
            {
                throw new WebSocketException("the server set reserved bits that no extension agreed.");
            }

            Dispatch((first & Final) != 0, first & 0x0F, payload, sink);
        }

        return consumed;
    }

    private void Dispatch(bool final, int opcode, ReadOnlySpan<byte> payload, IWebSocketFrameSink sink)
    {
        switch (opcode)
        {
            case 0x1 or 0x2 when _inMessage:
                throw new WebSocketException("a new message began before the last one ended.");
            case 0x1 or 0x2 when final:
                sink.OnMessage(payload);
                break;
            case 0x1 or 0x2:
                _inMessage = true;
                _messageCount = 0;
                Append(ref _message, ref _messageCount, payload);
                break;
            case 0x0 when !_inMessage:
                throw new WebSocketException("a continuation frame came with no message to continue.");
            case 0x0:
                Append(ref _message, ref _messageCount, payload);
                _inMessage = !final;
                if (final)
                {
                    sink.OnMessage(_message.AsSpan(0, _messageCount));
                }

                break;
            case 0x8:
                sink.OnClose(payload);
                break;
            case 0x9:
                sink.OnPing(payload);
                break;
            case 0xA:
                break;
            default:
                throw new WebSocketException($"the server sent opcode {opcode}, which RFC 6455 does not define.");
        }
    }

    private void Keep(ReadOnlySpan<byte> rest) => Append(ref _partial, ref _partialCount, rest);

    private static void Append(ref byte[] buffer, ref int count, ReadOnlySpan<byte> bytes)
    {
        if (count + bytes.Length > MaxMessageBytes)
        {
            throw new WebSocketException($"a message grew past {MaxMessageBytes} bytes.");
        }

        if (count + bytes.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(count + bytes.Length, Math.Max(256, buffer.Length * 2)));
        }

        bytes.CopyTo(buffer.AsSpan(count));
        count += bytes.Length;
    }
}
