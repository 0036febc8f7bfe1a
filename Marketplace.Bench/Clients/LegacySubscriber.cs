using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Clients;

/// <summary>
/// A legacy WebSocket client subscribed to <c>productos</c> that records when each <c>product_created</c>
/// notification arrives, and can wait for one product's.
/// </summary>
internal sealed class LegacySubscriber : IAsyncDisposable
{
    /// <summary>The channel the server announces product changes on.</summary>
    public const string ProductChannel = "productos";

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly Lock _lock = new();
    private readonly List<Receipt> _receipts = [];
    private readonly HashSet<int> _seen = [];
    private readonly CancellationTokenSource _stopping = new();
    private (int ProductId, TaskCompletionSource<bool> Arrived)? _waiter;
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    private LegacySubscriber(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Gets why the connection ended before the client closed it; null while it is open.</summary>
    public string? Failure { get; private set; }

    /// <summary>Connects to <paramref name="address"/>, subscribes to <c>productos</c> and starts recording.</summary>
    /// <exception cref="BenchException">The server refused the connection or the subscription.</exception>
    public static async Task<LegacySubscriber> ConnectAsync(
        Uri address,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var subscriber = new LegacySubscriber(new ClientWebSocket());
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await LegacySocket.SubscribeAsync(
                subscriber._socket, address, ProductChannel, new ArrayBufferWriter<byte>(), deadline.Token);
        }
        catch (Exception exception)
        {
            await subscriber.DisposeAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var reason = exception is OperationCanceledException
                ? $"no confirmation within {timeout.TotalSeconds:0} s"
                : exception.Message;
            throw new BenchException($"Cannot subscribe to {ProductChannel} at {address}: {reason}", exception);
        }

        subscriber._receiving = subscriber.ReceiveLoopAsync();
        return subscriber;
    }

    /// <summary>Waits until the notification of product <paramref name="productId"/> has arrived.</summary>
    /// <returns>True when it arrived; false at the timeout or when the connection ended first.</returns>
    public async Task<bool> WaitForProductAsync(
        int productId,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<bool> arrived;
        lock (_lock)
        {
            if (_seen.Contains(productId))
            {
                return true;
            }

            if (Failure is not null)
            {
                return false;
            }

            arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (productId, arrived);
        }

        try
        {
            return await arrived.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_lock)
            {
                _waiter = null;
            }
        }
    }

    /// <summary>Gets a copy of the receipts so far, in arrival order.</summary>
    public IReadOnlyList<Receipt> Receipts()
    {
        lock (_lock)
        {
            return [.. _receipts];
        }
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
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (await LegacySocket.ReceiveMessageAsync(_socket, buffer, _stopping.Token))
            {
                // Stamped before parsing, so the client's own work is not counted as the server's latency.
                var receivedAt = Stopwatch.GetTimestamp();
                if (ProductCreated(buffer.WrittenMemory) is { } productId)
                {
                    Record(new Receipt(productId, receivedAt));
                }
            }

            EndWith($"the server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            EndWith("the client stopped waiting for the server's close frame");
        }
        catch (Exception exception) when (exception is WebSocketException or JsonException)
        {
            EndWith(exception.Message);
        }
    }

    private static int? ProductCreated(ReadOnlyMemory<byte> frame)
    {
        // {"type":"notification","channel":"productos","payload":{"event":"product_created","product":{...}}}
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var type) || !type.ValueEquals("notification")
            || !root.TryGetProperty("channel", out var channel) || !channel.ValueEquals(ProductChannel)
            || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("event", out var change) || !change.ValueEquals("product_created")
            || !payload.TryGetProperty("product", out var product) || product.ValueKind != JsonValueKind.Object
            || !product.TryGetProperty("idProducto", out var id) || !id.TryGetInt32(out var productId))
        {
            return null;
        }

        return productId;
    }

    private void Record(Receipt receipt)
    {
        lock (_lock)
        {
            _receipts.Add(receipt);
            _seen.Add(receipt.ProductId);
            if (_waiter is { } waiter && waiter.ProductId == receipt.ProductId)
            {
                waiter.Arrived.TrySetResult(true);
            }
        }
    }

    private void EndWith(string reason)
    {
        lock (_lock)
        {
            // A connection the client itself is closing has not failed, whatever the server answers.
            if (!_closing)
            {
                Failure ??= reason;
            }

            _waiter?.Arrived.TrySetResult(false);
        }
    }
}
