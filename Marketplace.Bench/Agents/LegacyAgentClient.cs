using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

using Marketplace.Bench.Clients;

namespace Marketplace.Bench.Agents;

/// <summary>
/// A legacy WebSocket subscriber: <c>{"action":"subscribe"}</c>, then every frame counted in its tally. It never
/// sends on its own, so an idle one costs the server only its heartbeat.
/// </summary>
internal sealed class LegacyAgentClient : IAgentClient
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly Uri _address;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    /// <summary>Creates the client; nothing connects before <see cref="ConnectAsync"/>.</summary>
    public LegacyAgentClient(Uri address, ClientTally tally)
    {
        _address = address;
        Tally = tally;

        // The server's pings are answered while a receive is pending; a ping of the client's own would make an
        // idle connection less idle than a browser's.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <inheritdoc />
    public ClientTally Tally { get; }

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await LegacySocket.SubscribeAsync(_socket, _address, Tally.Channel, _buffer, cancellationToken);
        _receiving = ReceiveLoopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await LegacySocket.CloseAsync(_socket, _receiving, CloseTimeout);

        await _stopping.CancelAsync();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await LegacySocket.ReceiveMessageAsync(_socket, _buffer, _stopping.Token))
            {
                // Stamped before parsing, so the client's own work is not counted as the server's latency.
                var receivedAt = Stopwatch.GetTimestamp();
                var frame = _buffer.WrittenSpan;
                var stamps = StampedPayload.FromNotification(frame, Tally.ChannelUtf8, out var onChannel);
                Tally.Record(stamps, onChannel, receivedAt);
            }

            End($"closed by the server ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            End("the client stopped waiting for the server's close frame");
        }
        catch (Exception exception) when (exception is WebSocketException or JsonException)
        {
            End(exception.Message);
        }
    }

    private void End(string reason)
    {
        // A connection the agent itself is closing has not failed, whatever the server answers.
        if (!_closing)
        {
            Tally.Fail(reason);
        }
    }
}
