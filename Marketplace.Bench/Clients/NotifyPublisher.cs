using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Marketplace.Bench.Agents;

namespace Marketplace.Bench.Clients;

/// <summary>
/// A legacy client that publishes stamped payloads with <c>notify</c>: as fast as the server acknowledges them,
/// with at most a window of requests unanswered, or at a fixed rate within the same window.
/// </summary>
internal sealed class NotifyPublisher : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _refused = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _window;
    private readonly int _windowSize;
    private int _acknowledged;
    private Task _receiving = Task.CompletedTask;
    private volatile string? _failure;

    private NotifyPublisher(int window)
    {
        _window = new SemaphoreSlim(window);
        _windowSize = window;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>
    /// Connects the publisher to <paramref name="address"/>, to keep at most <paramref name="window"/> requests
    /// unanswered; it subscribes to nothing.
    /// </summary>
    /// <exception cref="BenchException">The server refused the connection.</exception>
    public static async Task<NotifyPublisher> ConnectAsync(
        Uri address,
        int window,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var publisher = new NotifyPublisher(window);
        try
        {
            await publisher._socket.ConnectAsync(address, cancellationToken);
        }
        catch (WebSocketException exception)
        {
            await publisher.DisposeAsync();
            throw new BenchException($"The publisher cannot connect to {address}: {exception.Message}", exception);
        }

        publisher._receiving = publisher.ReceiveLoopAsync();
        return publisher;
    }

    /// <summary>
    /// Publishes the sequence numbers <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>
    /// - 1, each to its channel in <paramref name="plan"/>, and waits for every answer.
    /// </summary>
    /// <param name="first">The first sequence number.</param>
    /// <param name="count">How many to publish.</param>
    /// <param name="plan">Names each publish's channel.</param>
    /// <param name="payloadBytes">The size of each payload's JSON.</param>
    /// <param name="perSecond">A fixed rate; null for as fast as the window allows.</param>
    /// <param name="cancellationToken">Stops publishing.</param>
    /// <exception cref="BenchException">The server closed the publisher's connection.</exception>
    public async Task<PublishOutcome> PublishAsync(
        int first,
        int count,
        SequencePlan plan,
        int payloadBytes,
        double? perSecond,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);

        lock (_lock)
        {
            _refused.Clear();
            _acknowledged = 0;
        }

        var buffer = new ArrayBufferWriter<byte>(payloadBytes + 128);
        var start = Stopwatch.GetTimestamp();

        for (var index = 0; index < count; index++)
        {
            if (perSecond is { } rate)
            {
                // Due on a fixed schedule from the first, so a slow send delays the next but not the rate.
                var due = start + (long)(index * Stopwatch.Frequency / rate);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            await _window.WaitAsync(cancellationToken);
            ThrowIfClosed();

            var sequence = first + index;
            buffer.ResetWrittenCount();
            new StampedPayload(sequence, Stopwatch.GetTimestamp())
                .WriteNotify(buffer, plan.ChannelName(plan.ChannelOf(sequence)), payloadBytes);
            await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken);
        }

        var sending = Stopwatch.GetElapsedTime(start);
        var unanswered = await WaitForAnswersAsync(cancellationToken);
        lock (_lock)
        {
            var refused = _refused.ToDictionary(StringComparer.Ordinal);
            return new PublishOutcome(count, _acknowledged, refused, sending, unanswered);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "benchmark over", timeout.Token);
                await _receiving.WaitAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The server went away or did not answer in time; the socket is dropped below either way.
            }
        }

        await _stopping.CancelAsync();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stopping.Dispose();
        _window.Dispose();
    }

    private async Task<int> WaitForAnswersAsync(CancellationToken cancellationToken)
    {
        // Every answer returns a slot; the window is whole again once every request is answered.
        var taken = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(AnswerTimeout.TotalSeconds * Stopwatch.Frequency);
        while (taken < _windowSize)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || _failure is not null
                || !await _window.WaitAsync(left, cancellationToken))
            {
                break;
            }

            taken++;
        }

        if (taken > 0)
        {
            _window.Release(taken);
        }

        return _windowSize - taken;
    }

    private void ThrowIfClosed()
    {
        if (_failure is { } reason)
        {
            throw new BenchException($"The server closed the publisher's connection: {reason}");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _stopping.Token);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _failure ??= $"{_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    break;
                }

                Answer(buffer.WrittenSpan);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            _failure ??= exception.Message;
        }
        finally
        {
            // A publisher blocked on a full window must see the failure rather than wait for ever.
            _window.Release();
        }
    }

    private void Answer(ReadOnlySpan<byte> frame)
    {
        using var document = JsonDocument.Parse(frame.ToArray());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var value) ? value.GetString() : null;
        if (type == "notify_ack")
        {
            lock (_lock)
            {
                _acknowledged++;
            }

            _window.Release();
        }
        else if (type == "error")
        {
            var code = root.TryGetProperty("error", out var error) ? error.GetString() ?? "?" : "?";
            lock (_lock)
            {
                _refused[code] = _refused.GetValueOrDefault(code) + 1;
            }

            _window.Release();
        }
    }
}
