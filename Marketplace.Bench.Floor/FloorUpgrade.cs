using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using Marketplace.Hubs.Legacy.Takeover;
using Microsoft.AspNetCore.Connections;

namespace Marketplace.Bench.Floor;

/// <summary>
/// The legacy subscriber below Kestrel's HTTP layer: a connection middleware that answers a WebSocket upgrade on
/// <c>/ws</c> itself and runs the socket on the raw connection, so the connection keeps none of Kestrel's
/// per-request objects. Anything else goes on to HTTP untouched.
/// </summary>
/// <remarks>
/// A measuring instrument for the memory floor, not a server: the head is checked only as far as the bench's
/// clients need (one read, no size limit, no header folding).
/// </remarks>
internal static class FloorUpgrade
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Upgrade = "GET /ws "u8.ToArray();
    private static readonly byte[] KeyHeader = "\r\nsec-websocket-key:"u8.ToArray();

    /// <summary>Wraps the connection's next step.</summary>
    public static ConnectionDelegate Use(ConnectionDelegate next, FloorChannels channels) =>
        connection => HandleAsync(connection, next, channels);

    private static async Task HandleAsync(
        ConnectionContext connection, ConnectionDelegate next, FloorChannels channels)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            var head = buffer.Length > 4096 ? buffer.Slice(0, 4096) : buffer;
            var bytes = head.ToArray();
            var end = bytes.AsSpan().IndexOf(HeadEnd);
            if (!bytes.AsSpan().StartsWith(Upgrade) || (end < 0 && bytes.Length == 4096) || result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start);
                await next(connection);
                return;
            }

            if (end < 0)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            input.AdvanceTo(buffer.GetPosition(end + HeadEnd.Length));
            await ServeAsync(connection.Transport, ReadKey(bytes.AsSpan(0, end + 2)), channels);
            return;
        }
    }

    private static async Task ServeAsync(IDuplexPipe transport, string key, FloorChannels channels)
    {
        var accept = WebSocketAcceptKey.For(key);
        var response = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            $"Sec-WebSocket-Accept: {accept}\r\n\r\n";
        await transport.Output.WriteAsync(Encoding.ASCII.GetBytes(response));

        using var socket = WebSocket.CreateFromStream(new TransportStream(transport), new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.FromSeconds(10),
            KeepAliveTimeout = TimeSpan.FromSeconds(5),
        });
        await FloorEndpoint.RunAsync(socket, channels);
    }

    private static string ReadKey(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head);
        var start = text.IndexOf(Encoding.ASCII.GetString(KeyHeader), StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return string.Empty;
        }

        start += KeyHeader.Length;
        return text[start..text.IndexOf("\r\n", start, StringComparison.Ordinal)].Trim();
    }
}
