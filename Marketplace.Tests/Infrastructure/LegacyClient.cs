using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A legacy client on a real <see cref="ClientWebSocket"/>: sends JSON frames and collects every frame received,
/// each checked to hold exactly one JSON object.
/// </summary>
public sealed class LegacyClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _receiving;

    private LegacyClient(ClientWebSocket socket, bool receive)
    {
        _socket = socket;
        _receiving = receive ? ReceiveLoopAsync() : Task.CompletedTask;
    }

    /// <summary>Gets the state of the socket.</summary>
    public WebSocketState State => _socket.State;

    /// <summary>Gets the status the server closed the connection with, once it did.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Gets a task that ends when the connection does.</summary>
    public Task Closed => _receiving;

    /// <summary>Connects to <paramref name="address"/>.</summary>
    /// <param name="address">The server's legacy endpoint.</param>
    /// <param name="receive">False for a client that never reads (and so never answers pings).</param>
    /// <param name="bearerToken">A token to send in the <c>Authorization</c> header, if any.</param>
    public static async Task<LegacyClient> ConnectAsync(Uri address, bool receive = true, string? bearerToken = null)
    {
        var socket = new ClientWebSocket();
        if (bearerToken is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {bearerToken}");
        }

        await socket.ConnectAsync(address, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return new LegacyClient(socket, receive);
    }

    /// <summary>Sends a text frame as it is.</summary>
    public Task SendRawAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends a text frame of any bytes, valid UTF-8 or not.</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    /// <summary>Sends <paramref name="request"/> serialised as JSON.</summary>
    public Task SendAsync(object request) => SendRawAsync(JsonSerializer.Serialize(request));

    /// <summary>Waits for the next frame.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        return await _frames.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Sends a request and returns the next frame, its reply.</summary>
    public async Task<JsonElement> RequestAsync(object request)
    {
        await SendAsync(request);
        return await ReceiveAsync();
    }

    /// <summary>Skips frames until one matches <paramref name="predicate"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (predicate(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Subscribes to <paramref name="channel"/> and waits for the confirmation.</summary>
    public async Task SubscribeAsync(string channel)
    {
        var reply = await RequestAsync(new { action = "subscribe", channel });
        Assert.Equal("subscribed", reply.GetProperty("type").GetString());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Default);
            try
            {
                // The receive loop sees the server's answering close frame and ends.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                await _receiving.WaitAsync(timeout.Token);
            }
            catch (WebSocketException)
            {
                // The server went first; there is nothing left to close.
            }
        }

        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the server's close as browsers do, completing the closing handshake.
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(
                            WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    _frames.Writer.TryComplete();
                    return;
                }

                // One frame, one JSON object: Parse throws on a second value, and the kind is checked.
                var frame = JsonElement.Parse(buffer.AsMemory(0, length).Span);
                Assert.Equal(JsonValueKind.Object, frame.ValueKind);
                await _frames.Writer.WriteAsync(frame);
            }
        }
        catch (Exception exception)
        {
            // The test waiting for the next frame fails with the reason, a broken frame or a lost connection.
            _frames.Writer.TryComplete(exception);
        }
    }
}
