using System.Net.WebSockets;
using System.Text.Json;

namespace Marketplace.Bench.Floor;

/// <summary>
/// A legacy subscriber on the platform alone: the WebSocket the middleware accepts, one receive at a time, and a
/// reply to <c>subscribe</c>. Every other frame is ignored.
/// </summary>
internal static class FloorEndpoint
{
    // Large enough for a subscribe request; while idle the connection holds no buffer (zero-byte receives).
    private const int RequestBytes = 512;

    /// <summary>Serves one connection until the client closes it.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        var channels = context.RequestServices.GetRequiredService<FloorChannels>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await RunAsync(socket, channels);
    }

    /// <summary>Serves an accepted socket until the client closes it.</summary>
    public static async Task RunAsync(WebSocket socket, FloorChannels channels)
    {
        string? joined = null;
        try
        {
            while (await ReceiveAsync(socket) is { } request)
            {
                if (ReadSubscription(request) is { } channel)
                {
                    channels.Join(channel, socket);
                    joined = channel;
                    var reply = JsonSerializer.SerializeToUtf8Bytes(new { type = "subscribed", channel });
                    await socket.SendAsync(reply, WebSocketMessageType.Text, endOfMessage: true, default);
                }
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);
        }
        catch (WebSocketException)
        {
            // The client went away without a close frame; there is nothing left to tell it.
        }
        finally
        {
            if (joined is not null)
            {
                channels.Leave(joined, socket);
            }
        }
    }

    // Waits for a message without a buffer, then reads it whole; null once the client has sent its close frame.
    private static async Task<byte[]?> ReceiveAsync(WebSocket socket)
    {
        var first = await socket.ReceiveAsync(Memory<byte>.Empty, default);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        var buffer = new byte[RequestBytes];
        var length = 0;
        while (!first.EndOfMessage)
        {
            first = await socket.ReceiveAsync(buffer.AsMemory(length), default);
            if (first.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += first.Count;
            if (length == buffer.Length && !first.EndOfMessage)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return buffer[..length];
    }

    private static string? ReadSubscription(byte[] request)
    {
        try
        {
            using var document = JsonDocument.Parse(request);
            var root = document.RootElement;
            return root.TryGetProperty("action", out var action) && action.ValueEquals("subscribe")
                && root.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.String
                ? channel.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
