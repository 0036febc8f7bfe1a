using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Marketplace.Bench.Clients;

/// <summary>
/// What every legacy WebSocket client of the bench does the same way: subscribe and wait for the confirmation,
/// read one whole message, and close politely.
/// </summary>
internal static class LegacySocket
{
    /// <summary>Connects, subscribes to <paramref name="channel"/> and waits for <c>subscribed</c>.</summary>
    /// <exception cref="WebSocketException">The server closed the connection or answered with an error.</exception>
    public static async Task SubscribeAsync(
        ClientWebSocket socket,
        Uri address,
        string channel,
        ArrayBufferWriter<byte> buffer,
        CancellationToken cancellationToken)
    {
        await socket.ConnectAsync(address, cancellationToken);

        var request = Encoding.UTF8.GetBytes($$"""{"action":"subscribe","channel":"{{channel}}"}""");
        await socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

        while (true)
        {
            if (!await ReceiveMessageAsync(socket, buffer, cancellationToken))
            {
                throw new WebSocketException("the server closed the connection before confirming the subscription.");
            }

            using var reply = JsonDocument.Parse(buffer.WrittenMemory);
            var type = reply.RootElement.TryGetProperty("type", out var value) ? value.GetString() : null;
            if (type == "subscribed")
            {
                return;
            }

            if (type == "error")
            {
                throw new WebSocketException($"the server answered {reply.RootElement.GetRawText()}");
            }
        }
    }

    /// <summary>Reads one whole message into <paramref name="buffer"/>; false when it is the close frame.</summary>
    public static async Task<bool> ReceiveMessageAsync(
        ClientWebSocket socket,
        ArrayBufferWriter<byte> buffer,
        CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(512), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Sends the close frame and waits up to <paramref name="timeout"/> for <paramref name="receiving"/>, the
    /// receive loop, to see the server's answer.
    /// </summary>
    public static async Task CloseAsync(ClientWebSocket socket, Task receiving, TimeSpan timeout)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "benchmark over", deadline.Token);
            await receiving.WaitAsync(deadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The server went away or did not answer in time; the caller drops the socket either way.
        }
    }
}
