using System.Buffers;
using System.Text;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// Recognizes, from the first bytes a connection sends, a request that may open a legacy WebSocket: a whole
/// HTTP/1.1 <c>GET</c> head for <c>/</c> or <c>/ws</c> with an <c>Upgrade</c> header and nothing after it.
/// </summary>
/// <remarks>
/// Only a hint: the HTTP pipeline still reads the head and decides. A head that arrives in pieces, is larger
/// than <see cref="MaxBytes"/> or is followed by more bytes is not recognized, and the connection is served by
/// HTTP as it is.
/// </remarks>
internal static class UpgradeHead
{
    /// <summary>The largest head recognized.</summary>
    public const int MaxBytes = 8 * 1024;

    private static ReadOnlySpan<byte> End => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> Version => " HTTP/1.1\r\n"u8;

    private static ReadOnlySpan<byte> UpgradeHeader => "\r\nupgrade:"u8;

    /// <summary>
    /// Returns the head when <paramref name="buffer"/> holds exactly one that may open a legacy socket.
    /// </summary>
    public static byte[]? Find(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length is < 16 or > MaxBytes)
        {
            return null;
        }

        var head = buffer.ToArray();
        var span = head.AsSpan();
        var end = span.IndexOf(End);
        if (end < 0 || end + End.Length != span.Length || !span.StartsWith("GET "u8))
        {
            return null;
        }

        var target = span[4..];
        var targetEnd = target.IndexOf((byte)' ');
        if (targetEnd < 0 || !IsLegacyPath(target[..targetEnd]) || !target[targetEnd..].StartsWith(Version))
        {
            return null;
        }

        return ContainsIgnoringCase(span[..(end + 2)], UpgradeHeader) ? head : null;
    }

    private static bool IsLegacyPath(ReadOnlySpan<byte> target)
    {
        var query = target.IndexOf((byte)'?');
        var path = query < 0 ? target : target[..query];
        return path.SequenceEqual("/"u8) || Ascii.EqualsIgnoreCase(path, "/ws"u8);
    }

    private static bool ContainsIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase)
    {
        for (var start = 0; start + lowerCase.Length <= text.Length; start++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(start, lowerCase.Length), lowerCase))
            {
                return true;
            }
        }

        return false;
    }
}
