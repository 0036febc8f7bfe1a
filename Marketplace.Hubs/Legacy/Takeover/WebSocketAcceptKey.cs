using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// The <c>Sec-WebSocket-Accept</c> value that proves to a client the server read its handshake (RFC 6455, 4.2.2).
/// </summary>
internal static class WebSocketAcceptKey
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Returns the answer to the client's <c>Sec-WebSocket-Key</c>.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 6455 fixes SHA-1 here; it guards no secret.")]
    public static string For(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + Guid)));
}
