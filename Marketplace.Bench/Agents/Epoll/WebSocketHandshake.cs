using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>The client's side of the HTTP/1.1 upgrade that opens a WebSocket (RFC 6455, section 4).</summary>
internal sealed class WebSocketHandshake
{
    private const string AcceptSuffix = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly string _key;

    /// <summary>Creates a handshake with a fresh random key.</summary>
    public WebSocketHandshake()
        : this(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)))
    {
    }

    /// <summary>Creates a handshake with <paramref name="key"/>, sixteen bytes in base64.</summary>
    public WebSocketHandshake(string key)
    {
        _key = key;
    }

    /// <summary>Gets the upgrade request for <paramref name="address"/>, a <c>ws://</c> URL.</summary>
    public byte[] Request(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);

        return Encoding.ASCII.GetBytes(
            $"GET {address.PathAndQuery} HTTP/1.1\r\n" +
            $"Host: {address.Authority}\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {_key}\r\n" +
            "Sec-WebSocket-Version: 13\r\n\r\n");
    }

    /// <summary>
    /// Finds the end of the response's head in <paramref name="received"/>, and checks the head once it is whole.
    /// </summary>
    /// <returns>The length of the head with its blank line; zero while it is not whole.</returns>
    /// <exception cref="WebSocketException">The server did not accept the upgrade.</exception>
    [SuppressMessage(
        "Security",
        "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 6455 fixes SHA-1 for the accept key, which proves the upgrade, not a secret.")]
    public int ReadResponse(ReadOnlySpan<byte> received)
    {
        var end = received.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return 0;
        }

        var head = Encoding.ASCII.GetString(received[..end]);
        var lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new WebSocketException($"the server refused the upgrade: {lines[0]}");
        }

        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(_key + AcceptSuffix)));
        var accepted = lines.Any(line => line.StartsWith("Sec-WebSocket-Accept:", StringComparison.OrdinalIgnoreCase)
            && line["Sec-WebSocket-Accept:".Length..].Trim() == expected);
        return accepted
            ? end + 4
            : throw new WebSocketException("the server's Sec-WebSocket-Accept does not answer the key sent.");
    }
}
